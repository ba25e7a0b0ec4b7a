package org.ftasim.model.cp;

import java.io.Serializable;

/**
 * Where to start the two solves of a comparison whose elasticities differ from solved ones. The solver's unknowns
 * of the baseline, and the counterfactual's offset from its own baseline, are smooth in θ; this predicts both as a
 * sum of one quadratic per coordinate (e.g. log θ-scale), each fitted through the central comparison and two solved
 * nodes on that coordinate. Cross terms are left out: they would need a solve per pair of coordinates.
 *
 * <p>A start changes how many passes a solve takes, not where it ends (within the solver's tolerance). In a
 * sweep the predictor is fitted once, from the same nodes everywhere, so every draw's start is a function of its
 * parameters alone and results do not depend on partitioning. Measured on CP2015 (31 × 40) with θ scaled by
 * 0.8–1.25: 100–115 passes per comparison from the central solution, 35–65 from the prediction.
 */
public final class CpStartPredictor implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] base0;
  private final double[] offset0;
  private final double[][] base1;
  private final double[][] base2;
  private final double[][] offset1;
  private final double[][] offset2;

  private CpStartPredictor(double[] base0, double[] offset0, double[][] base1, double[][] base2, double[][] offset1,
      double[][] offset2) {
    this.base0 = base0;
    this.offset0 = offset0;
    this.base1 = base1;
    this.base2 = base2;
    this.offset1 = offset1;
    this.offset2 = offset2;
  }

  /** Both solves' start and the counterfactual's predicted offset from its baseline. */
  public record Start(double[] baseline, double[] offset) implements Serializable {}

  /**
   * Fits x(t) = x₀ + Σ_k (a_k t_k + b_k t_k²) through {@code center} at t = 0 and, for each coordinate k, the
   * comparisons solved at t_k = {@code low[k]} &lt; 0 and t_k = {@code high[k]} &gt; 0 (the other coordinates at 0).
   */
  public static CpStartPredictor fit(CpComparison center, double[] low, CpComparison[] atLow, double[] high,
      CpComparison[] atHigh) {
    int dims = low.length;
    if (atLow.length != dims || high.length != dims || atHigh.length != dims) {
      throw new IllegalArgumentException("one low and one high node per coordinate");
    }
    double[] b0 = center.baseline().state();
    double[] o0 = offset(center);
    double[][] b1 = new double[dims][];
    double[][] b2 = new double[dims][];
    double[][] o1 = new double[dims][];
    double[][] o2 = new double[dims][];
    for (int k = 0; k < dims; k++) {
      if (!(low[k] < 0 && high[k] > 0)) {
        throw new IllegalArgumentException("coordinate " + k + ": nodes must lie either side of 0, got " + low[k]
            + " and " + high[k]);
      }
      double[][] bq = quadratic(b0, low[k], atLow[k].baseline().state(), high[k], atHigh[k].baseline().state());
      double[][] oq = quadratic(o0, low[k], offset(atLow[k]), high[k], offset(atHigh[k]));
      b1[k] = bq[0];
      b2[k] = bq[1];
      o1[k] = oq[0];
      o2[k] = oq[1];
    }
    return new CpStartPredictor(b0, o0, b1, b2, o1, o2);
  }

  /** The predicted start at coordinates {@code t} (one per coordinate of the fit). */
  public Start predict(double[] t) {
    if (t.length != base1.length) {
      throw new IllegalArgumentException(base1.length + " coordinates expected, got " + t.length);
    }
    double[] base = base0.clone();
    double[] off = offset0.clone();
    for (int k = 0; k < t.length; k++) {
      double tk = t[k];
      double tk2 = tk * tk;
      for (int i = 0; i < base.length; i++) {
        base[i] += base1[k][i] * tk + base2[k][i] * tk2;
        off[i] += offset1[k][i] * tk + offset2[k][i] * tk2;
      }
    }
    return new Start(base, off);
  }

  /** The start of the central comparison the fit went through. */
  public Start center() {
    return new Start(base0, offset0);
  }

  /** A solved comparison's own start: its baseline and its counterfactual's offset from it. */
  public static Start of(CpComparison c) {
    return new Start(c.baseline().state(), offset(c));
  }

  private static double[] offset(CpComparison c) {
    double[] b = c.baseline().state();
    double[] f = c.counterfactual().state();
    double[] o = new double[b.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = f[i] - b[i];
    }
    return o;
  }

  /** Coefficients (a, b) of x₀ + a t + b t² through (0, x₀), (l, xl), (h, xh), element by element. */
  private static double[][] quadratic(double[] x0, double l, double[] xl, double h, double[] xh) {
    double[] a = new double[x0.length];
    double[] b = new double[x0.length];
    for (int i = 0; i < x0.length; i++) {
      double sl = (xl[i] - x0[i]) / l;
      double sh = (xh[i] - x0[i]) / h;
      b[i] = (sh - sl) / (h - l);
      a[i] = sh - b[i] * h;
    }
    return new double[][] {a, b};
  }
}
