package org.ftasim.sweep;

import java.util.Arrays;

/**
 * The one quantile rule of every summary: linear interpolation between order statistics, Hyndman &amp; Fan's (1996)
 * definition 7 — the default of R's {@code quantile} and numpy's, and what Spark's {@code percentile} returns —
 * for {@code sweep_summary}'s p05/p50/p95 ({@link OutcomeSummary}) and the bootstrap intervals alike, so they agree
 * on what a 5% point is.
 */
public final class Quantile {
  private Quantile() {}

  /** Q(q) = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), h = (n − 1) q, over the first {@code n} values; NaN if n = 0. */
  public static double of(double[] values, int n, double q) {
    double[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    return ofSorted(v, n, q);
  }

  /** {@link #of} over the first {@code n} values of {@code sorted}, which are in ascending order. */
  public static double ofSorted(double[] sorted, int n, double q) {
    if (n == 0) {
      return Double.NaN;
    }
    double h = q * (n - 1);
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  public static double of(double[] values, double q) {
    return of(values, values.length, q);
  }
}
