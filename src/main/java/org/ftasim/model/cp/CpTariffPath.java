package org.ftasim.model.cp;

import java.io.Serializable;
import java.util.List;
import org.ftasim.model.ModelErrors;

/**
 * Tariffs of a phase-in: for each year, the baseline's tariffs and each scenario's, in the layout of
 * {@link CpData#pair}. A year's effect of a scenario is the Caliendo–Parro comparison of the equilibrium under the
 * scenario's tariffs of that year with the equilibrium under the baseline's of the same year (both from the same
 * reference-year data), so the path isolates the agreement from what the baseline's own agreements do meanwhile.
 *
 * @param scenarios scenario ids
 * @param years the years, ascending
 * @param baseline baseline tariffs by year index
 * @param scenario scenario tariffs by scenario and year index
 * @param first for each scenario, the index of its first year (entry into force): earlier years equal the baseline
 * @param iceberg for each scenario and year, d̂ of its non-tariff trade costs against the baseline's (1 = none)
 */
public record CpTariffPath(List<String> scenarios, int[] years, double[][] baseline, double[][][] scenario,
    int[] first, double[][][] iceberg) implements Serializable {

  /** A path of tariffs alone: every d̂ is 1. */
  public CpTariffPath(List<String> scenarios, int[] years, double[][] baseline, double[][][] scenario, int[] first) {
    this(scenarios, years, baseline, scenario, first, ones(scenario));
  }

  private static double[][][] ones(double[][][] like) {
    double[][][] out = new double[like.length][][];
    for (int k = 0; k < like.length; k++) {
      out[k] = new double[like[k].length][];
      for (int y = 0; y < like[k].length; y++) {
        out[k][y] = new double[like[k][y].length];
        java.util.Arrays.fill(out[k][y], 1.0);
      }
    }
    return out;
  }

  public CpTariffPath {
    if (baseline.length != years.length) {
      throw ModelErrors.baselineYears(baseline.length, years.length);
    }
    if (scenario.length != scenarios.size() || first.length != scenarios.size()) {
      throw ModelErrors.scenarioCount(scenario.length, scenarios.size());
    }
    for (int y = 1; y < years.length; y++) {
      if (years[y] <= years[y - 1]) {
        throw ModelErrors.yearsNotAscending(years[y - 1], years[y]);
      }
    }
    if (iceberg.length != scenario.length) {
      throw ModelErrors.icebergCount(iceberg.length, scenario.length);
    }
    for (int k = 0; k < scenario.length; k++) {
      if (iceberg[k].length != years.length) {
        throw ModelErrors.icebergYears(scenarios.get(k), iceberg[k].length, years.length);
      }
      if (scenario[k].length != years.length || first[k] < 0 || first[k] > years.length) {
        throw ModelErrors.tariffYears(scenarios.get(k), scenario[k].length, first[k], years.length);
      }
    }
  }

  /**
   * The index of the first year in which a scenario's tariffs differ from the baseline's ({@code years.length} if
   * they never do): its entry into force as far as the model can see.
   */
  public static int firstDifference(double[][] baseline, double[][] scenario) {
    return firstDifference(baseline, scenario, null);
  }

  /** As above, a year with a non-tariff cut (d̂ ≠ 1) counting as a difference too. */
  public static int firstDifference(double[][] baseline, double[][] scenario, double[][] iceberg) {
    for (int y = 0; y < baseline.length; y++) {
      for (int p = 0; p < baseline[y].length; p++) {
        if (scenario[y][p] != baseline[y][p] || iceberg != null && iceberg[y][p] != 1) {
          return y;
        }
      }
    }
    return baseline.length;
  }

  /**
   * Tariffs when only a share u of the trade a scenario's new preferences cover claims them (the rest stays under
   * the baseline's regime): τ(u) = τ_baseline + u·(τ_scenario − τ_baseline), line by line exact, since both rates
   * are import-weighted averages with the same weights.
   */
  public static double[] utilised(double[] baseline, double[] scenario, double u) {
    if (u == 1) {
      return scenario;
    }
    double[] out = new double[scenario.length];
    for (int p = 0; p < out.length; p++) {
      out[p] = baseline[p] + u * (scenario[p] - baseline[p]);
    }
    return out;
  }
}
