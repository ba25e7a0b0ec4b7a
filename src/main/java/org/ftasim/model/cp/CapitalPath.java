package org.ftasim.model.cp;

/**
 * The recursive closure: capital accumulates year by year, K_{t+1} = (1 − δ) K_t + I_t, from the data year's stock.
 * Nominal investment is a fixed share s_n of capital income (gross saving out of operating surplus), so real
 * investment is I_t = s_n r_t K_t / P^I_t. The data year is taken as stationary, δ K_0 = s_n r_0 K_0 / P^I_0, which
 * fixes s_n without a datum of its own and gives, in changes against the data year,
 * <pre>
 *   Î_t = r̂_t K̂_t / P̂^I_t,     K̂_{t+1} = (1 − δ) K̂_t + δ Î_t.
 * </pre>
 * Its stationary point is r̂ / P̂^I = 1, the steady state of {@link Capital#steadyState} (Francois, McDonald and
 * Nordström 1996), so a long enough path ends where that closure starts. Investment as a share of total income
 * would not: its stationary point moves r̂ / P̂^I with capital's share of income, which tariff revenue changes.
 * Each year's equilibrium is solved with that year's stock given; the first year's stock is the one the path starts
 * from, so year 1 of an agreement is its short run.
 */
public final class CapitalPath {
  private CapitalPath() {}

  /** K̂_{t+1} from the equilibrium of year t. */
  public static double[] next(CpEquilibrium year, double depreciation) {
    int n = year.model().n;
    double[] k = new double[n];
    for (int m = 0; m < n; m++) {
      double now = year.capital(m);
      double investment = year.rental(m) * now / year.investmentPrice(m);
      k[m] = year.model().rK[m] > 0 ? (1 - depreciation) * now + depreciation * investment : 1;
    }
    return k;
  }

  /**
   * The path under tariffs {@code tariff[t]} and non-tariff costs {@code iceberg[t]}, t = 0…T−1, from stock
   * {@code start}; year t is warm-started from {@code warm[t]} when given, else from year t − 1.
   */
  public static CpEquilibrium[] solve(CpSolver solver, double[][] tariff, double[][] iceberg, double[] deficit,
      double depreciation, double[] start, CpEquilibrium[] warm) {
    checkDepreciation(depreciation);
    CpEquilibrium[] path = new CpEquilibrium[tariff.length];
    double[] k = start.clone();
    for (int t = 0; t < tariff.length; t++) {
      CpEquilibrium from = warm != null && warm[t] != null ? warm[t] : t > 0 ? path[t - 1] : null;
      path[t] = solver.solve(tariff[t], iceberg[t], deficit, Capital.given(k), from);
      k = next(path[t], depreciation);
    }
    return path;
  }

  /**
   * Runs the path under constant tariffs until the stock moves less than {@code tolerance} (largest |Δ log K̂|) in a
   * year, or {@code maxYears} have passed; returns the last year's equilibrium.
   */
  public static Stationary untilStationary(CpSolver solver, double[] tariff, double[] iceberg, double[] deficit,
      double depreciation, double tolerance, int maxYears) {
    checkDepreciation(depreciation);
    int n = solver.model().n;
    double[] k = Capital.fixed(n).stock();
    CpEquilibrium year = null;
    double move = Double.NaN;
    for (int t = 1; t <= maxYears; t++) {
      year = solver.solve(tariff, iceberg, deficit, Capital.given(k), year);
      double[] next = next(year, depreciation);
      move = 0;
      for (int m = 0; m < n; m++) {
        move = Math.max(move, Math.abs(Math.log(next[m] / k[m])));
      }
      k = next;
      if (move < tolerance) {
        return new Stationary(year, t, move);
      }
    }
    return new Stationary(year, maxYears, move);
  }

  /** The last year of a path run to stationarity: how many years it took and the last year's move of log K̂. */
  public record Stationary(CpEquilibrium equilibrium, int years, double lastMove) {}

  private static void checkDepreciation(double depreciation) {
    if (!(depreciation > 0 && depreciation <= 1)) {
      throw new IllegalArgumentException("depreciation " + depreciation + ": it must be in (0, 1] (0.059 = 5.9% a"
          + " year)");
    }
  }
}
