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
    CpModel model = new CpModel(data);
    CpSolver solver = new CpSolver(model, options);
    double[] d = deficits == Deficits.ZERO ? new double[data.n()] : data.deficit();
    CpEquilibrium base = solver.solve(data.tariffBaseline(), data.icebergBaseline(), d);
    CpEquilibrium cf = solver.solve(data.tariffCounterfactual(), data.icebergCounterfactual(), d);
    return new CpComparison(base, cf);
  }
}
