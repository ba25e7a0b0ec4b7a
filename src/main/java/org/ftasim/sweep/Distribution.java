package org.ftasim.sweep;

import java.io.Serializable;
import org.apache.commons.math3.special.Erf;

/**
 * A parameter's distribution, sampled by inverse CDF from a uniform u ∈ (0,1), optionally truncated to
 * [min, max] (e.g. θ &gt; 0): u is mapped into [F(min), F(max)] first, so truncation keeps the design's structure.
 */
public record Distribution(Kind kind, double a, double b, double c, double min, double max) implements Serializable {

  /** The families: normal(mean a, sd b), lognormal(median a, log-sd b), uniform(low a, high b), triangular(low a, mode b, high c). */
  public enum Kind { NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR }

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

  /** The value at probability u ∈ (0,1). */
  public double quantile(double u) {
    double lo = cdfRaw(kind, a, b, c, min);
    double hi = cdfRaw(kind, a, b, c, max);
    double p = lo + u * (hi - lo);
    p = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    double x = switch (kind) {
      case NORMAL -> a + b * Math.sqrt(2) * Erf.erfInv(2 * p - 1);
      case LOGNORMAL -> a * Math.exp(b * Math.sqrt(2) * Erf.erfInv(2 * p - 1));
      case UNIFORM -> a + p * (b - a);
      case TRIANGULAR -> {
        double f = (b - a) / (c - a);
        yield p < f ? a + Math.sqrt(p * (c - a) * (b - a)) : c - Math.sqrt((1 - p) * (c - a) * (c - b));
      }
    };
    return Math.min(Math.max(x, min), max);
  }

  /** Mean and standard deviation of the untruncated distribution (the quadrature design uses them). */
  public double mean() {
    return switch (kind) {
      case NORMAL -> a;
      case LOGNORMAL -> a * Math.exp(b * b / 2);
      case UNIFORM -> (a + b) / 2;
      case TRIANGULAR -> (a + b + c) / 3;
    };
  }

  public double sd() {
    return switch (kind) {
      case NORMAL -> b;
      case LOGNORMAL -> mean() * Math.sqrt(Math.exp(b * b) - 1);
      case UNIFORM -> (b - a) / Math.sqrt(12);
      case TRIANGULAR -> Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18);
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
      case NORMAL -> 0.5 * (1 + Erf.erf((x - a) / (b * Math.sqrt(2))));
      case LOGNORMAL -> x <= 0 ? 0 : 0.5 * (1 + Erf.erf(Math.log(x / a) / (b * Math.sqrt(2))));
      case UNIFORM -> Math.min(Math.max((x - a) / (b - a), 0), 1);
      case TRIANGULAR -> x <= a ? 0 : x >= c ? 1 : x <= b ? (x - a) * (x - a) / ((c - a) * (b - a))
          : 1 - (c - x) * (c - x) / ((c - a) * (c - b));
    };
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
