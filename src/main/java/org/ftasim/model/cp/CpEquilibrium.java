package org.ftasim.model.cp;

import org.ftasim.model.Diagnostics;

/**
 * One solved equilibrium, in changes relative to the data year: unit costs ĉ, sector price indices P̂, wages ŵ,
 * and in levels the trade shares π′, expenditures X′, gross output Y′, tariff revenue and income I′.
 */
public final class CpEquilibrium {
  private final CpModel model;
  private final double[] tariff;
  private final double[] iceberg;
  private final double[] deficit;
  private final double[] unitCost;
  private final double[] price;
  private final double[] wage;
  private final double[] rental;
  private final double[] capital;
  private final double[] share;
  private final double[] expenditure;
  private final double[] output;
  private final double[] revenue;
  private final double[] income;
  private final Diagnostics diagnostics;
  private final double[] state;

  CpEquilibrium(CpModel model, double[] tariff, double[] iceberg, double[] deficit, double[] x,
      CpSolver.State st, Diagnostics diagnostics) {
    this.model = model;
    this.tariff = tariff;
    this.iceberg = iceberg;
    this.deficit = deficit;
    int nj = model.n * model.j;
    unitCost = new double[nj];
    price = new double[nj];
    for (int k = 0; k < nj; k++) {
      unitCost[k] = Math.exp(x[k]);
      price[k] = Math.exp(st.logPrice[k]);
    }
    wage = new double[model.n];
    rental = new double[model.n];
    capital = new double[model.n];
    for (int m = 0; m < model.n; m++) {
      wage[m] = Math.exp(x[2 * nj + m]);
      rental[m] = Math.exp(x[2 * nj + model.n + m]);
      capital[m] = Math.exp(x[2 * nj + 2 * model.n + m]);
    }
    share = st.share.clone();
    expenditure = st.expend.clone();
    output = st.output.clone();
    revenue = st.revenue.clone();
    income = st.income.clone();
    this.diagnostics = diagnostics;
    this.state = x.clone();
  }

  /** The solver's unknowns at the solution (log ĉ, log(X′ + ε), log ŵ): a starting point for a nearby solve. */
  double[] state() {
    return state;
  }

  public CpModel model() {
    return model;
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  /** ĉ_n^j. */
  public double unitCost(int region, int sector) {
    return unitCost[model.data.rs(region, sector)];
  }

  /** P̂_n^j. */
  public double price(int region, int sector) {
    return price[model.data.rs(region, sector)];
  }

  /** P̂_n = ∏_j (P̂_n^j)^{α_n^j}, the change in the consumer price index. */
  public double consumerPrice(int region) {
    double logP = 0;
    for (int s = 0; s < model.j; s++) {
      logP += model.alpha[model.data.rs(region, s)] * Math.log(price[model.data.rs(region, s)]);
    }
    return Math.exp(logP);
  }

  /** ŵ_n. */
  public double wage(int region) {
    return wage[region];
  }

  /** r̂_n, the rental rate of capital (1 in a region without capital income). */
  public double rental(int region) {
    return rental[region];
  }

  /** K̂_n, the capital stock against the data year's. */
  public double capital(int region) {
    return capital[region];
  }

  /** P̂^I_n, the price of investment goods: the final-demand bundle's ({@link CpSolver} says why). */
  public double investmentPrice(int region) {
    return consumerPrice(region);
  }

  /** r̂_n K̂_n r_n K_n, capital income. */
  public double capitalIncome(int region) {
    return rental[region] * capital[region] * model.rK[region];
  }

  /** ŵ_n w_n L_n, labour income. */
  public double labourIncome(int region) {
    return wage[region] * model.wL[region];
  }

  /** π′_ni^j. */
  public double share(int sector, int importer, int exporter) {
    return share[model.data.pair(sector, importer, exporter)];
  }

  /** X′_n^j, expenditure at tariff-inclusive prices. */
  public double expenditure(int region, int sector) {
    return expenditure[model.data.rs(region, sector)];
  }

  /** Y′_n^j, gross output (sales net of tariffs, at home and abroad). */
  public double output(int region, int sector) {
    return output[model.data.rs(region, sector)];
  }

  /** Imports of {@code importer} from {@code exporter} in a sector, net of tariffs: X′ π′ / (1+τ′). */
  public double imports(int sector, int importer, int exporter) {
    int p = model.data.pair(sector, importer, exporter);
    return expenditure[model.data.rs(importer, sector)] * share[p] / (1 + tariff[p]);
  }

  public double tariff(int sector, int importer, int exporter) {
    return tariff[model.data.pair(sector, importer, exporter)];
  }

  public double iceberg(int sector, int importer, int exporter) {
    return iceberg[model.data.pair(sector, importer, exporter)];
  }

  public double tariffRevenue(int region) {
    return revenue[region];
  }

  /** I′_n = ŵ_n w_n L_n + r̂_n K̂_n r_n K_n + tariff revenue + D′_n. */
  public double income(int region) {
    return income[region];
  }

  public double deficit(int region) {
    return deficit[region];
  }
}
