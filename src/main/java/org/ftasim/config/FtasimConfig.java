package org.ftasim.config;

/**
 * The typed pipeline configuration. Every key has a default in {@code ftasim-defaults.yaml}; a user file and
 * {@code --set key=value} overrides are merged onto those defaults and then bound here, so a key that is not
 * in the defaults is unknown by construction.
 *
 * @param seed the run seed: every random draw of the run is a pure function of it
 * @param sql settings of {@code ftasim sql}
 * @param export settings of {@code ftasim export}
 * @param solver settings of the equilibrium solvers (Caliendo–Parro and structural gravity)
 */
public record FtasimConfig(long seed, Sql sql, Export export, Solver solver) {

  /** @param maxRows the most rows {@code ftasim sql} prints; more is an error that says to add a LIMIT */
  public record Sql(int maxRows) {}

  /** @param files Parquet files per exported unpartitioned table (partitioned tables: one per partition value) */
  public record Export(int files) {}

  /**
   * @param tolerance converged when no unknown (log unit cost, log expenditure, log wage) moves more than this
   *     in a pass
   * @param maxIterations passes at most; a solve that has not converged by then is reported as failed
   * @param memory Anderson acceleration memory (0 = plain damped iteration)
   * @param wageStep the weight of labour-market excess demand in each wage update
   */
  public record Solver(double tolerance, int maxIterations, int memory, double wageStep) {}

  void validate(Check check) {
    check.range("seed", seed, 0, Long.MAX_VALUE);
    check.range("sql.max_rows", sql.maxRows(), 1, 10_000_000);
    check.range("export.files", export.files(), 1, 10_000);
    check.range("solver.tolerance", solver.tolerance(), 1e-15, 1e-3);
    check.range("solver.max_iterations", solver.maxIterations(), 1, 1_000_000);
    check.range("solver.memory", solver.memory(), 0, 50);
    check.range("solver.wage_step", solver.wageStep(), 1e-3, 1.0);
  }
}
