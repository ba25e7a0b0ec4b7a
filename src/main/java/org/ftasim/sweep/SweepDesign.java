package org.ftasim.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Which parameter values each draw gets. Every draw's values are a pure function of (seed, draw id), so results do
 * not depend on partitioning, executor count or retries.
 * <ul>
 *   <li>{@code MONTE_CARLO}: independent uniforms from a per-draw generator.</li>
 *   <li>{@code LATIN_HYPERCUBE}: each dimension's n strata visited once, in a seeded random order (McKay, Beckman
 *       and Conover 1979), with a seeded position inside each stratum.</li>
 *   <li>{@code SOBOL}: Sobol points (Joe–Kuo direction numbers) with a seeded random digital shift.</li>
 *   <li>{@code SALTELLI}: the Saltelli (2010) scheme for Sobol indices: base matrices A and B from a 2d-dimensional
 *       shifted Sobol sequence of n points, and for each dimension k the matrix AB_k (A with column k from B);
 *       draws are laid out block by block, [A | B | AB_1 … AB_d], n(d+2) in all.</li>
 *   <li>{@code QUADRATURE}: Stroud's degree-3 rule with 2d equally weighted points that reproduces every
 *       parameter's mean and variance (the systematic sensitivity analysis of GTAP, DeVuyst and Preckel 1997).</li>
 *   <li>{@code OAT}: one-at-a-time: draw 0 sets every parameter at its median, draws 2k+1 and 2k+2 move dimension k
 *       to its 5% and 95% quantiles (tornado charts).</li>
 * </ul>
 */
