package org.ftasim.model.gravity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ftasim.model.ModelErrors;
import org.ftasim.model.ppml.Formula;
import org.ftasim.model.ppml.InMemoryPanel;
import org.ftasim.model.ppml.PanelBlock;
import org.ftasim.model.ppml.PpmlHdfe;
import org.ftasim.model.ppml.PpmlKernels;

/**
 * Baseline bilateral trade costs from a PPML gravity estimate with pair fixed effects (Yotov, Piermartini, Monteiro
 * &amp; Larch 2016, ch. 2; Anderson &amp; Yotov 2016): ln t_ij^{1−σ} = Σ_k β_k x_ij^k + γ_ij, γ_ij the estimated pair
 * effect. A pair without one (it never traded in the estimation sample) gets the second stage's prediction:
 * exp(γ_ij) regressed by PPML on the fill covariates z_ij with exporter and importer effects over the international
 * pairs that have one, and γ̂_ij = z_ij'φ + a_i + b_j.
 */
public final class PairCosts {
  private PairCosts() {}

  /**
   * @param lnPair γ_ij by {@link GravityData#pair}, with the pairs that were filled
   * @param fillCoefficients φ by fill covariate (empty when nothing needed filling)
   */
  public record Filled(double[] lnPair, Map<String, Double> fillCoefficients, int estimated, int filled) {}

  /**
   * @param lnPair γ_ij, NaN where the estimate has none
   * @param fill the second stage's covariates, columns of {@code data}
   */
  public static Filled fill(GravityData data, double[] lnPair, List<String> fill) {
    int n = data.n();
    List<String> missing = new ArrayList<>();
    int estimated = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (Double.isNaN(lnPair[data.pair(i, j)])) {
          if (i == j) {
            throw ModelErrors.noDomesticPairEffect(data.countries().get(i));
          }
          missing.add(data.countries().get(i) + " → " + data.countries().get(j));
        } else {
          estimated++;
        }
      }
    }
    if (missing.isEmpty()) {
      return new Filled(lnPair.clone(), Map.of(), estimated, 0);
    }
    if (fill.isEmpty()) {
      throw ModelErrors.pairsWithoutEffect(missing.size(), String.join(", ", missing.subList(0, Math.min(3,
          missing.size()))));
    }
    for (String c : fill) {
      if (!data.covariates().containsKey(c)) {
        throw ModelErrors.unknownFillCovariate(c, String.join(", ", data.covariates().keySet()));
      }
    }
    List<InMemoryPanel.Obs> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int p = data.pair(i, j);
        if (i != j && !Double.isNaN(lnPair[p])) {
          double[] z = new double[fill.size()];
          for (int k = 0; k < z.length; k++) {
            z[k] = data.covariates().get(fill.get(k))[p];
          }
          rows.add(new InMemoryPanel.Obs(Math.exp(lnPair[p]), z, new String[] {data.countries().get(j)},
              data.countries().get(i)));
        }
      }
    }
    Formula formula = new Formula("exp_pair_effect", fill, List.of(List.of("importer"), List.of("exporter")));
    InMemoryPanel.Built panel = InMemoryPanel.build(rows, 1);
    PpmlHdfe.Result fit = PpmlHdfe.fit(panel.passes(), formula, panel.levels(), PpmlHdfe.Options.defaults());
    Map<String, Double> exporterEffect = new HashMap<>();
    for (PanelBlock b : panel.blocks()) {
      for (PpmlKernels.LocalEffect e : PpmlKernels.localEffects(b, fit.levelWhy(), fit.state())) {
        exporterEffect.put(e.level(), e.estimate());
      }
    }
    Map<String, Integer> importerLevel = new HashMap<>();
    String[] importers = panel.dictionaries().get(0);
    for (int l = 0; l < importers.length; l++) {
      if (fit.levelWhy()[0][l] == PpmlKernels.KEPT) {
        importerLevel.put(importers[l], l);
      }
    }
    double[] out = lnPair.clone();
    int filled = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int p = data.pair(i, j);
        if (!Double.isNaN(out[p])) {
          continue;
        }
        Double a = exporterEffect.get(data.countries().get(i));
        Integer b = importerLevel.get(data.countries().get(j));
        if (a == null || b == null) {
          throw ModelErrors.pairCannotBeFilled(data.countries().get(i), data.countries().get(j), a == null);
        }
        double g = a + fit.state().fe()[0][b];
        for (int k = 0; k < fill.size(); k++) {
          g += fit.beta()[k] * data.covariates().get(fill.get(k))[p];
        }
        out[p] = g;
        filled++;
      }
    }
    Map<String, Double> phi = new java.util.LinkedHashMap<>();
    for (int k = 0; k < fill.size(); k++) {
      phi.put(fill.get(k), fit.beta()[k]);
    }
    return new Filled(out, phi, estimated, filled);
  }
}
