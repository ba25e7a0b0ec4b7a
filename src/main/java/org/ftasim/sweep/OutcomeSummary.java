package org.ftasim.sweep;

import java.util.Arrays;

/**
 * One outcome's distribution over a sweep's converged draws, as {@code sweep_summary} holds it. With x_1 … x_n the
 * values in draw order:
 * <pre>
 *   mean = Σ x_i / n        sd = √(M2 / (n − 1)), or √(M2 / n) for a quadrature rule's equally weighted nodes
 * </pre>
 * where M2 = Σ (x_i − mean)² is accumulated by Welford's update (Welford 1962; Spark's {@code stddev} aggregates use
 * the same), and the 5%, 50% and 95% points follow {@link Quantile}'s rule (none for a quadrature rule, whose nodes
 * are not a sample). No values: every statistic is null; one value: the sample sd is null (it has no spread to
 * estimate), as Spark SQL answers.
 */
public record OutcomeSummary(Double mean, Double sd, Double p05, Double p50, Double p95) {
  private static final OutcomeSummary NONE = new OutcomeSummary(null, null, null, null, null);

  /** The summary of the first {@code n} values, in draw order; {@code rule}: the draws are a quadrature rule's. */
  public static OutcomeSummary of(double[] values, int n, boolean rule) {
    if (n == 0) {
      return NONE;
    }
    double sum = 0;
    double avg = 0;
    double m2 = 0;
    for (int i = 0; i < n; i++) {
      double x = values[i];
      sum += x;
      double delta = x - avg;
      avg += delta / (i + 1);
      m2 += delta * (x - avg);
    }
    Double sd = rule ? Double.valueOf(Math.sqrt(m2 / n)) : n > 1 ? Double.valueOf(Math.sqrt(m2 / (n - 1))) : null;
    if (rule) {
      return new OutcomeSummary(sum / n, sd, null, null, null);
    }
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return new OutcomeSummary(sum / n, sd, Quantile.ofSorted(sorted, n, 0.05), Quantile.ofSorted(sorted, n, 0.5),
        Quantile.ofSorted(sorted, n, 0.95));
  }
}