public final class SweepDesign implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind { MONTE_CARLO, LATIN_HYPERCUBE, SOBOL, SALTELLI, QUADRATURE, OAT }

  private static final double OAT_LOW = 0.05;
  private static final double OAT_HIGH = 0.95;

  private final Kind kind;
  private final List<Parameter> parameters;
  private final List<String> dimensions;
  private final int[] dimensionOf;
  private final long seed;
  private final int n;
  private transient int[][] strata;
  private transient SobolSequenceGenerator sobol;
  private transient long sobolNext = -1;
  private transient int sobolDims;

  /**
   * @param n the number of draws (MONTE_CARLO, LATIN_HYPERCUBE, SOBOL) or of base points (SALTELLI); ignored by
   *     QUADRATURE and OAT, whose size follows from the dimension count
   */
  public SweepDesign(Kind kind, List<Parameter> parameters, long seed, int n) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one uncertain parameter");
    }
    this.kind = kind;
    this.parameters = List.copyOf(parameters);
    this.seed = seed;
    this.n = n;
    Map<String, Integer> dims = new LinkedHashMap<>();
    dimensionOf = new int[parameters.size()];
    for (int p = 0; p < parameters.size(); p++) {
      dimensionOf[p] = dims.computeIfAbsent(parameters.get(p).dimension(), k -> dims.size());
    }
    dimensions = new ArrayList<>(dims.keySet());
    if (n < 1 && kind != Kind.QUADRATURE && kind != Kind.OAT) {
      throw new IllegalArgumentException("the design needs at least one draw");
    }
    if (kind == Kind.SALTELLI && 2 * dimensions.size() > 1000) {
      throw new IllegalArgumentException("Saltelli designs take at most 500 dimensions (Sobol: 1000)");
    }
  }

  public Kind kind() {
    return kind;
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  /** The design dimensions: groups, or parameter names for ungrouped parameters. */
  public List<String> dimensions() {
    return dimensions;
  }

  public int basePoints() {
    return n;
  }

  public long drawCount() {
    int d = dimensions.size();
    return switch (kind) {
      case MONTE_CARLO, LATIN_HYPERCUBE, SOBOL -> n;
      case SALTELLI -> (long) n * (d + 2);
      case QUADRATURE -> 2L * d;
      case OAT -> 1 + 2L * d;
    };
  }

  /** The parameter values of a draw, in the order of {@link #parameters()}. */
  public double[] values(long draw) {
    if (draw < 0 || draw >= drawCount()) {
      throw new IllegalArgumentException("draw " + draw + " outside 0.." + (drawCount() - 1));
    }
    int d = dimensions.size();
    double[] out = new double[parameters.size()];
    if (kind == Kind.QUADRATURE) {
      double[] z = stroud(d, (int) draw + 1);
      for (int p = 0; p < out.length; p++) {
        Distribution dist = parameters.get(p).distribution();
        out[p] = Math.min(Math.max(dist.mean() + dist.sd() * z[dimensionOf[p]], dist.min()), dist.max());
      }
      return out;
    }
    double[] u = unit(draw, d);
    for (int p = 0; p < out.length; p++) {
      out[p] = parameters.get(p).distribution().quantile(u[dimensionOf[p]]);
    }
    return out;
  }

  /** Saltelli layout: which block (0 = A, 1 = B, 2 + k = AB_k) and base point a draw is. */
  public int saltelliBlock(long draw) {
    return (int) (draw / n);
  }

  public int saltelliPoint(long draw) {
    return (int) (draw % n);
  }

  private double[] unit(long draw, int d) {
    double[] u = new double[d];
    switch (kind) {
      case MONTE_CARLO -> {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 1, draw));
        for (int k = 0; k < d; k++) {
          u[k] = open(r.nextDouble());
        }
      }
      case LATIN_HYPERCUBE -> {
        int[][] s = strata();
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 2, draw));
        for (int k = 0; k < d; k++) {
          u[k] = open((s[k][(int) draw] + r.nextDouble()) / n);
        }
      }
      case SOBOL -> {
        double[] x = sobolPoint(draw, d);
        System.arraycopy(x, 0, u, 0, d);
      }
      case SALTELLI -> {
        int block = saltelliBlock(draw);
        double[] x = sobolPoint(saltelliPoint(draw), 2 * d);
        for (int k = 0; k < d; k++) {
          boolean fromB = block == 1 || block == 2 + k;
          u[k] = x[fromB ? d + k : k];
        }
      }
      case OAT -> {
        java.util.Arrays.fill(u, 0.5);
        if (draw > 0) {
          int k = (int) ((draw - 1) / 2);
          u[k] = (draw - 1) % 2 == 0 ? OAT_LOW : OAT_HIGH;
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return u;
  }

  private synchronized double[] sobolPoint(long index, int dims) {
    double[] x;
    if (sobol == null || sobolNext != index || sobolDims != dims) {
      sobol = new SobolSequenceGenerator(dims);
      sobolDims = dims;
      x = sobol.skipTo((int) index); // returns point `index` itself
    } else {
      x = sobol.nextVector();
    }
    sobolNext = index + 1;
    // seeded random digital shift: XOR of the 52-bit binary fractions
    for (int k = 0; k < dims; k++) {
      long bits = (long) (x[k] * (1L << 52));
      long shift = Seeds.mix(seed, 3, k) >>> 12;
      x[k] = open((bits ^ shift) / (double) (1L << 52));
    }
    return x;
  }

  private synchronized int[][] strata() {
    if (strata == null) {
      int d = dimensions.size();
      int[][] s = new int[d][n];
      for (int k = 0; k < d; k++) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 4, k));
        for (int i = 0; i < n; i++) {
          s[k][i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
          int j = r.nextInt(i + 1);
          int t = s[k][i];
          s[k][i] = s[k][j];
          s[k][j] = t;
        }
      }
      strata = s;
    }
    return strata;
  }

  /** Point k (1-based, 1..2d) of Stroud's degree-3 rule in standardised coordinates. */
  static double[] stroud(int d, int k) {
    double[] z = new double[d];
    for (int r = 1; r <= d / 2; r++) {
      double angle = (2 * r - 1) * k * Math.PI / d;
      z[2 * r - 2] = Math.sqrt(2) * Math.cos(angle);
      z[2 * r - 1] = Math.sqrt(2) * Math.sin(angle);
    }
    if (d % 2 == 1) {
      z[d - 1] = k % 2 == 0 ? 1 : -1;
    }
    return z;
  }

  private static double open(double u) {
    return Math.min(Math.max(u, 1e-12), 1 - 1e-12);
  }
}
