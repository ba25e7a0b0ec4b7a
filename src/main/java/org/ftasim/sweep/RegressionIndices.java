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
   * One outcome's estimate, its draws resampled with {@code seed}: {@code Design.of(x, seed, resamples).estimate(y)}.
   *
   * @param x inputs, one row per draw
   * @param y outcomes, one per draw
   * @return null when there are not more draws than inputs + 1, or the outcome does not vary
   */
  public static Estimate estimate(double[][] x, double[] y, long seed, int resamples) {
    Design design = Design.of(x, seed, resamples);
    return design == null ? null : design.estimate(y);
  }

  /**
   * The inputs' side of every fit, computed once for all outcomes of the same draws: per resample of the draws
   * (the first is the draws themselves) the standardised inputs Z and the inverse of Z'Z. An outcome's fit is then
   * <pre>
   *   SRC = (Z'Z)⁻¹ Z'y / s_y        R² = SRC · Z'y / (s_y (n − 1))
   * </pre>
   * (Z's columns sum to zero, so Z'(y − ȳ) = Z'y; and with u = (y − ȳ)/s_y, u'u = n − 1 and the residual sum of
   * squares is u'u − SRC·Z'u), n·d multiply-adds per resample instead of forming and solving Z'Z. Every outcome is
   * resampled the same way: the bootstrap is of the sweep's draws, as rerunning the sweep on resampled draws would be.
   */
  public static final class Design {
    private final int n;
    private final int d;
    private final Fit[] fits;

    /** One sample of the draws: its rows, the inputs standardised over it, and (Z'Z)⁻¹ (null when singular). */
    private record Fit(int[] rows, double[] z, double[] gramInverse) {}

    private Design(int n, int d, Fit[] fits) {
      this.n = n;
      this.d = d;
      this.fits = fits;
    }

    /** @return null when there are not more draws than inputs + 1 */
    public static Design of(double[][] x, long seed, int resamples) {
      int n = x.length;
      int d = n == 0 ? 0 : x[0].length;
      if (n <= d + 1) {
        return null;
      }
      Fit[] fits = new Fit[resamples + 1];
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      fits[0] = fit(x, all);
      SplittableRandom r = new SplittableRandom(seed);
      for (int b = 1; b <= resamples; b++) {
        int[] sample = new int[n];
        for (int i = 0; i < n; i++) {
          sample[i] = r.nextInt(n);
        }
        fits[b] = fit(x, sample);
      }
      return new Design(n, d, fits);
    }

    /**
     * @param y outcomes, one per draw (the rows of {@link #of}'s x)
     * @return null when the outcome does not vary over the draws, or their inputs' Z'Z is singular
     */
    public Estimate estimate(double[] y) {
      if (y.length != n) {
        throw new IllegalArgumentException(y.length + " outcomes for a design of " + n + " draws");
      }
      double[] zy = new double[d];
      double[] point = new double[d];
      if (!coefficients(fits[0], y, zy, point)) {
        return null;
      }
      double explained = 0;
      for (int k = 0; k < d; k++) {
        explained += point[k] * zy[k];
      }
      double r2 = explained / (n - 1);
      int resamples = fits.length - 1;
      double[][] boot = new double[d][resamples];
      double[] est = new double[d];
      int ok = 0;
      for (int b = 1; b <= resamples; b++) {
        if (coefficients(fits[b], y, zy, est)) {
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
      return new Estimate(point, low, high, r2);
    }

    /** SRC of one sample into {@code out}, and Z'y / s_y into {@code zy}; false when there is no fit. */
    private boolean coefficients(Fit f, double[] y, double[] zy, double[] out) {
      if (f.gramInverse() == null) {
        return false;
      }
      int[] rows = f.rows();
      double mean = 0;
      for (int i : rows) {
        mean += y[i];
      }
      mean /= n;
      double ss = 0;
      for (int i : rows) {
        ss += (y[i] - mean) * (y[i] - mean);
      }
      double sd = Math.sqrt(ss / (n - 1));
      if (!(sd > 0)) {
        return false;
      }
      java.util.Arrays.fill(zy, 0);
      double[] z = f.z();
      for (int i = 0; i < n; i++) {
        double yi = y[rows[i]];
        for (int k = 0, at = i * d; k < d; k++) {
          zy[k] += z[at + k] * yi;
        }
      }
      double[] g = f.gramInverse();
      for (int k = 0; k < d; k++) {
        zy[k] /= sd;
      }
      for (int k = 0; k < d; k++) {
        double s = 0;
        for (int l = 0; l < d; l++) {
          s += g[k * d + l] * zy[l];
        }
        out[k] = s;
      }
      return true;
    }

    // Inputs that do not vary in the sample get a coefficient of 0 and stay out of the fit (a unit diagonal in Z'Z).
    private static Fit fit(double[][] x, int[] rows) {
      int n = rows.length;
      int d = x[0].length;
      double[] mean = new double[d];
      for (int i : rows) {
        for (int k = 0; k < d; k++) {
          mean[k] += x[i][k];
        }
      }
      for (int k = 0; k < d; k++) {
        mean[k] /= n;
      }
      double[] sd = new double[d];
      for (int i : rows) {
        for (int k = 0; k < d; k++) {
          sd[k] += (x[i][k] - mean[k]) * (x[i][k] - mean[k]);
        }
      }
      for (int k = 0; k < d; k++) {
        sd[k] = Math.sqrt(sd[k] / (n - 1));
      }
      double[] z = new double[n * d];
      DMatrixRMaj gram = new DMatrixRMaj(d, d);
      for (int i = 0; i < n; i++) {
        double[] xi = x[rows[i]];
        for (int k = 0; k < d; k++) {
          z[i * d + k] = sd[k] > 0 ? (xi[k] - mean[k]) / sd[k] : 0;
        }
        for (int k = 0; k < d; k++) {
          double zk = z[i * d + k];
          for (int l = k; l < d; l++) {
            gram.data[k * d + l] += zk * z[i * d + l];
          }
        }
      }
      for (int k = 0; k < d; k++) {
        for (int l = 0; l < k; l++) {
          gram.data[k * d + l] = gram.data[l * d + k];
        }
        if (!(sd[k] > 0)) {
          gram.data[k * d + k] = 1;
        }
      }
      DMatrixRMaj inverse = new DMatrixRMaj(d, d);
      return new Fit(rows, z, CommonOps_DDRM.invert(gram, inverse) ? inverse.data : null);
    }
  }
}
