package org.ftasim.sweep;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Standardised regression coefficients (SRC) for designs without Saltelli structure (Monte Carlo, Latin
 * hypercube, Sobol points): the least-squares fit of the standardised outcome on the standardised inputs,
 * <pre>
 *   (y − ȳ)/s_y = Σ_k SRC_k (x_k − x̄_k)/s_k + ε
 * </pre>
 * For a model close to linear in its inputs (R² near 1), SRC_k² is the share of the outcome's variance due to
 * input k, i.e. the first-order Sobol index (Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer",
 * section 1.2.5); its sign says the direction. Intervals are 95% percentile bootstraps over the draws, seeded.
 */
public final class RegressionIndices {
  /** Coefficients and 95% intervals per input, and the fit's R². */
  public record Estimate(double[] src, double[] low, double[] high, double r2) {}

  private RegressionIndices() {}

  /**
   * @param x inputs, one row per draw
   * @param y outcomes, one per draw
   * @return null when there are not more draws than inputs + 1, or the outcome does not vary
   */
  public static Estimate estimate(double[][] x, double[] y, long seed, int resamples) {
    int n = y.length;
    int d = x.length == 0 ? 0 : x[0].length;
    if (n <= d + 1) {
      return null;
    }
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    double[] r2 = new double[1];
    double[] point = fit(x, y, all, r2);
    if (point == null) {
      return null;
    }
    double[][] boot = new double[d][resamples];
    SplittableRandom r = new SplittableRandom(seed);
    int[] sample = new int[n];
    double[] ignored = new double[1];
    int ok = 0;
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        sample[i] = r.nextInt(n);
      }
      double[] est = fit(x, y, sample, ignored);
      if (est != null) {
        for (int k = 0; k < d; k++) {
          boot[k][ok] = est[k];
        }
        ok++;
      }
    }
    double[] low = new double[d];
    double[] high = new double[d];
    for (int k = 0; k < d; k++) {
      low[k] = Quantile.of(boot[k], ok, 0.025);
      high[k] = Quantile.of(boot[k], ok, 0.975);
    }
    return new Estimate(point, low, high, r2[0]);
  }

  private static double[] fit(double[][] x, double[] y, int[] rows, double[] r2) {
    int n = rows.length;
    int d = x[0].length;
    double[] mean = new double[d + 1];
    for (int i : rows) {
      for (int k = 0; k < d; k++) {
        mean[k] += x[i][k];
      }
      mean[d] += y[i];
    }
    for (int k = 0; k <= d; k++) {
      mean[k] /= n;
    }
    double[] sd = new double[d + 1];
    for (int i : rows) {
      for (int k = 0; k < d; k++) {
        sd[k] += (x[i][k] - mean[k]) * (x[i][k] - mean[k]);
      }
      sd[d] += (y[i] - mean[d]) * (y[i] - mean[d]);
    }
    for (int k = 0; k <= d; k++) {
      sd[k] = Math.sqrt(sd[k] / (n - 1));
    }
    if (!(sd[d] > 0)) {
      return null;
    }
    // Inputs that do not vary in the sample get a coefficient of 0 and stay out of the fit. The standardised row
    // is formed once per row, and X'X summed over its upper triangle: the fit runs (n × d² / 2) multiply-adds,
    // once for the point estimate and once per bootstrap resample, for every outcome of a sweep.
    double[] z = new double[d];
    double[] xx = new double[d * d];
    double[] xy = new double[d];
    for (int i : rows) {
      double yi = (y[i] - mean[d]) / sd[d];
      double[] xi = x[i];
      for (int k = 0; k < d; k++) {
        z[k] = sd[k] > 0 ? (xi[k] - mean[k]) / sd[k] : 0;
      }
      for (int k = 0; k < d; k++) {
        double zk = z[k];
        xy[k] += zk * yi;
        for (int l = k; l < d; l++) {
          xx[k * d + l] += zk * z[l];
        }
      }
    }
    DMatrixRMaj a = new DMatrixRMaj(d, d);
    DMatrixRMaj b = new DMatrixRMaj(d, 1);
    for (int k = 0; k < d; k++) {
      b.set(k, 0, xy[k]);
      for (int l = k; l < d; l++) {
        a.set(k, l, xx[k * d + l]);
        a.set(l, k, xx[k * d + l]);
      }
      if (!(sd[k] > 0)) {
        a.set(k, k, 1);
      }
    }
    DMatrixRMaj beta = new DMatrixRMaj(d, 1);
    if (!CommonOps_DDRM.solve(a, b, beta)) {
      return null;
    }
    double rss = 0;
    for (int i : rows) {
      double fitted = 0;
      double[] xi = x[i];
      for (int k = 0; k < d; k++) {
        fitted += beta.get(k, 0) * (sd[k] > 0 ? (xi[k] - mean[k]) / sd[k] : 0);
      }
      double e = (y[i] - mean[d]) / sd[d] - fitted;
      rss += e * e;
    }
    r2[0] = 1 - rss / (n - 1);
    double[] out = new double[d];
    for (int k = 0; k < d; k++) {
      out[k] = beta.get(k, 0);
    }
    return out;
  }
}
