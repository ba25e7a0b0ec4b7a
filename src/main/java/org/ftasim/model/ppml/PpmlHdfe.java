package org.ftasim.model.ppml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ftasim.model.ModelErrors;
import org.ftasim.model.ppml.PpmlKernels.LevelCounts;
import org.ftasim.model.ppml.PpmlKernels.Normal;
import org.ftasim.model.ppml.PpmlKernels.Sandwich;
import org.ftasim.model.ppml.PpmlKernels.State;
import org.ftasim.model.ppml.PpmlKernels.Vcov;

/**
 * Poisson pseudo-maximum likelihood with high-dimensional fixed effects: E[y | x] = exp(x'β + Σ_g α_g), fitted by
 * iteratively reweighted least squares with the fixed effects partialled out (Correia, Guimarães &amp; Zylkin 2020,
 * "Fast Poisson estimation with high-dimensional fixed effects", Stata Journal 20(1); Bergé 2018, "Efficient
 * estimation of maximum likelihood models with multiple fixed-effects", fixest), never with dummy matrices.
 *
 * <p>Each IRLS iteration: weights w = μ and working variable z = η + (y − μ)/μ; z and every covariate are demeaned
 * on the fixed effects (the local one in closed form, the others by conjugate gradients, {@link #demean});
 * β = (X̃'WX̃)⁻¹ X̃'Wz̃. The local effect is re-solved exactly after each step (see {@link PpmlKernels}), and a step
 * that raises the deviance is halved. The demeaning tolerance starts at 1e-4 and tightens with the deviance's
 * change, to {@code demeanTolerance} at the end, as ppmlhdfe's. Convergence: the relative change of the deviance
 * |D − D₋₁| / max(min(D, D₋₁), 0.1) below the tolerance, as ppmlhdfe.
 *
 * <p>Before fitting, levels whose observations are all zero (separated: their effect would be −∞) and levels with a
 * single observation (singletons: fitted perfectly, they carry no information on β yet shrink its standard error)
 * are dropped, repeatedly until none is left, and counted. Separation by the covariates themselves (ppmlhdfe's
 * ReLU method) is not detected; it shows as a fit that does not converge or as |η| without bound.
 *
 * <p>Standard errors: the sandwich (X̃'WX̃)⁻¹ M (X̃'WX̃)⁻¹ with M = Σ_i u_i² x̃_i x̃_i' (robust) or Σ_c s_c s_c',
 * s_c = Σ_{i∈c} u_i x̃_i (clustered), u = y − μ, and the small-sample factors of {@link #vcovFactor}.
 *
 * <p>The data-sized work happens in {@link Passes}: each is one map over the blocks with a small result, merged here
 * in block order, so a given set of blocks gives the same numbers however the passes are scheduled.
 */
public final class PpmlHdfe {
  private PpmlHdfe() {}

  /** A function shipped to where the blocks are. */
  public interface BlockFunction<R> extends Function<PanelBlock, R>, Serializable {}

  /** Runs one pass: {@code f} on every block, the results in block order. */
  public interface Passes {
    <R> List<R> map(BlockFunction<R> f);
  }

  /**
   * @param tolerance relative change of the deviance that ends IRLS (1e-8)
   * @param demeanTolerance relative change of the projection coefficients that ends a demeaning
   * @param maxDemeanIterations conjugate-gradient iterations of one demeaning at most
   * @param vcov robust, or clustered by the local effect or by a cluster dictionary of {@code clusterLevels}
   */
  public record Options(double tolerance, int maxIterations, double demeanTolerance, int maxDemeanIterations,
      Vcov vcov, int clusterLevels) {
    public static Options defaults() {
      return new Options(1e-8, 100, 1e-10, 10_000, Vcov.ROBUST, 0);
    }

    public Options withVcov(Vcov v, int levels) {
      return new Options(tolerance, maxIterations, demeanTolerance, maxDemeanIterations, v, levels);
    }

    public Options withMaxIterations(int n) {
      return new Options(tolerance, n, demeanTolerance, maxDemeanIterations, vcov, clusterLevels);
    }
  }

  /**
   * A fit.
   *
   * @param covariance V̂ of β̂, row-major K × K
   * @param levelWhy for each global effect, why each level is out ({@link PpmlKernels#KEPT} when in)
   * @param passes data passes used, all stages together
   * @param demeanIterations conjugate-gradient iterations, all demeanings together
   * @param clusters clusters with observations (0 when robust)
   */
  public record Result(double[] beta, double[] covariance, long nObs, long singletons, long separated,
      int iterations, double deviance, boolean converged, double lastChange, State state, byte[][] levelWhy,
      long clusters, int passes, int demeanIterations) {
    public double stdError(int k) {
      return Math.sqrt(covariance[k * beta.length + k]);
    }
  }

