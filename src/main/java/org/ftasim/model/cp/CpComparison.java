package org.ftasim.model.cp;

/**
 * The effects of moving from one equilibrium (baseline) to another (counterfactual) solved from the same data,
 * as Caliendo and Parro (2015) report them. Every change is counterfactual over baseline.
 *
 * <p>Welfare is the paper's decomposition (CP 2015, eq. 26, and its replication code), in percent of
 * baseline income I_n, summed over partners i and sectors j, with M = baseline imports net of tariffs,
 * E = baseline exports, ĉ = change in unit costs, M̂ = change in imports, d̂ = change in iceberg costs:
 * <pre>
 *   terms of trade       Σ_{i,j} [ E_ni^j (ĉ_n^j − 1) − M_ni^j (ĉ_i^j − 1) ]
 *   volume of trade      Σ_{i,j} τ_ni^j M_ni^j (M̂_ni^j − ĉ_i^j)
 *   technical efficiency Σ_{i,j} − (1+τ_ni^j) M_ni^j (d̂_ni^j − 1)
 *   capital accumulation r_n K_n (K̂′_n / K̂_n − 1)   (baseline capital income; 0 while the stock is fixed)
 * </pre>
 * The last is the endowment term of Huff and Hertel (2000, GTAP Technical Paper 5): the income of the extra capital,
 * gross of the saving that built it, as in Francois, McDonald and Nordström (1996), who note that steady-state
 * comparisons overstate welfare for that reason.
 * Beside it: the exact real-income change Î_n / ∏_j (P̂_n^j)^{α_n^j} and the real wage ŵ_n / P̂_n, which the
 * decomposition approximates to first order (for Mexico under NAFTA the real-income change is near zero: the
 * real wage gain is offset by lost tariff revenue).
 */
public final class CpComparison {
  private final CpEquilibrium base;
  private final CpEquilibrium cf;
  private final int n;
  private final int j;
  private final double[] tot;
  private final double[] vot;
  private final double[] tech;
  private final double[] capital;

  public CpComparison(CpEquilibrium baseline, CpEquilibrium counterfactual) {
    if (baseline.model() != counterfactual.model()) {
      throw new IllegalArgumentException("both equilibria must be solved from the same model");
    }
    this.base = baseline;
    this.cf = counterfactual;
    this.n = baseline.model().n;
    this.j = baseline.model().j;
    tot = new double[n];
    vot = new double[n];
    tech = new double[n];
    capital = new double[n];
    for (int s = 0; s < j; s++) {
      for (int r = 0; r < n; r++) {
        double cr = costChange(r, s) - 1;
        for (int i = 0; i < n; i++) {
          double mri = base.imports(s, r, i);  // r imports from i
          double eri = base.imports(s, i, r);  // r exports to i
          double ci = costChange(i, s);
          tot[r] += eri * cr - mri * (ci - 1);
          double tau = base.tariff(s, r, i);
          if (mri > 0) {
            vot[r] += tau * (cf.imports(s, r, i) - mri * ci);
          }
          double dHat = cf.iceberg(s, r, i) / base.iceberg(s, r, i);
          tech[r] -= (1 + tau) * mri * (dHat - 1);
        }
      }
    }
    for (int r = 0; r < n; r++) {
      double scale = 100 / base.income(r);
      capital[r] = base.capitalIncome(r) * (cf.capital(r) / base.capital(r) - 1) * scale;
      tot[r] *= scale;
      vot[r] *= scale;
      tech[r] *= scale;
    }
  }

  public CpEquilibrium baseline() {
    return base;
  }

  public CpEquilibrium counterfactual() {
    return cf;
  }

  /** ĉ between the two equilibria. */
  public double costChange(int region, int sector) {
    return cf.unitCost(region, sector) / base.unitCost(region, sector);
  }

  /** Welfare in percent: terms of trade + volume of trade + technical efficiency + capital accumulation. */
  public double welfarePct(int region) {
    return tot[region] + vot[region] + tech[region] + capital[region];
  }

  public double capitalAccumulationPct(int region) {
    return capital[region];
  }

  /**
   * Equivalent variation in percent of baseline income. Preferences over the final-demand bundle are Cobb–Douglas
   * with shares α, so EV = I (Î/P̂ − 1) exactly: the same number as {@link #realIncomePct}, under its welfare name.
   */
  public double evPct(int region) {
    return realIncomePct(region);
  }

  /** (K̂′/K̂ − 1) · 100. */
  public double capitalStockPct(int region) {
    return (cf.capital(region) / base.capital(region) - 1) * 100;
  }

