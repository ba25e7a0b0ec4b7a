package org.ftasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

/** The shared design's algebra against an independent least-squares fit of each resample (commons-math3). */
class RegressionIndicesTest {
  private static final int N = 64;
  private static final int D = 5;

  private static double[][] inputs(SplittableRandom r) {
    double[][] x = new double[N][D];
    for (double[] row : x) {
      for (int k = 0; k < D; k++) {
        row[k] = r.nextDouble() * (k + 1);
      }
    }
    return x;
  }

  private static double[] outcome(double[][] x, SplittableRandom r, double... beta) {
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < D; k++) {
        y[i] += beta[k] * x[i][k];
      }
      y[i] += 0.3 * r.nextGaussian();
    }
    return y;
  }

  /** SRC of rows {@code rows} by OLS with an intercept: slope_k × s_k / s_y over the sample, and its R². */
  private static double[] reference(double[][] x, double[] y, int[] rows) {
    double[][] xs = new double[rows.length][];
    double[] ys = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      xs[i] = x[rows[i]];
      ys[i] = y[rows[i]];
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(ys, xs);
    double[] b = ols.estimateRegressionParameters();
    double[] out = new double[D + 1];
    double sy = sd(ys);
    for (int k = 0; k < D; k++) {
      double[] col = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        col[i] = xs[i][k];
      }
      out[k] = b[k + 1] * sd(col) / sy;
    }
    out[D] = ols.calculateRSquared();
    return out;
  }

  private static double sd(double[] v) {
    return Math.sqrt(new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(v));
  }

  @Test
  void pointEstimateAndIntervalsAreEachResamplesLeastSquares() {
    SplittableRandom r = new SplittableRandom(11);
    double[][] x = inputs(r);
    double[] y = outcome(x, r, 1.0, -2.0, 0.5, 0.0, 3.0);
    long seed = 42;
    int resamples = 40;
    RegressionIndices.Estimate e = RegressionIndices.Design.of(x, seed, resamples).estimate(y);

    int[] all = new int[N];
    for (int i = 0; i < N; i++) {
      all[i] = i;
    }
    double[] point = reference(x, y, all);
    for (int k = 0; k < D; k++) {
      assertThat(e.src()[k]).isCloseTo(point[k], within(1e-12));
    }
    assertThat(e.r2()).isCloseTo(point[D], within(1e-12));

    // the same resamples as the design draws them, each fitted on its own
    SplittableRandom draws = new SplittableRandom(seed);
    double[][] boot = new double[D][resamples];
    for (int b = 0; b < resamples; b++) {
      int[] sample = new int[N];
      for (int i = 0; i < N; i++) {
        sample[i] = draws.nextInt(N);
      }
      double[] fit = reference(x, y, sample);
      for (int k = 0; k < D; k++) {
        boot[k][b] = fit[k];
      }
    }
    for (int k = 0; k < D; k++) {
      assertThat(e.low()[k]).isCloseTo(Quantile.of(boot[k], resamples, 0.025), within(1e-12));
      assertThat(e.high()[k]).isCloseTo(Quantile.of(boot[k], resamples, 0.975), within(1e-12));
    }
  }

  @Test
  void oneDesignServesEveryOutcomeOfItsDraws() {
    SplittableRandom r = new SplittableRandom(12);
    double[][] x = inputs(r);
    double[] first = outcome(x, r, 1, 1, 1, 1, 1);
    double[] second = outcome(x, r, 0, 0, 4, 0, -1);
    RegressionIndices.Design design = RegressionIndices.Design.of(x, 9, 30);
    for (double[] y : new double[][] {first, second}) {
      RegressionIndices.Estimate shared = design.estimate(y);
      RegressionIndices.Estimate alone = RegressionIndices.estimate(x, y, 9, 30);
      assertThat(shared.src()).containsExactly(alone.src());
      assertThat(shared.low()).containsExactly(alone.low());
      assertThat(shared.high()).containsExactly(alone.high());
    }
  }

  @Test
  void constantOutcomeOrInputHasNoFitOrAZeroCoefficient() {
    SplittableRandom r = new SplittableRandom(13);
    double[][] x = inputs(r);
    RegressionIndices.Design design = RegressionIndices.Design.of(x, 1, 10);
    assertThat(design.estimate(new double[N])).isNull();
    for (double[] row : x) {
      row[2] = 5.0;
    }
    double[] y = outcome(x, r, 1, 2, 3, 4, 5);
    RegressionIndices.Estimate e = RegressionIndices.Design.of(x, 1, 10).estimate(y);
    assertThat(e.src()[2]).isEqualTo(0.0);
    assertThat(e.r2()).isGreaterThan(0.9);
    assertThat(RegressionIndices.Design.of(new double[3][D], 1, 10)).isNull();
  }
}