  public static Result fit(Passes passes, Formula formula, int[] levels, Options options) {
    int[] count = {0};
    int k = formula.covariates().size();
    int dims = levels.length;
    byte[][] why = new byte[levels.length][];
    for (int g = 0; g < levels.length; g++) {
      why[g] = new byte[levels[g]];
    }
    LevelCounts sample = dropSeparatedAndSingletons(passes, levels, why, count);
    long nObs = sample.outByReason()[PpmlKernels.KEPT];
    if (nObs <= k) {
      throw ModelErrors.tooFewObservations(sample.outByReason()[PpmlKernels.SEPARATED],
          sample.outByReason()[PpmlKernels.SINGLETON], nObs, k, formula.toString());
    }

    State state = new State(new double[k], new double[dims][]);
    for (int g = 0; g < dims; g++) {
      state.fe()[g] = new double[levels[g]];
    }
    double[][][] c = new double[k + 1][dims][];
    for (int v = 0; v <= k; v++) {
      for (int g = 0; g < dims; g++) {
        c[v][g] = new double[levels[g]];
      }
    }
    double deviance = deviance(passes, why, state, count);
    int[] demeanIterations = {0};
    boolean converged = false;
    double change = Double.NaN;
    int iteration = 0;
    while (iteration < options.maxIterations()) {
      iteration++;
      State at = state;
      // z = η + (y − μ)/μ, and η's part x'β + Σ_g c_g projects onto exactly c + Σ_k β_k C_k: only the (y − μ)/μ
      // part is left to solve, and it shrinks as IRLS converges.
      for (int g = 0; g < dims; g++) {
        for (int l = 0; l < levels[g]; l++) {
          double start = at.fe()[g][l];
          for (int q = 0; q < k; q++) {
            start += at.beta()[q] * c[q + 1][g][l];
          }
          c[0][g][l] = start;
        }
      }
      double demeanTolerance = iteration == 1 ? 1e-4
          : Math.min(1e-4, Math.max(options.demeanTolerance(), 1e-3 * change));
      c = demean(passes, why, at, c, demeanTolerance, options.maxDemeanIterations(), count, demeanIterations);
      double[][][] cc = c;
      Normal normal = merge(passes.map(b -> PpmlKernels.normal(b, why, at, cc)), Normal::merge);
      count[0]++;
      double[] beta = solve(normal, formula);
      State next = new State(beta, new double[dims][]);
      for (int g = 0; g < dims; g++) {
        double[] fe = c[0][g].clone();
        for (int q = 0; q < k; q++) {
          for (int l = 0; l < fe.length; l++) {
            fe[l] -= beta[q] * c[q + 1][g][l];
          }
        }
        next.fe()[g] = fe;
      }
      double nextDeviance = deviance(passes, why, next, count);
      for (int halving = 0; halving < 30 && !(nextDeviance <= deviance * (1 + 1e-12)); halving++) {
        next = midpoint(state, next);
        nextDeviance = deviance(passes, why, next, count);
      }
      change = Math.abs(nextDeviance - deviance) / Math.max(Math.min(nextDeviance, deviance), 0.1);
      state = next;
      deviance = nextDeviance;
      if (change < options.tolerance()) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      throw ModelErrors.notConverged(formula.toString(), iteration, change, options.tolerance());
    }

    State fin = state;
    c = demean(passes, why, fin, c, options.demeanTolerance(), options.maxDemeanIterations(), count, demeanIterations);
    double[][][] cf = c;
    Vcov vcov = options.vcov();
    int clusterLevels = options.clusterLevels();
    Sandwich sw = merge(passes.map(b -> PpmlKernels.sandwich(b, why, fin, cf, vcov, clusterLevels)),
        Sandwich::merge);
    count[0]++;
    long clusters = sw.clusters();
    double[] meat = sw.meat();
    if (options.vcov() == Vcov.CLUSTER) {
      clusters = 0;
      for (double[] s : sw.clusterScores()) {
        boolean any = false;
        for (int p = 0; p < k; p++) {
          any |= s[p] != 0;
          for (int q = 0; q < k; q++) {
            meat[p * k + q] += s[p] * s[q];
          }
        }
        clusters += any ? 1 : 0;
      }
    }
    DMatrixRMaj breadInv = new DMatrixRMaj(k, k, true, sw.bread());
    CommonOps_DDRM.invert(breadInv);
    DMatrixRMaj m = new DMatrixRMaj(k, k, true, meat);
    DMatrixRMaj tmp = new DMatrixRMaj(k, k);
    DMatrixRMaj v = new DMatrixRMaj(k, k);
    CommonOps_DDRM.mult(breadInv, m, tmp);
    CommonOps_DDRM.mult(tmp, breadInv, v);
    CommonOps_DDRM.scale(vcovFactor(options.vcov(), clusters), v);
    return new Result(state.beta(), v.getData(), nObs, sample.outByReason()[PpmlKernels.SINGLETON],
        sample.outByReason()[PpmlKernels.SEPARATED], iteration, deviance, true, change, state, why,
        options.vcov() == Vcov.ROBUST ? 0 : clusters, count[0], demeanIterations[0]);
  }

