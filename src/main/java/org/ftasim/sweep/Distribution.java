package org.ftasim.sweep;

import java.io.Serializable;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * A parameter's distribution, sampled by inverse CDF from a uniform u ∈ (0,1), optionally truncated to
 * [min, max] (e.g. θ &gt; 0): u is mapped into [F(min), F(max)] first, so truncation keeps the design's structure.
 * CDFs and inverse CDFs are commons-math3's (the lognormal through its normal: x = median · exp(log_sd · z)).
 * {@link #mean()} and {@link #sd()} are the moments of the distribution as sampled, truncation included.
 */
public record Distribution(Kind kind, double a, double b, double c, double min, double max) implements Serializable {

  /** The families: normal(mean a, sd b), lognormal(median a, log-sd b), uniform(low a, high b), triangular(low a, mode b, high c). */
  public enum Kind { NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR }

  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

  public Distribution {
    switch (kind) {
      case NORMAL -> require(b > 0, "normal needs sd > 0");
      case LOGNORMAL -> require(a > 0 && b > 0, "lognormal needs median > 0 and log_sd > 0");
      case UNIFORM -> require(a < b, "uniform needs low < high");
      case TRIANGULAR -> require(a <= b && b <= c && a < c, "triangular needs low <= mode <= high and low < high");
      default -> throw new IllegalArgumentException(kind.toString());
    }
    require(!(min >= max), "truncation needs min < max");
    require(cdfRaw(kind, a, b, c, max) - cdfRaw(kind, a, b, c, min) > 0, "truncation [" + min + ", " + max
        + "] leaves no probability");
  }

  public static Distribution normal(double mean, double sd) {
    return new Distribution(Kind.NORMAL, mean, sd, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  public static Distribution uniform(double low, double high) {
    return new Distribution(Kind.UNIFORM, low, high, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  public Distribution truncated(double lo, double hi) {
    return new Distribution(kind, a, b, c, lo, hi);
  }

  public boolean isTruncated() {
    return min > Double.NEGATIVE_INFINITY || max < Double.POSITIVE_INFINITY;
  }

  /** The value at probability u ∈ (0,1). */
  public double quantile(double u) {
    double lo = cdfRaw(kind, a, b, c, min);
    double hi = cdfRaw(kind, a, b, c, max);
    double p = lo + u * (hi - lo);
    p = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    double x = switch (kind) {
      case NORMAL -> a + b * STANDARD.inverseCumulativeProbability(p);
      case LOGNORMAL -> a * Math.exp(b * STANDARD.inverseCumulativeProbability(p));
      default -> family(kind, a, b, c).inverseCumulativeProbability(p);
    };
    return Math.min(Math.max(x, min), max);
  }

  /**
   * The mean as sampled: the family's own when untruncated; with truncation the normal's and lognormal's closed forms
   * (Johnson, Kotz &amp; Balakrishnan 1994, ch. 13–14), else ∫₀¹ Q(u) du by Gauss–Legendre quadrature.
   */
  public double mean() {
    if (!isTruncated()) {
      return switch (kind) {
        case NORMAL -> a;
        case LOGNORMAL -> a * Math.exp(b * b / 2);
        case UNIFORM -> (a + b) / 2;
        case TRIANGULAR -> (a + b + c) / 3;
      };
    }
    return switch (kind) {
      case NORMAL -> a + b * normalMoments()[0];
      case LOGNORMAL -> lognormalMoment(1);
      default -> integrate(1, 0);
    };
  }

  /** The standard deviation as sampled (see {@link #mean()}). */
  public double sd() {
    if (!isTruncated()) {
      return switch (kind) {
        case NORMAL -> b;
        case LOGNORMAL -> mean() * Math.sqrt(Math.exp(b * b) - 1);
        case UNIFORM -> (b - a) / Math.sqrt(12);
        case TRIANGULAR -> Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18);
      };
    }
    double m = mean();
    return switch (kind) {
      case NORMAL -> b * Math.sqrt(normalMoments()[1]);
      case LOGNORMAL -> Math.sqrt(Math.max(lognormalMoment(2) - m * m, 0));
      default -> Math.sqrt(integrate(2, m));
    };
  }

  /** Mean and variance of the standard normal truncated to [α, β]. */
  private double[] normalMoments() {
    double alpha = (min - a) / b;
    double beta = (max - a) / b;
    double z = STANDARD.cumulativeProbability(beta) - STANDARD.cumulativeProbability(alpha);
    double pa = Double.isInfinite(alpha) ? 0 : STANDARD.density(alpha);
    double pb = Double.isInfinite(beta) ? 0 : STANDARD.density(beta);
    double ma = Double.isInfinite(alpha) ? 0 : alpha * pa;
    double mb = Double.isInfinite(beta) ? 0 : beta * pb;
    double mean = (pa - pb) / z;
    return new double[] {mean, 1 + (ma - mb) / z - mean * mean};
  }

  /** E[X^k] of the lognormal truncated to [min, max]: e^{kμ + k²σ²/2} [Φ(h_k) − Φ(l_k)] / Z, h_k = (ln max − μ − kσ²)/σ. */
  private double lognormalMoment(int k) {
    double mu = Math.log(a);
    double lo = min > 0 ? (Math.log(min) - mu) / b : Double.NEGATIVE_INFINITY;
    double hi = max < Double.POSITIVE_INFINITY ? (Math.log(max) - mu) / b : Double.POSITIVE_INFINITY;
    double z = STANDARD.cumulativeProbability(hi) - STANDARD.cumulativeProbability(lo);
    return Math.exp(k * mu + k * k * b * b / 2)
        * (STANDARD.cumulativeProbability(hi - k * b) - STANDARD.cumulativeProbability(lo - k * b)) / z;
  }

  /** ∫₀¹ (Q(u) − shift)^power du: the sampled distribution's moments; Q is bounded here (truncated, finite support). */
  private double integrate(int power, double shift) {
    IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-15);
    return gauss.integrate(1_000_000, u -> Math.pow(quantile(u) - shift, power), 0, 1);
  }

  private static RealDistribution family(Kind kind, double a, double b, double c) {
    return switch (kind) {
      case UNIFORM -> new UniformRealDistribution(null, a, b);
      case TRIANGULAR -> new TriangularDistribution(null, a, b, c);
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  private static double cdfRaw(Kind kind, double a, double b, double c, double x) {
    if (x == Double.NEGATIVE_INFINITY) {
      return 0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return 1;
    }
    return switch (kind) {
      case NORMAL -> STANDARD.cumulativeProbability((x - a) / b);
      case LOGNORMAL -> x <= 0 ? 0 : STANDARD.cumulativeProbability(Math.log(x / a) / b);
      default -> family(kind, a, b, c).cumulativeProbability(x);
    };
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
