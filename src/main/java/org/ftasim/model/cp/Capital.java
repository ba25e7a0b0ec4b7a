package org.ftasim.model.cp;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How one equilibrium treats the capital stock K̂_n (relative to the data year). Either the stock is given and the
 * rental rate r̂_n clears each region's capital market (capital is mobile across a region's sectors, not across
 * regions), or the stock adjusts until the rental rate relative to the price of investment goods is back at its
 * data-year value, r̂_n / P̂^I_n = 1 (the steady-state closure of Francois, McDonald and Nordström 1996, "Liberalization
 * and Capital Accumulation in the GTAP Model", GTAP Technical Paper 7).
 *
 * @param stock K̂_n when given; null in the steady state
 */
public record Capital(double[] stock) implements Serializable {

  /** The data year's stock in every region: the short run. */
  public static Capital fixed(int regions) {
    double[] ones = new double[regions];
    Arrays.fill(ones, 1.0);
    return new Capital(ones);
  }

  public static Capital given(double[] stock) {
    for (double k : stock) {
      if (!(k > 0) || Double.isInfinite(k)) {
        throw new IllegalArgumentException("capital stock change " + k + ": it must be finite and > 0");
      }
    }
    return new Capital(stock.clone());
  }

  public static Capital steadyState() {
    return new Capital(null);
  }

  public boolean isSteadyState() {
    return stock == null;
  }

  /** The three closures a user chooses between; {@code RECURSIVE} is a path of given stocks ({@link CapitalPath}). */
  public enum Closure {
    FIXED, STEADY_STATE, RECURSIVE;

    public static Closure parse(String s) {
      return switch (s) {
        case "fixed" -> FIXED;
        case "steady_state" -> STEADY_STATE;
        case "recursive" -> RECURSIVE;
        default -> throw new IllegalArgumentException("closure '" + s + "': use fixed, steady_state or recursive");
      };
    }

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