  /**
   * Small-sample factor of the sandwich: none for robust (the HC0 sandwich, as fixest's and ppmlhdfe's
   * heteroskedasticity-robust errors of a Poisson fit with absorbed effects); G/(G − 1) for clustered (as fixest's
   * default cluster adjustment with nested effects).
   */
  static double vcovFactor(Vcov vcov, long clusters) {
    return vcov == Vcov.ROBUST ? 1.0 : clusters / (clusters - 1.0);
  }

  /**
   * Marks in {@code why} the levels to drop, round after round until a round drops nothing; returns that last
   * round's counts, which are the estimation sample's.
   */
  static LevelCounts dropSeparatedAndSingletons(Passes passes, int[] levels, byte[][] why, int[] count) {
    while (true) {
      byte[][] at = copy(why);
      LevelCounts lc = merge(passes.map(b -> PpmlKernels.levelCounts(b, levels, at)), LevelCounts::merge);
      count[0]++;
      boolean changed = false;
      for (int g = 0; g < levels.length; g++) {
        for (int l = 0; l < levels[g]; l++) {
          if (why[g][l] != PpmlKernels.KEPT) {
            continue;
          }
          long n = lc.count()[g][l];
          if (n == 1) {
            why[g][l] = PpmlKernels.SINGLETON;
            changed = true;
          } else if (n > 1 && lc.flow()[g][l] == 0) {
            why[g][l] = PpmlKernels.SEPARATED;
            changed = true;
          }
        }
      }
      if (!changed) {
        return lc;
      }
    }
  }

  private static double deviance(Passes passes, byte[][] why, State s, int[] count) {
    count[0]++;
    return merge(passes.map(b -> PpmlKernels.deviance(b, why, s)), PpmlKernels.Deviance::merge).deviance();
  }

  /**
   * Projection coefficients of z and the covariates on the fixed effects at state {@code s}, from the warm start
   * {@code c}: the normal equations D̃'WD̃ θ_v = D̃'W v (local effect concentrated out) solved by conjugate gradients
   * with the diagonal Σ μ per level as preconditioner, one data pass per iteration for all variables together.
   * (Gauss–Seidel sweeps, one pass per effect, needed some 200 sweeps an IRLS step on Yotov's panel; with
   * Irons–Tuck acceleration, four times the passes of these conjugate gradients, measured without warm starts.)
   */
  static double[][][] demean(Passes passes, byte[][] why, State s, double[][][] c, double tolerance,
      int maxIterations, int[] count, int[] iterations) {
    if (c[0].length == 0) {
      return c;
    }
    int vars = c.length;
    double[][][] theta = copy(c);
    double[][][] start = copy(c);
    PpmlKernels.ProjectionSums g0 = merge(passes.map(b -> PpmlKernels.projectionSums(b, why, s, start, true)),
        PpmlKernels.ProjectionSums::merge);
    count[0]++;
    double[][] diag = g0.weight();
    double[][][] r = g0.sums();
    double[][][] z = precondition(r, diag);
    double[][][] p = copy(z);
    double[] rz = new double[vars];
    boolean[] active = new boolean[vars];
    for (int v = 0; v < vars; v++) {
      rz[v] = dot(r[v], z[v]);
      active[v] = rz[v] > 0;
    }
    for (int it = 0; it < maxIterations; it++) {
      double[][][] negP = new double[vars][][];
      for (int v = 0; v < vars; v++) {
        negP[v] = new double[p[v].length][];
        for (int g = 0; g < p[v].length; g++) {
          negP[v][g] = new double[p[v][g].length];
          if (active[v]) {
            for (int l = 0; l < p[v][g].length; l++) {
              negP[v][g][l] = -p[v][g][l];
            }
          }
        }
      }
      double[][][] hp = merge(passes.map(b -> PpmlKernels.projectionSums(b, why, s, negP, false)),
          PpmlKernels.ProjectionSums::merge).sums();
      count[0]++;
      iterations[0]++;
      boolean any = false;
      for (int v = 0; v < vars; v++) {
        if (!active[v]) {
          continue;
        }
        double php = dot(p[v], hp[v]);
        if (!(php > 0)) {
          active[v] = false;
          continue;
        }
        double alpha = rz[v] / php;
        double step = 0;
        for (int g = 0; g < p[v].length; g++) {
          for (int l = 0; l < p[v][g].length; l++) {
            theta[v][g][l] += alpha * p[v][g][l];
            r[v][g][l] -= alpha * hp[v][g][l];
            step = Math.max(step, Math.abs(alpha * p[v][g][l]) / (1 + Math.abs(theta[v][g][l])));
          }
        }
        if (step <= tolerance) {
          active[v] = false;
          continue;
        }
        double[][] zv = precondition(r[v], diag);
        double rzNew = dot(r[v], zv);
        double beta = rzNew / rz[v];
        rz[v] = rzNew;
        for (int g = 0; g < p[v].length; g++) {
          for (int l = 0; l < p[v][g].length; l++) {
            p[v][g][l] = zv[g][l] + beta * p[v][g][l];
          }
        }
        any = true;
      }
      if (!any) {
        return theta;
      }
    }
    throw ModelErrors.demeaningNotConverged(maxIterations);
  }

