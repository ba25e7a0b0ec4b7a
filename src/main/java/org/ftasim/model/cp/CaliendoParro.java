package org.ftasim.model.cp;

/**
 * The paper's procedure: from the same data, solve one equilibrium with the baseline tariffs and iceberg costs
 * and one with the counterfactual ones, and compare them. In the zero-deficit mode (CP 2015, section 5.1) both
 * are solved with D = 0; with deficits kept, both with the data's D.
 */
public final class CaliendoParro {
  /** How aggregate deficits enter both equilibria. */
  public enum Deficits {
    ZERO, KEEP;

    public static Deficits parse(String s) {
      return switch (s) {
        case "zero" -> ZERO;
        case "keep" -> KEEP;
        default -> throw new IllegalArgumentException("deficit mode '" + s + "': use zero or keep");
      };
    }
  }

  private CaliendoParro() {}

  public static CpComparison run(CpData data, Deficits deficits, CpSolver.Options options) {
    return run(data, deficits, options, null);
  }

  /**
   * As {@link #run(CpData, Deficits, CpSolver.Options)}, warm-started from {@code start}, a nearby solution with the
   * same regions and sectors (e.g. a sweep's central-elasticity solution): the baseline from its baseline, the
   * counterfactual from this baseline moved by {@code start}'s own counterfactual-minus-baseline, or from this
   * baseline alone if that is nearer. Both starts are functions of the inputs alone, so results stay reproducible.
   */
  public static CpComparison run(CpData data, Deficits deficits, CpSolver.Options options, CpComparison start) {
    return run(new CpModel(data), deficits, options, start);
  }

  /**
   * The comparison under a capital closure ({@link Capital}): {@code FIXED}, both equilibria at the data year's stock
   * (the comparison above); {@code STEADY_STATE}, both in their steady state; {@code RECURSIVE}, a path of
   * {@code years} years from the data year's stock for each ({@link CapitalPath}), compared year by year. Returns one
   * comparison, or one per year for the recursive closure.
   */
  public static CpComparison[] run(CpModel model, Deficits deficits, CpSolver.Options options, Capital.Closure closure,
      double depreciation, int years) {
    if (closure == Capital.Closure.FIXED) {
      return new CpComparison[] {run(model, deficits, options)};
    }
    CpData data = model.data();
    CpSolver solver = new CpSolver(model, options);
    double[] d = deficits == Deficits.ZERO ? new double[data.n()] : data.deficit();
    if (closure == Capital.Closure.STEADY_STATE) {
      CpEquilibrium base = solver.solve(data.tariffBaseline(), data.icebergBaseline(), d, Capital.steadyState(), (CpEquilibrium) null);
      CpEquilibrium cf = solver.solve(data.tariffCounterfactual(), data.icebergCounterfactual(), d,
          Capital.steadyState(), base);
      return new CpComparison[] {new CpComparison(base, cf)};
    }
    if (years < 1) {
      throw new IllegalArgumentException("a recursive path needs at least 1 year, got " + years);
    }
    double[] k0 = Capital.fixed(data.n()).stock();
    CpEquilibrium[] base = CapitalPath.solve(solver, repeat(data.tariffBaseline(), years),
        repeat(data.icebergBaseline(), years), d, depreciation, k0, null);
    CpEquilibrium[] cf = CapitalPath.solve(solver, repeat(data.tariffCounterfactual(), years),
        repeat(data.icebergCounterfactual(), years), d, depreciation, k0, base);
    CpComparison[] out = new CpComparison[years];
    for (int t = 0; t < years; t++) {
      out[t] = new CpComparison(base[t], cf[t]);
    }
    return out;
  }

  private static double[][] repeat(double[] a, int times) {
    double[][] out = new double[times][];
    java.util.Arrays.fill(out, a);
    return out;
  }

  /** The same from an already calibrated model (e.g. {@link CpModel#withTheta} in a sweep). */
  public static CpComparison run(CpModel model, Deficits deficits, CpSolver.Options options, CpComparison start) {
    return start == null ? run(model, deficits, options) : run(model, deficits, options, CpStartPredictor.of(start));
  }

  /**
   * The same from predicted starts (e.g. {@link CpStartPredictor#predict}): the baseline from the nearest of the
   * candidates' baselines, the counterfactual from the nearest of this baseline moved by each candidate's offset and
   * this baseline itself; cold when none is given.
   */
  public static CpComparison run(CpModel model, Deficits deficits, CpSolver.Options options,
      CpStartPredictor.Start... starts) {
    CpData data = model.data();
    CpSolver solver = new CpSolver(model, options);
    double[] d = deficits == Deficits.ZERO ? new double[data.n()] : data.deficit();
    double[][] bases = new double[starts.length][];
    for (int k = 0; k < starts.length; k++) {
      bases[k] = starts[k].baseline();
    }
    CpEquilibrium base = solver.solve(data.tariffBaseline(), data.icebergBaseline(), d, bases);
    double[][] cfs = new double[starts.length == 0 ? 0 : starts.length + 1][];
    if (starts.length > 0) {
      double[] b = base.state();
      for (int k = 0; k < starts.length; k++) {
        double[] o = starts[k].offset();
        double[] x = b.clone();
        if (o.length == x.length) {
          for (int i = 0; i < x.length; i++) {
            x[i] += o[i];
          }
        }
        cfs[k] = x;
      }
      cfs[starts.length] = b;
    }
    CpEquilibrium cf = solver.solve(data.tariffCounterfactual(), data.icebergCounterfactual(), d, cfs);
    return new CpComparison(base, cf);
  }
}