  /** The rental rate relative to the price of investment goods, (r̂′/P̂^I′) / (r̂/P̂^I) − 1, percent: 0 in the steady state. */
  public double rentalRatePct(int region) {
    return (cf.rental(region) / cf.investmentPrice(region) / (base.rental(region) / base.investmentPrice(region))
        - 1) * 100;
  }

  /**
   * Real investment, r̂ K̂ / P̂^I under {@link CapitalPath}'s rule (a fixed share of capital income), percent; 0 in a
   * region without capital.
   */
  public double investmentPct(int region) {
    double b = base.capitalIncome(region) / base.investmentPrice(region);
    return b > 0 ? (cf.capitalIncome(region) / cf.investmentPrice(region) / b - 1) * 100 : 0;
  }

  public double termsOfTradePct(int region) {
    return tot[region];
  }

  public double volumeOfTradePct(int region) {
    return vot[region];
  }

  public double technicalEfficiencyPct(int region) {
    return tech[region];
  }

  /** (ŵ_n / P̂_n − 1) · 100. */
  public double realWagePct(int region) {
    return (cf.wage(region) / base.wage(region) / priceChange(region) - 1) * 100;
  }

  /** (Î_n / P̂_n − 1) · 100, the exact change in real income (real GDP at final-demand prices). */
  public double realIncomePct(int region) {
    return (cf.income(region) / base.income(region) / priceChange(region) - 1) * 100;
  }

  /**
   * Real GDP in percent of baseline GDP (value added plus tariff revenue, I − D): labour and capital at baseline
   * prices. With labour in fixed supply and technology unchanged, it moves through the allocative-efficiency effect
   * of the tariff change, the tariff-weighted change in import volumes Σ_{i,j} τ_ni^j M_ni^j (M̂_ni^j − ĉ_i^j), which
   * is CP 2015's volume-of-trade term (Huff and Hertel 2000, "Decomposing Welfare Changes in the GTAP Model", GTAP
   * Technical Paper 5: allocative efficiency is the change in real GDP when endowments and technology are fixed),
   * and through the capital stock at the baseline rental rate, r_n K_n (K̂′/K̂ − 1). A first-order measure; the
   * terms-of-trade gain is in welfare, not here.
   */
  public double realGdpPct(int region) {
    double income = base.income(region);
    return (vot[region] + capital[region]) * income / (income - base.deficit(region));
  }

  /**
   * Change in {@code region}'s trade balance with {@code partner}, all sectors, in the data's unit: exports to it
   * less imports from it, both net of tariffs.
   */
  public double tradeBalanceChange(int region, int partner) {
    double change = 0;
    for (int s = 0; s < j; s++) {
      change += cf.imports(s, partner, region) - base.imports(s, partner, region);
      change -= cf.imports(s, region, partner) - base.imports(s, region, partner);
    }
    return change;
  }

  /** P̂_n between the two equilibria. */
  public double priceChange(int region) {
    return cf.consumerPrice(region) / base.consumerPrice(region);
  }

  /** Change in gross output value of a sector, percent. */
  public double outputPct(int region, int sector) {
    return pct(cf.output(region, sector), base.output(region, sector));
  }

  /** Change in real gross output (output value deflated by the sector's producer price ĉ), percent. */
  public double realOutputPct(int region, int sector) {
    double b = base.output(region, sector);
    if (b <= 0) {
      return 0;
    }
    return (cf.output(region, sector) / b / costChange(region, sector) - 1) * 100;
  }

  /** Change in a sector's exports to all other regions (net of tariffs), percent. */
  public double exportsPct(int region, int sector) {
    return externalTradePct(region, sector, true);
  }

  /** Change in a sector's imports from all other regions (net of tariffs), percent. */
  public double importsPct(int region, int sector) {
    return externalTradePct(region, sector, false);
  }

  private double externalTradePct(int region, int sector, boolean exports) {
    double b = 0;
    double c = 0;
    for (int i = 0; i < n; i++) {
      if (i != region) {
        int importer = exports ? i : region;
        int exporter = exports ? region : i;
        b += base.imports(sector, importer, exporter);
        c += cf.imports(sector, importer, exporter);
      }
    }
    return pct(c, b);
  }

  /** Change in tariff revenue, percent. */
  public double tariffRevenuePct(int region) {
    return pct(cf.tariffRevenue(region), base.tariffRevenue(region));
  }

  private static double pct(double after, double before) {
    return before > 0 ? (after / before - 1) * 100 : 0;
  }
}
