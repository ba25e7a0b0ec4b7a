package org.ftasim.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Solves x = G(x) by Anderson acceleration (type II, Walker and Ni 2011, "Anderson acceleration for fixed-point
 * iterations", SIAM J. Numer. Anal. 49(4)) with a safeguard: a mixed step whose residual grows by more than
 * {@code growth} times is replaced by the plain damped step from the same point, and the history is forgotten. The mixing least-squares problem
 * is solved through its small normal equations (EJML), with a ridge so a nearly dependent history does not
 * break it.
 *
 * <p>Not thread-safe and not Serializable: build one per solve, or per Spark partition.
 */
public final class FixedPoint {
  /** The map G: reads x, writes G(x) into {@code out}. */
  @FunctionalInterface
  public interface Map {
    void apply(double[] x, double[] out);
  }

  private final int memory;
  private final double damping;
  private final double tolerance;
  private final int maxIterations;
  private final double growth = 4.0;

  /**
   * @param memory how many past steps the acceleration mixes (0 = plain damped iteration)
   * @param damping β in (0, 1]: the weight of G(x) in a plain step
   * @param tolerance converged when max |G(x) − x| &lt; tolerance
   * @param maxIterations evaluations of G at most
   */
  public FixedPoint(int memory, double damping, double tolerance, int maxIterations) {
    if (memory < 0 || !(damping > 0 && damping <= 1) || !(tolerance > 0) || maxIterations < 1) {
      throw new IllegalArgumentException("bad fixed-point settings: memory " + memory + ", damping " + damping
          + ", tolerance " + tolerance + ", max iterations " + maxIterations);
    }
    this.memory = memory;
    this.damping = damping;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  /** Iterates from {@code x} (overwritten with the last iterate) and returns how it ended. */
  public Diagnostics solve(Map g, double[] x) {
    int len = x.length;
    double[] gx = new double[len];
    double[] f = new double[len];
    double[][] dF = new double[memory][len];
    double[][] dG = new double[memory][len];
    double[] prevX = new double[len];
    double[] prevF = new double[len];
    double[] prevG = new double[len];
    double[][] gram = new double[memory][memory];
    int stored = 0;
    int head = 0;

    g.apply(x, gx);
    double norm = residual(x, gx, f);
    int it = 1;
    while (norm >= tolerance && it < maxIterations) {
      System.arraycopy(x, 0, prevX, 0, len);
      System.arraycopy(f, 0, prevF, 0, len);
      System.arraycopy(gx, 0, prevG, 0, len);
      boolean accelerated = stored > 0 && mix(x, f, dF, dG, stored, gram);
      if (!accelerated) {
        for (int k = 0; k < len; k++) {
          x[k] += damping * f[k];
        }
      }
      g.apply(x, gx);
      it++;
      double next = residual(x, gx, f);
      if (accelerated && !(next <= growth * norm)) {
        // Safeguard: the mixed step went astray. Take the plain step from where it started and forget the history.
        for (int k = 0; k < len; k++) {
          x[k] = prevX[k] + damping * prevF[k];
        }
        stored = 0;
        head = 0;
        g.apply(x, gx);
        it++;
        next = residual(x, gx, f);
      } else if (memory > 0) {
        double[] slotF = dF[head];
        double[] slotG = dG[head];
        for (int k = 0; k < len; k++) {
          slotF[k] = f[k] - prevF[k];
          slotG[k] = gx[k] - prevG[k];
        }
        stored = Math.min(stored + 1, memory);
        for (int c = 0; c < stored; c++) {
          double v = dot(slotF, dF[c]);
          gram[head][c] = v;
          gram[c][head] = v;
        }
        head = (head + 1) % memory;
      }
      norm = next;
    }
    return new Diagnostics(norm < tolerance, it, norm);
  }

  /**
   * The Anderson step x ← x + β f − (ΔX + β ΔF) γ with γ = argmin ‖f − ΔF γ‖₂ over the stored history, where
   * ΔX = ΔG − ΔF. γ solves the normal equations (ΔFᵀΔF + λI) γ = ΔFᵀ f with a tiny ridge λ for conditioning;
   * ΔFᵀΔF is kept up to date one column at a time, so a step costs O(m·len), not a QR of len × m.
   * Returns false (x untouched) when that system cannot be solved.
   */
  private boolean mix(double[] x, double[] f, double[][] dF, double[][] dG, int m, double[][] gram) {
    DMatrixRMaj a = new DMatrixRMaj(m, m);
    DMatrixRMaj b = new DMatrixRMaj(m, 1);
    double trace = 0;
    for (int r = 0; r < m; r++) {
      trace += gram[r][r];
    }
    double ridge = 1e-12 * trace / m;
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < m; c++) {
        a.unsafe_set(r, c, gram[r][c] + (r == c ? ridge : 0));
      }
      b.unsafe_set(r, 0, dot(dF[r], f));
    }
    DMatrixRMaj gamma = new DMatrixRMaj(m, 1);
    if (!CommonOps_DDRM.solve(a, b, gamma)) {
      return false;
    }
    for (int c = 0; c < m; c++) {
      if (!Double.isFinite(gamma.get(c, 0))) {
        return false;
      }
    }
    int len = x.length;
    for (int k = 0; k < len; k++) {
      x[k] += damping * f[k];
    }
    for (int c = 0; c < m; c++) {
      double gc = gamma.get(c, 0);
      double[] colG = dG[c];
      double[] colF = dF[c];
      for (int k = 0; k < len; k++) {
        x[k] -= gc * (colG[k] - colF[k] + damping * colF[k]);
      }
    }
    return true;
  }

  private static double dot(double[] u, double[] v) {
    double s = 0;
    for (int k = 0; k < u.length; k++) {
      s += u[k] * v[k];
    }
    return s;
  }

  /**
   * The largest change one pass of {@code g} makes from {@code x}, the measure {@link #solve} stops on (NaN counts
   * as ∞): how far a candidate start is from the fixed point.
   */
  public static double distance(Map g, double[] x) {
    double[] gx = new double[x.length];
    g.apply(x, gx);
    return residual(x, gx, new double[x.length]);
  }

  private static double residual(double[] x, double[] gx, double[] f) {
    double max = 0;
    for (int k = 0; k < x.length; k++) {
      double d = gx[k] - x[k];
      f[k] = d;
      double a = Math.abs(d);
      if (!(a <= max)) {
        max = Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
      }
    }
    return max;
  }
}
