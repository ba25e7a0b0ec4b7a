package org.ftasim.model.ppml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one pass of the estimator computes on one {@link PanelBlock}: plain functions of the block and a small state,
 * so a pass can run anywhere (a loop, a Spark task) and a retried task gives the same numbers.
 *
 * <p>The state of the fit is (β, the global effects' coefficients); the local effect is never stored. Given the
 * rest, Poisson's first-order condition for a local level s has the closed form
 * δ_s = ln Σ_{i∈s} y_i − ln Σ_{i∈s} exp(x_i'β + Σ_g c_g[i]) (the concentration of a Poisson fixed effect, as in
 * the multilateral-resistance solution of structural gravity), so η_i = x_i'β + Σ_g c_g[i] + δ_s and μ_i = exp(η_i).
 *
 * <p>Weighted demeaning of a variable v (z or a covariate) on the fixed effects is held as its projection
 * coefficients C_v[g][level] for the global effects; its local part is again closed form inside each run, the
 * weighted mean of v − Σ_g C_v[g] over the run. The demeaned value is r_v = v − Σ_g C_v[g] − local part.
 */
public final class PpmlKernels {
  /** Why an observation is out of the estimation sample. */
  public static final byte KEPT = 0;
  public static final byte SINGLETON = 1;
  public static final byte SEPARATED = 2;

  private PpmlKernels() {}

  /** The fit's state: covariate coefficients and the global effects' coefficients of η. */
  public record State(double[] beta, double[][] fe) implements Serializable {}

  /**
   * Which observations stay. An observation leaves when one of its global levels was dropped (with that level's
   * reason), or when its local run, after that, holds one observation (a singleton) or only zero flows (separated:
   * its μ would have to be 0).
   */
  public static byte[] sample(PanelBlock b, byte[][] levelWhy) {
    byte[] why = new byte[b.n()];
    for (int i = 0; i < b.n(); i++) {
      for (int g = 0; g < b.fe().length; g++) {
        byte w = levelWhy[g][b.fe()[g][i]];
        if (w != KEPT) {
          why[i] = w;
          break;
        }
      }
    }
    if (b.hasLocal()) {
      int[] seg = b.segments();
      for (int s = 0; s < b.runs(); s++) {
        int count = 0;
        double ysum = 0;
        for (int i = seg[s]; i < seg[s + 1]; i++) {
          if (why[i] == KEPT) {
            count++;
            ysum += b.y()[i];
          }
        }
        byte runWhy = count == 1 ? SINGLETON : count > 1 && ysum == 0 ? SEPARATED : KEPT;
        if (runWhy != KEPT) {
          for (int i = seg[s]; i < seg[s + 1]; i++) {
            if (why[i] == KEPT) {
              why[i] = runWhy;
            }
          }
        }
      }
    }
    return why;
  }

  /** Per global level: kept observations and their flow total; per reason: observations left out. */
  public record LevelCounts(long[][] count, double[][] flow, long[] outByReason) implements Serializable {
    public LevelCounts merge(LevelCounts o) {
      for (int g = 0; g < count.length; g++) {
        for (int l = 0; l < count[g].length; l++) {
          count[g][l] += o.count[g][l];
          flow[g][l] += o.flow[g][l];
        }
      }
      for (int r = 0; r < outByReason.length; r++) {
        outByReason[r] += o.outByReason[r];
      }
      return this;
    }
  }

  public static LevelCounts levelCounts(PanelBlock b, int[] levels, byte[][] levelWhy) {
    byte[] why = sample(b, levelWhy);
    int dims = levels.length;
    long[][] count = new long[dims][];
    double[][] flow = new double[dims][];
    for (int g = 0; g < dims; g++) {
      count[g] = new long[levels[g]];
      flow[g] = new double[levels[g]];
    }
    long[] out = new long[3];
    for (int i = 0; i < b.n(); i++) {
      if (why[i] != KEPT) {
        out[why[i]]++;
        continue;
      }
      out[KEPT]++;
      for (int g = 0; g < dims; g++) {
        count[g][b.fe()[g][i]]++;
        flow[g][b.fe()[g][i]] += b.y()[i];
      }
    }
    return new LevelCounts(count, flow, out);
  }

  /** μ and η of every kept observation at a state, the local effect solved in closed form. */
  static final class Working {
    final byte[] why;
    final double[] eta;
    final double[] mu;
    final double[] local;

    Working(PanelBlock b, byte[][] levelWhy, State s) {
      why = sample(b, levelWhy);
      int n = b.n();
      eta = new double[n];
      mu = new double[n];
      local = new double[b.runs()];
      for (int i = 0; i < n; i++) {
        if (why[i] != KEPT) {
          continue;
        }
        double e = 0;
        for (int k = 0; k < s.beta().length; k++) {
          e += s.beta()[k] * b.x()[k][i];
        }
        for (int g = 0; g < s.fe().length; g++) {
          e += s.fe()[g][b.fe()[g][i]];
        }
        eta[i] = e;
      }
      if (b.hasLocal()) {
        int[] seg = b.segments();
        for (int r = 0; r < b.runs(); r++) {
          double max = Double.NEGATIVE_INFINITY;
          double ysum = 0;
          for (int i = seg[r]; i < seg[r + 1]; i++) {
            if (why[i] == KEPT) {
              max = Math.max(max, eta[i]);
              ysum += b.y()[i];
            }
          }
          if (max == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double esum = 0;
          for (int i = seg[r]; i < seg[r + 1]; i++) {
            if (why[i] == KEPT) {
              esum += Math.exp(eta[i] - max);
            }
          }
          double delta = Math.log(ysum) - max - Math.log(esum);
          local[r] = delta;
          for (int i = seg[r]; i < seg[r + 1]; i++) {
            eta[i] += delta;
          }
        }
      }
      for (int i = 0; i < n; i++) {
        if (why[i] == KEPT) {
          mu[i] = Math.exp(eta[i]);
        }
      }
    }

    /** The IRLS working variable z = η + (y − μ)/μ (v = 0) or covariate v − 1. */
    double variable(PanelBlock b, int v, int i) {
      return v == 0 ? eta[i] + (b.y()[i] - mu[i]) / mu[i] : b.x()[v - 1][i];
    }

    /**
     * r[v][i] = (I − P_local)(v − Σ_g c_v[g]): variable v (or nothing, when {@code withVariables} is false) less
     * its projection coefficients, then less the run's μ-weighted mean.
     */
    double[][] residuals(PanelBlock b, double[][][] c, boolean withVariables) {
      int vars = c.length;
      int n = b.n();
      double[][] r = new double[vars][n];
      for (int v = 0; v < vars; v++) {
        double[] rv = r[v];
        for (int i = 0; i < n; i++) {
          if (why[i] != KEPT) {
            continue;
          }
          double u = withVariables ? variable(b, v, i) : 0;
          for (int g = 0; g < c[v].length; g++) {
            u -= c[v][g][b.fe()[g][i]];
          }
          rv[i] = u;
        }
        if (b.hasLocal()) {
          int[] seg = b.segments();
          for (int s = 0; s < b.runs(); s++) {
            double num = 0;
            double den = 0;
            for (int i = seg[s]; i < seg[s + 1]; i++) {
              if (why[i] == KEPT) {
                num += mu[i] * rv[i];
                den += mu[i];
              }
            }
            if (den > 0) {
              double mean = num / den;
              for (int i = seg[s]; i < seg[s + 1]; i++) {
                rv[i] -= mean;
              }
            }
          }
        }
      }
      return r;
    }

    double[][] residuals(PanelBlock b, double[][][] c) {
      return residuals(b, c, true);
    }
  }

  /**
   * D'W r for every variable and every global effect, with r from {@link Working#residuals}: the gradient of
   * ½ Σ μ r² in the projection coefficients, and with {@code withVariables} false and c = −p the product of the
   * normal-equations matrix D̃'WD̃ with p (D̃ = (I − P_local) D). Also Σ μ per level (the preconditioner).
   */
  public record ProjectionSums(double[][][] sums, double[][] weight) implements Serializable {
    public ProjectionSums merge(ProjectionSums o) {
      for (int g = 0; g < weight.length; g++) {
        for (int l = 0; l < weight[g].length; l++) {
          weight[g][l] += o.weight[g][l];
        }
      }
      for (int v = 0; v < sums.length; v++) {
        for (int g = 0; g < sums[v].length; g++) {
          for (int l = 0; l < sums[v][g].length; l++) {
            sums[v][g][l] += o.sums[v][g][l];
          }
        }
      }
      return this;
    }
  }

  public static ProjectionSums projectionSums(PanelBlock b, byte[][] levelWhy, State s, double[][][] c,
      boolean withVariables) {
    Working w = new Working(b, levelWhy, s);
    double[][] r = w.residuals(b, c, withVariables);
    int vars = c.length;
    int dims = c[0].length;
    double[][][] sums = new double[vars][dims][];
    double[][] weight = new double[dims][];
    for (int g = 0; g < dims; g++) {
      weight[g] = new double[c[0][g].length];
      for (int v = 0; v < vars; v++) {
        sums[v][g] = new double[c[0][g].length];
      }
    }
    for (int i = 0; i < b.n(); i++) {
      if (w.why[i] != KEPT) {
        continue;
      }
      double mu = w.mu[i];
      for (int g = 0; g < dims; g++) {
        int l = b.fe()[g][i];
        weight[g][l] += mu;
        for (int v = 0; v < vars; v++) {
          sums[v][g][l] += mu * r[v][i];
        }
      }
    }
    return new ProjectionSums(sums, weight);
  }

  /** X̃'WX̃ and X̃'Wz̃ of the weighted least-squares step (row-major K × K, and K). */
  public record Normal(double[] xwx, double[] xwz) implements Serializable {
    public Normal merge(Normal o) {
      for (int i = 0; i < xwx.length; i++) {
        xwx[i] += o.xwx[i];
      }
      for (int i = 0; i < xwz.length; i++) {
        xwz[i] += o.xwz[i];
      }
      return this;
    }
  }

  public static Normal normal(PanelBlock b, byte[][] levelWhy, State s, double[][][] c) {
    Working w = new Working(b, levelWhy, s);
    double[][] r = w.residuals(b, c);
    int k = c.length - 1;
    double[] xwx = new double[k * k];
    double[] xwz = new double[k];
    for (int i = 0; i < b.n(); i++) {
      if (w.why[i] != KEPT) {
        continue;
      }
      double mu = w.mu[i];
      for (int p = 0; p < k; p++) {
        double xp = mu * r[p + 1][i];
        xwz[p] += xp * r[0][i];
        for (int q = 0; q < k; q++) {
          xwx[p * k + q] += xp * r[q + 1][i];
        }
      }
    }
    return new Normal(xwx, xwz);
  }

  /** The Poisson deviance 2 Σ [y ln(y/μ) − (y − μ)] over the kept observations, and their number. */
  public record Deviance(double deviance, long n, double maxAbsEta) implements Serializable {
    public Deviance merge(Deviance o) {
      return new Deviance(deviance + o.deviance, n + o.n, Math.max(maxAbsEta, o.maxAbsEta));
    }
  }

  public static Deviance deviance(PanelBlock b, byte[][] levelWhy, State s) {
    Working w = new Working(b, levelWhy, s);
    double dev = 0;
    long n = 0;
    double maxEta = 0;
    for (int i = 0; i < b.n(); i++) {
      if (w.why[i] != KEPT) {
        continue;
      }
      double y = b.y()[i];
      double mu = w.mu[i];
      dev += (y > 0 ? y * Math.log(y / mu) : 0) - (y - mu);
      n++;
      maxEta = Math.max(maxEta, Math.abs(w.eta[i]));
    }
    return new Deviance(2 * dev, n, maxEta);
  }

  /**
   * The sandwich's pieces at the fit: bread X̃'WX̃, and the meat Σ_g (Σ_{i∈g} x̃_i u_i)(…)' with u = y − μ, over
   * observations (robust), over local runs (clusters = the local effect) or as per-cluster score sums to be added
   * across blocks (any other cluster variable).
   */
  public record Sandwich(double[] bread, double[] meat, double[][] clusterScores, long clusters)
      implements Serializable {
    public Sandwich merge(Sandwich o) {
      for (int i = 0; i < bread.length; i++) {
        bread[i] += o.bread[i];
        meat[i] += o.meat[i];
      }
      if (clusterScores != null) {
        for (int l = 0; l < clusterScores.length; l++) {
          for (int p = 0; p < clusterScores[l].length; p++) {
            clusterScores[l][p] += o.clusterScores[l][p];
          }
        }
      }
      return new Sandwich(bread, meat, clusterScores, clusters + o.clusters);
    }
  }

  /** How the meat is summed. */
  public enum Vcov { ROBUST, CLUSTER_LOCAL, CLUSTER }

  public static Sandwich sandwich(PanelBlock b, byte[][] levelWhy, State s, double[][][] c, Vcov vcov,
      int clusterLevels) {
    Working w = new Working(b, levelWhy, s);
    double[][] r = w.residuals(b, c);
    int k = c.length - 1;
    double[] bread = new double[k * k];
    double[] meat = new double[k * k];
    double[][] scores = vcov == Vcov.CLUSTER ? new double[clusterLevels][k] : null;
    long clusters = 0;
    double[] run = new double[k];
    int[] seg = b.segments();
    for (int s2 = 0; s2 < b.runs(); s2++) {
      java.util.Arrays.fill(run, 0);
      boolean any = false;
      for (int i = seg[s2]; i < seg[s2 + 1]; i++) {
        if (w.why[i] != KEPT) {
          continue;
        }
        any = true;
        double mu = w.mu[i];
        double u = b.y()[i] - mu;
        for (int p = 0; p < k; p++) {
          double xp = r[p + 1][i];
          for (int q = 0; q < k; q++) {
            bread[p * k + q] += mu * xp * r[q + 1][i];
          }
          switch (vcov) {
            case ROBUST -> {
              for (int q = 0; q < k; q++) {
                meat[p * k + q] += u * u * xp * r[q + 1][i];
              }
            }
            case CLUSTER_LOCAL -> run[p] += u * xp;
            case CLUSTER -> scores[b.cluster()[i]][p] += u * xp;
          }
        }
      }
      if (vcov == Vcov.CLUSTER_LOCAL && any) {
        clusters++;
        for (int p = 0; p < k; p++) {
          for (int q = 0; q < k; q++) {
            meat[p * k + q] += run[p] * run[q];
          }
        }
      }
    }
    return new Sandwich(bread, meat, scores, clusters);
  }

  /** A local level's estimated effect δ_s. */
  public record LocalEffect(String level, double estimate) implements Serializable {}

  public static List<LocalEffect> localEffects(PanelBlock b, byte[][] levelWhy, State s) {
    List<LocalEffect> out = new ArrayList<>();
    if (!b.hasLocal()) {
      return out;
    }
    Working w = new Working(b, levelWhy, s);
    int[] seg = b.segments();
    for (int r = 0; r < b.runs(); r++) {
      if (anyKept(w.why, seg[r], seg[r + 1])) {
        out.add(new LocalEffect(b.localLevels()[r], w.local[r]));
      }
    }
    return out;
  }

  private static boolean anyKept(byte[] why, int from, int to) {
    for (int i = from; i < to; i++) {
      if (why[i] == KEPT) {
        return true;
      }
    }
    return false;
  }
}
