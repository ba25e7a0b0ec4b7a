package org.ftasim.model.cp;

import java.io.Serializable;

import java.util.Arrays;
import java.util.List;
import org.ftasim.model.ModelErrors;

/**
 * The data of the Caliendo–Parro model for N regions and J sectors, in flat arrays. Bilateral arrays are indexed
 * by {@link #pair(int, int, int)} = (sector, importer, exporter) with the exporter fastest, the order the solver
 * walks them; region × sector arrays by {@link #rs(int, int)}; the input–output array by
 * {@link #io(int, int, int)} = (region, input, using sector).
 *
 * <p>Values follow the layout of Caliendo and Parro's replication data: trade net of tariffs (domestic sales
 * included, importer = exporter), tariffs as rates (0.05 = 5%), intermediate use and final demand at
 * tariff-inclusive prices, value added, and aggregate deficits.
 *
 * @param trade X_ni^j, imports of n from i in sector j, net of tariffs
 * @param tariff τ_ni^j in the data year (used for the initial shares and expenditure)
 * @param tariffBaseline τ of the baseline equilibrium
 * @param tariffCounterfactual τ′ of the counterfactual equilibrium
 * @param icebergBaseline d̂ of the baseline (1 = no change)
 * @param icebergCounterfactual d̂ of the counterfactual
 * @param intermediate use of input k by sector j in region n
 * @param valueAdded value added (labour income) by region and sector
 * @param finalDemand final demand by region and sector
 * @param deficit aggregate trade deficit by region (must sum to about zero)
 * @param theta θ^j, the sector trade elasticities
 */
public record CpData(List<String> regions, List<String> sectors, double[] trade, double[] tariff,
    double[] tariffBaseline, double[] tariffCounterfactual, double[] icebergBaseline,
    double[] icebergCounterfactual, double[] intermediate, double[] valueAdded, double[] finalDemand,
    double[] deficit, double[] theta) implements Serializable {

  public CpData {
    int n = regions.size();
    int j = sectors.size();
    if (n < 2 || j < 1) {
      throw ModelErrors.tooSmall(n, j);
    }
    length("trade", trade, n * n * j);
    length("tariff", tariff, n * n * j);
    length("tariff_bln", tariffBaseline, n * n * j);
    length("tariff_cfl", tariffCounterfactual, n * n * j);
    length("d_bln", icebergBaseline, n * n * j);
    length("d_cfl", icebergCounterfactual, n * n * j);
    length("intermediate_consumption", intermediate, n * j * j);
    length("value_added", valueAdded, n * j);
    length("final_consumption", finalDemand, n * j);
    length("deficit", deficit, n);
    length("theta", theta, j);
  }

  public int n() {
    return regions.size();
  }

  public int j() {
    return sectors.size();
  }

  /** Index of (sector, importer, exporter) in the bilateral arrays. */
  public int pair(int sector, int importer, int exporter) {
    return (sector * n() + importer) * n() + exporter;
  }

  /** Index of (region, sector). */
  public int rs(int region, int sector) {
    return region * j() + sector;
  }

  /** Index of (region, input, using sector) in {@link #intermediate()}. */
  public int io(int region, int input, int sector) {
    return (region * j() + input) * j() + sector;
  }

  /** A copy with other baseline and counterfactual tariffs (same layout). */
  public CpData withTariffs(double[] baseline, double[] counterfactual) {
    return new CpData(regions, sectors, trade, tariff, baseline, counterfactual, icebergBaseline,
        icebergCounterfactual, intermediate, valueAdded, finalDemand, deficit, theta);
  }

  /** A copy with other trade elasticities. */
  public CpData withTheta(double[] newTheta) {
    return new CpData(regions, sectors, trade, tariff, tariffBaseline, tariffCounterfactual, icebergBaseline,
        icebergCounterfactual, intermediate, valueAdded, finalDemand, deficit, newTheta);
  }

  private static void length(String what, double[] a, int expected) {
    if (a == null || a.length != expected) {
      throw new IllegalArgumentException(what + " has " + (a == null ? "no" : a.length) + " entries, expected "
          + expected);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CpData d && regions.equals(d.regions) && sectors.equals(d.sectors)
        && Arrays.equals(trade, d.trade) && Arrays.equals(tariff, d.tariff)
        && Arrays.equals(tariffBaseline, d.tariffBaseline) && Arrays.equals(tariffCounterfactual,
            d.tariffCounterfactual)
        && Arrays.equals(icebergBaseline, d.icebergBaseline) && Arrays.equals(icebergCounterfactual,
            d.icebergCounterfactual)
        && Arrays.equals(intermediate, d.intermediate) && Arrays.equals(valueAdded, d.valueAdded)
        && Arrays.equals(finalDemand, d.finalDemand) && Arrays.equals(deficit, d.deficit) && Arrays.equals(theta,
            d.theta);
  }

  @Override
  public int hashCode() {
    return 31 * regions.hashCode() + Arrays.hashCode(trade);
  }

  @Override
  public String toString() {
    return "CpData[" + n() + " regions x " + j() + " sectors]";
  }
}