  private static double[][][] precondition(double[][][] r, double[][] diag) {
    double[][][] out = new double[r.length][][];
    for (int v = 0; v < r.length; v++) {
      out[v] = precondition(r[v], diag);
    }
    return out;
  }

  private static double[][] precondition(double[][] r, double[][] diag) {
    double[][] out = new double[r.length][];
    for (int g = 0; g < r.length; g++) {
      out[g] = new double[r[g].length];
      for (int l = 0; l < r[g].length; l++) {
        out[g][l] = diag[g][l] > 0 ? r[g][l] / diag[g][l] : 0;
      }
    }
    return out;
  }

  private static double dot(double[][] a, double[][] b) {
    double sum = 0;
    for (int g = 0; g < a.length; g++) {
      for (int l = 0; l < a[g].length; l++) {
        sum += a[g][l] * b[g][l];
      }
    }
    return sum;
  }


  /**
   * β of the weighted least-squares step. A covariate whose demeaned sum of squares is (numerically) nothing is
   * collinear with the fixed effects, and the fit stops naming it.
   */
  private static double[] solve(Normal normal, Formula formula) {
    int k = formula.covariates().size();
    DMatrixRMaj a = new DMatrixRMaj(k, k, true, normal.xwx().clone());
    DMatrixRMaj rhs = new DMatrixRMaj(k, 1, true, normal.xwz().clone());
    for (int p = 0; p < k; p++) {
      if (!(a.get(p, p) > 1e-12 * Math.max(1, Math.abs(normal.xwz()[p])))) {
        throw ModelErrors.collinearWithFixedEffects(formula.covariates().get(p), formula.toString());
      }
    }
    DMatrixRMaj beta = new DMatrixRMaj(k, 1);
    if (!CommonOps_DDRM.solve(a, rhs, beta)) {
      throw ModelErrors.collinearCovariates(formula.toString(), formula.covariates());
    }
    double[] out = beta.getData();
    for (double b : out) {
      if (!Double.isFinite(b)) {
        throw ModelErrors.collinear(formula.toString(), formula.covariates());
      }
    }
    return out;
  }

  private static State midpoint(State a, State b) {
    double[] beta = new double[a.beta().length];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = 0.5 * (a.beta()[i] + b.beta()[i]);
    }
    double[][] fe = new double[a.fe().length][];
    for (int g = 0; g < fe.length; g++) {
      fe[g] = new double[a.fe()[g].length];
      for (int l = 0; l < fe[g].length; l++) {
        fe[g][l] = 0.5 * (a.fe()[g][l] + b.fe()[g][l]);
      }
    }
    return new State(beta, fe);
  }

  private static <R> R merge(List<R> parts, BinaryOperator<R> merge) {
    R acc = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      acc = merge.apply(acc, parts.get(i));
    }
    return acc;
  }

  private static byte[][] copy(byte[][] a) {
    byte[][] out = new byte[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  private static double[][][] copy(double[][][] a) {
    double[][][] out = new double[a.length][][];
    for (int v = 0; v < a.length; v++) {
      out[v] = new double[a[v].length][];
      for (int g = 0; g < a[v].length; g++) {
        out[v][g] = a[v][g].clone();
      }
    }
    return out;
  }

  /** Passes over blocks held in this JVM, for tests and small panels. */
  public static Passes inMemory(List<PanelBlock> blocks) {
    return new Passes() {
      @Override
      public <R> List<R> map(BlockFunction<R> f) {
        List<R> out = new ArrayList<>(blocks.size());
        for (PanelBlock b : blocks) {
          out.add(f.apply(b));
        }
        return out;
      }
    };
  }
}
