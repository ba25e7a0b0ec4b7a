package org.ftasim.sweep;

import java.util.SplittableRandom;

/**
 * Variance-based sensitivity indices from a Saltelli design (f at A, B and each AB_k over the same n base points):
 * <pre>
 *   first order  S_k  = (1/n) Σ_j f(B)_j (f(AB_k)_j − f(A)_j) / V            (Saltelli et al. 2010, Table 2 (b))
 *   total        ST_k = (1/2n) Σ_j (f(A)_j − f(AB_k)_j)² / V                 (Jansen 1999)
 * </pre>
 * with V the variance of f over A and B together. Confidence intervals are percentile bootstrap intervals (95%)
 * over the base points, seeded so they are reproducible.
 */
public final class SobolIndices {
  /** Point estimates and 95% intervals, per dimension. */
  public record Estimate(double[] first, double[] firstLow, double[] firstHigh, double[] total, double[] totalLow,
      double[] totalHigh, int points) {}

  private SobolIndices() {}

  /**
   * @param fa f(A), n values
   * @param fb f(B), n values
   * @param fab f(AB_k), d rows of n values
   */
  public static Estimate estimate(double[] fa, double[] fb, double[][] fab, long seed, int resamples) {
    int n = fa.length;
    int d = fab.length;
    int[] all = new int[n];
    for (int j = 0; j < n; j++) {
      all[j] = j;
    }
    double[][] point = indices(fa, fb, fab, all);
    double[][] bootFirst = new double[d][resamples];
    double[][] bootTotal = new double[d][resamples];
    SplittableRandom r = new SplittableRandom(seed);
    int[] sample = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int j = 0; j < n; j++) {
        sample[j] = r.nextInt(n);
      }
      double[][] est = indices(fa, fb, fab, sample);
      for (int k = 0; k < d; k++) {
        bootFirst[k][b] = est[0][k];
        bootTotal[k][b] = est[1][k];
      }
    }
    double[] fl = new double[d];
    double[] fh = new double[d];
    double[] tl = new double[d];
    double[] th = new double[d];
    for (int k = 0; k < d; k++) {
      fl[k] = Quantile.of(bootFirst[k], 0.025);
      fh[k] = Quantile.of(bootFirst[k], 0.975);
      tl[k] = Quantile.of(bootTotal[k], 0.025);
      th[k] = Quantile.of(bootTotal[k], 0.975);
    }
    return new Estimate(point[0], fl, fh, point[1], tl, th, n);
  }

  private static double[][] indices(double[] fa, double[] fb, double[][] fab, int[] pts) {
    int n = pts.length;
    int d = fab.length;
    double mean = 0;
    for (int j : pts) {
      mean += fa[j] + fb[j];
    }
    mean /= 2.0 * n;
    double var = 0;
    for (int j : pts) {
      var += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
    }
    var /= 2.0 * n - 1;
    double[] first = new double[d];
    double[] total = new double[d];
    for (int k = 0; k < d; k++) {
      double s = 0;
      double t = 0;
      for (int j : pts) {
        s += fb[j] * (fab[k][j] - fa[j]);
        double diff = fa[j] - fab[k][j];
        t += diff * diff;
      }
      first[k] = var > 0 ? s / n / var : 0;
      total[k] = var > 0 ? t / (2.0 * n) / var : 0;
    }
    return new double[][] {first, total};
  }
}
