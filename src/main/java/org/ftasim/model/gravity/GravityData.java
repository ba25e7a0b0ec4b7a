package org.ftasim.model.gravity;

import java.io.Serializable;

import java.util.List;
import java.util.Map;
import org.ftasim.model.ModelErrors;

/**
 * Bilateral data of the one-sector structural gravity model for N countries: flows and covariates indexed by
 * {@link #pair(int, int)} = exporter · N + importer, domestic flows (exporter = importer) included; output Y and
 * expenditure E by country.
 *
 * @param trade X_ij, exports of i to j (0 where none was observed)
 * @param covariates gravity covariates by name (ln distance, contiguity, an RTA or border dummy …)
 */
public record GravityData(List<String> countries, double[] trade, Map<String, double[]> covariates, double[] output,
    double[] expenditure) implements Serializable {

  public GravityData {
    int n = countries.size();
    if (n < 2) {
      throw ModelErrors.tooFewCountries(n);
    }
    if (trade.length != n * n || output.length != n || expenditure.length != n) {
      throw new IllegalArgumentException("array sizes do not match " + n + " countries");
    }
    for (Map.Entry<String, double[]> e : covariates.entrySet()) {
      if (e.getValue().length != n * n) {
        throw new IllegalArgumentException("covariate " + e.getKey() + " has " + e.getValue().length + " entries");
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double x = trade[i * n + j];
        if (!(x >= 0) || Double.isInfinite(x)) {
          throw ModelErrors.badFlow(countries.get(i), countries.get(j), x);
        }
      }
      if (!(output[i] > 0) || !(expenditure[i] > 0)) {
        throw ModelErrors.noOutput(countries.get(i), output[i], expenditure[i]);
      }
    }
  }

  public int n() {
    return countries.size();
  }

  public int pair(int exporter, int importer) {
    return exporter * n() + importer;
  }

  /** Y_i = Σ_j X_ij and E_j = Σ_i X_ij, the totals implied by the flows. */
  public static GravityData withTotalsFromTrade(List<String> countries, double[] trade, Map<String, double[]> cov) {
    double[][] t = totals(trade, countries.size());
    return new GravityData(countries, trade, cov, t[0], t[1]);
  }

  /** Row sums (output by exporter) and column sums (expenditure by importer) of an n × n flow matrix. */
  static double[][] totals(double[] trade, int n) {
    double[] y = new double[n];
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        y[i] += trade[i * n + j];
        e[j] += trade[i * n + j];
      }
    }
    return new double[][] {y, e};
  }
}
