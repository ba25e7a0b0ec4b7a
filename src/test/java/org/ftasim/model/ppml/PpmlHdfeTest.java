package org.ftasim.model.ppml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftasim.SharedData;
import org.ftasim.model.ppml.PpmlKernels.Vcov;
import org.junit.jupiter.api.Test;

class PpmlHdfeTest {

  /** Yotov et al. (2016) ch. 1: RTA effect with exporter-year, importer-year and pair effects, years 1986, 1990 … 2006. */
  static List<InMemoryPanel.Obs> yotov() throws Exception {
    Path file = SharedData.require("yotov2016/rta_panel_1986_2006.csv");
    List<String> lines = Files.readAllLines(file);
    Map<String, Integer> h = new java.util.HashMap<>();
    String[] names = lines.get(0).split(",");
    for (int i = 0; i < names.length; i++) {
      h.put(names[i], i);
    }
    Set<String> years = Set.of("1986", "1990", "1994", "1998", "2002", "2006");
    List<InMemoryPanel.Obs> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String year = f[h.get("year")];
      if (!years.contains(year)) {
        continue;
      }
      String exp = f[h.get("exporter")];
      String imp = f[h.get("importer")];
      String pair = exp.equals(imp) ? "intra" : f[h.get("pair_id")];
      rows.add(new InMemoryPanel.Obs(Double.parseDouble(f[h.get("trade")]),
          new double[] {Double.parseDouble(f[h.get("RTA")])}, new String[] {exp + "^" + year, imp + "^" + year},
          pair));
    }
    return rows;
  }

  @Test
  void reproducesYotovChapterOneRtaWithPairEffects() throws Exception {
    InMemoryPanel.Built p = InMemoryPanel.build(yotov(), 7);
    Formula f = Formula.parse("trade ~ RTA | exporter^year + importer^year + pair");
    PpmlHdfe.Result r = PpmlHdfe.fit(PpmlHdfe.inMemory(p.blocks()), f, p.levels(), PpmlHdfe.Options.defaults());
    assertThat(r.nObs()).isEqualTo(28_482);
    assertThat(r.separated()).isEqualTo(84);
    assertThat(r.singletons()).isZero();
    assertThat(r.beta()[0]).isCloseTo(0.5572, within(1e-4));
    assertThat(r.stdError(0)).isCloseTo(0.0558, within(1e-3));
  }

  /**
   * A panel drawn from the model itself: 40 countries, 6 years, y ~ Poisson(exp(0.5 x1 − 0.3 rta + effects)), plus
   * one pair that never trades (separated) and one pair seen once (a singleton).
   */
  static List<InMemoryPanel.Obs> generated(long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    int n = 40;
    int years = 6;
    double[] expEffect = new double[n * years];
    double[] impEffect = new double[n * years];
    for (int i = 0; i < expEffect.length; i++) {
      expEffect[i] = rnd.nextGaussian();
      impEffect[i] = rnd.nextGaussian();
    }
    List<InMemoryPanel.Obs> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double pairEffect = i == j ? 3 : rnd.nextGaussian() - 1;
        for (int t = 0; t < years; t++) {
          String pair = i < j ? i + "-" + j : j + "-" + i;
          if (i == 1 && j == 2 && t > 0) {
            continue;
          }
          double x1 = rnd.nextGaussian();
          double rta = i != j && (i + j + t) % 3 == 0 ? 1 : 0;
          double mu = Math.exp(0.5 * x1 - 0.3 * rta + expEffect[i * years + t] + impEffect[j * years + t]
              + pairEffect + 2);
          double y = poisson(rnd, mu);
          if (pair.equals("3-4")) {
            y = 0;
          }
          rows.add(new InMemoryPanel.Obs(y, new double[] {x1, rta}, new String[] {i + "^" + t, j + "^" + t},
              i == 1 && j == 2 ? "single" : pair));
        }
      }
    }
    return rows;
  }

  private static double poisson(java.util.Random rnd, double mu) {
    if (mu > 50) {
      return Math.max(0, Math.round(mu + Math.sqrt(mu) * rnd.nextGaussian()));
    }
    double l = Math.exp(-mu);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }

  @Test
  void recoversKnownCoefficientsAndReportsWhatItDropped() {
    List<InMemoryPanel.Obs> rows = generated(11);
    InMemoryPanel.Built p = InMemoryPanel.build(rows, 5);
    PpmlHdfe.Result r = PpmlHdfe.fit(PpmlHdfe.inMemory(p.blocks()),
        Formula.parse("y ~ x1 + rta | exp^year + imp^year + pair"), p.levels(), PpmlHdfe.Options.defaults());
    assertThat(r.converged()).isTrue();
    assertThat(Math.abs(r.beta()[0] - 0.5)).isLessThan(3 * r.stdError(0));
    assertThat(Math.abs(r.beta()[1] + 0.3)).isLessThan(3 * r.stdError(1));
    // pair 3-4 (both directions, 6 years each) never trades, nor do some pairs by chance; the pair seen once is a
    // singleton
    java.util.Map<String, double[]> byPair = new java.util.HashMap<>();
    for (InMemoryPanel.Obs o : rows) {
      double[] t = byPair.computeIfAbsent(o.local(), key -> new double[2]);
      t[0] += o.y();
      t[1]++;
    }
    long zeroPairs = byPair.values().stream().filter(t -> t[0] == 0 && t[1] > 1).mapToLong(t -> (long) t[1]).sum();
    assertThat(zeroPairs).isGreaterThanOrEqualTo(12);
    assertThat(r.separated()).isEqualTo(zeroPairs);
    assertThat(r.singletons()).isEqualTo(1);
    assertThat(r.nObs()).isEqualTo(rows.size() - zeroPairs - 1);
  }

  @Test
  void blocksChangeNothingButRounding() {
    List<InMemoryPanel.Obs> rows = generated(5);
    Formula f = Formula.parse("y ~ x1 + rta | exp^year + imp^year + pair");
    InMemoryPanel.Built one = InMemoryPanel.build(rows, 1);
    InMemoryPanel.Built many = InMemoryPanel.build(rows, 9);
    PpmlHdfe.Result a = PpmlHdfe.fit(PpmlHdfe.inMemory(one.blocks()), f, one.levels(), PpmlHdfe.Options.defaults());
    PpmlHdfe.Result b = PpmlHdfe.fit(PpmlHdfe.inMemory(many.blocks()), f, many.levels(),
        PpmlHdfe.Options.defaults());
    assertThat(b.beta()[0]).isCloseTo(a.beta()[0], within(1e-8));
    assertThat(b.beta()[1]).isCloseTo(a.beta()[1], within(1e-8));
    PpmlHdfe.Result again = PpmlHdfe.fit(PpmlHdfe.inMemory(many.blocks()), f, many.levels(),
        PpmlHdfe.Options.defaults());
    assertThat(again.beta()).containsExactly(b.beta());
    assertThat(again.covariance()).containsExactly(b.covariance());
  }

  @Test
  void clusteredErrorsByPairAreLargerThanRobustOnYotov() throws Exception {
    InMemoryPanel.Built p = InMemoryPanel.build(yotov(), 3);
    Formula f = Formula.parse("trade ~ RTA | exporter^year + importer^year + pair");
    PpmlHdfe.Result r = PpmlHdfe.fit(PpmlHdfe.inMemory(p.blocks()), f, p.levels(),
        PpmlHdfe.Options.defaults().withVcov(Vcov.CLUSTER_LOCAL, 0));
    assertThat(r.beta()[0]).isCloseTo(0.5572, within(1e-4));
    assertThat(r.clusters()).isGreaterThan(2000);
    assertThat(r.stdError(0)).isGreaterThan(0.0558);
  }

  @Test
  void aFitThatCannotConvergeSaysSo() throws Exception {
    InMemoryPanel.Built p = InMemoryPanel.build(yotov(), 2);
    Formula f = Formula.parse("trade ~ RTA | exporter^year + importer^year + pair");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PpmlHdfe.fit(PpmlHdfe.inMemory(p.blocks()), f,
        p.levels(), PpmlHdfe.Options.defaults().withMaxIterations(2)))
        .isInstanceOf(org.ftasim.model.ModelDataException.class)
        .hasMessageContaining("did not converge in 2 iterations").hasMessageContaining("--max-iterations");
  }

  @Test
  void formulaErrorsNameTheTerm() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Formula.parse("trade RTA | pair"))
        .hasMessageContaining("exactly one '~'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Formula.parse("trade ~ RTA + RTA | pair"))
        .hasMessageContaining("'RTA' appears twice");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Formula.parse("trade ~ ln(DIST) | pair"))
        .hasMessageContaining("'ln(DIST)' is not a column name");
    Formula f = Formula.parse(" trade~RTA+ CNTG |exporter^year+pair ");
    assertThat(f.toString()).isEqualTo("trade ~ RTA + CNTG | exporter^year + pair");
  }
}
