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
   * As {@link #run(CpData, Deficits, CpSolver.Options)}, warm-started: the baseline from {@code start}'s baseline (a
   * nearby solution with the same regions and sectors, e.g. a sweep's central-elasticity solution), then the
   * counterfactual from this baseline, which differs from it only by the policy shock. Both starts are functions of
   * the inputs alone, so results stay reproducible.
   */
  public static CpComparison run(CpData data, Deficits deficits, CpSolver.Options options, CpComparison start) {
    return run(new CpModel(data), deficits, options, start);
  }

  /** The same from an already calibrated model (e.g. {@link CpModel#withTheta} in a sweep). */
  public static CpComparison run(CpModel model, Deficits deficits, CpSolver.Options options, CpComparison start) {
    CpData data = model.data();
    CpSolver solver = new CpSolver(model, options);
    double[] d = deficits == Deficits.ZERO ? new double[data.n()] : data.deficit();
    CpEquilibrium base = solver.solve(data.tariffBaseline(), data.icebergBaseline(), d,
        start == null ? null : start.baseline());
    CpEquilibrium cf = solver.solve(data.tariffCounterfactual(), data.icebergCounterfactual(), d,
        start == null ? null : base);
    return new CpComparison(base, cf);
  }
}
