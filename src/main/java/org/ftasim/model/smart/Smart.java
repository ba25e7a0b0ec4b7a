package org.ftasim.model.smart;

import java.io.Serializable;

import org.ftasim.model.ModelErrors;

/**
 * Partial equilibrium at the tariff line, as in the World Bank/UNCTAD SMART model (Laird and Yeats 1986; Jammes
 * and Olarreaga 2005, "Explaining SMART and GSIM"): one importing market per product, imports from each source an
 * Armington variety, no income effects. Vectorised: a batch holds many markets, each a run of rows (one per
 * exporting partner) in columnar arrays.
 *
 * <p>For source i with imports M_i (world prices), tariff t_i → t′_i, import-demand elasticity η (given as a
 * magnitude), substitution elasticity σ and export-supply elasticity β:
 * <pre>
 *   x_i   = (1+t′_i)/(1+t_i) − 1                        change in the tariff factor
 *   π_i   = x_i · β/(β+η)                               change in the domestic price (full pass-through as β → ∞)
 *   w_i   = π_i − x_i = −x_i · η/(β+η)                   change in the exporter's world price
 *   TC_i  = −η M_i π_i  = M_i ε dt/((1+t)(1 − ε/β)),  ε = −η        trade creation (quantity, initial prices)
 *   PE_i  = M_i w_i                                     price effect (zero when β → ∞)
 *   TD_i  = −σ M_i (π_i − π̄),  π̄ = Σ_k M_k π_k / Σ_k M_k            trade diversion (CES substitution)
 * </pre>
 * With two groups (preferred p at price change π, others unchanged) TD_p = σ |π| M_p M_n / (M_p + M_n), SMART's
 * textbook form. Diversion sums to zero across sources; a source cannot lose more than it sells (TD_i ≥ −M_i),
 * and when that cap binds the gains of the other sources are scaled down so the sum stays zero. New imports are
 * M′_i = M_i + TC_i + TD_i + PE_i; tariff revenue R = Σ t_i M_i → R′ = Σ t′_i M′_i; the welfare (consumer surplus)
 * gain is the Harberger triangle ½ Σ (t_i − t′_i) TC_i.
 */
public final class Smart {
  /** Default elasticities used by WITS/SMART when none are given. */
  public static final double DEFAULT_SUBSTITUTION = 1.5;
  public static final double DEFAULT_EXPORT_SUPPLY = 99;

  /**
   * A batch of markets in columnar form.
   *
   * @param marketStart row where market m starts; market m spans rows marketStart[m] … marketStart[m+1]−1
   *     (length = markets + 1)
   * @param imports M_i at world prices, per row
   * @param tariff t_i (0.05 = 5%), per row
   * @param newTariff t′_i, per row
   * @param importDemand η per market, a magnitude (&gt; 0)
   * @param substitution σ per market (≥ 0)
   * @param exportSupply β per market (&gt; 0; {@code Double.POSITIVE_INFINITY} for perfectly elastic supply)
   */
  public record Batch(int[] marketStart, double[] imports, double[] tariff, double[] newTariff,
      double[] importDemand, double[] substitution, double[] exportSupply) implements Serializable {

    public Batch {
      int markets = marketStart.length - 1;
      int rows = imports.length;
      if (markets < 0 || marketStart[0] != 0 || marketStart[markets] != rows || tariff.length != rows
          || newTariff.length != rows || importDemand.length != markets || substitution.length != markets
          || exportSupply.length != markets) {
        throw new IllegalArgumentException("inconsistent SMART batch shapes");
      }
      for (int m = 0; m < markets; m++) {
        if (marketStart[m + 1] < marketStart[m]) {
          throw new IllegalArgumentException("market starts must not decrease");
        }
        if (!(importDemand[m] > 0) || Double.isInfinite(importDemand[m])) {
          throw ModelErrors.badImportDemand(m, importDemand[m]);
        }
        if (!(substitution[m] >= 0) || Double.isInfinite(substitution[m])) {
          throw ModelErrors.badSubstitution(m, substitution[m]);
        }
        if (!(exportSupply[m] > 0)) {
          throw ModelErrors.badExportSupply(m, exportSupply[m]);
        }
      }
      for (int r = 0; r < rows; r++) {
        if (!(imports[r] >= 0) || Double.isInfinite(imports[r])) {
          throw ModelErrors.badImports(r, imports[r]);
        }
        if (!(tariff[r] > -1) || !(newTariff[r] > -1) || Double.isInfinite(tariff[r])
            || Double.isInfinite(newTariff[r])) {
          throw ModelErrors.badMarketTariffs(r, tariff[r], newTariff[r]);
        }
      }
    }

    public int markets() {
      return marketStart.length - 1;
    }
  }

  /**
   * Per-row effects (same row order as the batch) and per-market totals, all in the units of the imports, and per
   * row the change π_i in the domestic price of the source's variety (a fraction: −0.05 = 5% cheaper).
   */
  public record Result(double[] tradeCreation, double[] tradeDiversion, double[] priceEffect, double[] newImports,
      double[] revenueBefore, double[] revenueAfter, double[] welfare, double[] priceChange) {

    public double totalEffect(int row) {
      return tradeCreation[row] + tradeDiversion[row] + priceEffect[row];
    }
  }

  private Smart() {}

  public static Result simulate(Batch b) {
    int rows = b.imports().length;
    int markets = b.markets();
    double[] tc = new double[rows];
    double[] td = new double[rows];
    double[] pe = new double[rows];
    double[] m1 = new double[rows];
    double[] price = new double[rows];
    double[] r0 = new double[markets];
    double[] r1 = new double[markets];
    double[] welfare = new double[markets];
    for (int m = 0; m < markets; m++) {
      int from = b.marketStart()[m];
      int to = b.marketStart()[m + 1];
      double eta = b.importDemand()[m];
      double beta = b.exportSupply()[m];
      double passThrough = Double.isInfinite(beta) ? 1 : beta / (beta + eta);
      double total = 0;
      double weighted = 0;
      for (int r = from; r < to; r++) {
        double x = (1 + b.newTariff()[r]) / (1 + b.tariff()[r]) - 1;
        double pi = x * passThrough;
        price[r] = pi;
        tc[r] = -eta * b.imports()[r] * pi;
        pe[r] = b.imports()[r] * (pi - x);
        total += b.imports()[r];
        weighted += b.imports()[r] * pi;
      }
      double mean = total > 0 ? weighted / total : 0;
      double sigma = b.substitution()[m];
      double gains = 0;
      double losses = 0;
      for (int r = from; r < to; r++) {
        double d = -sigma * b.imports()[r] * (price[r] - mean);
        if (d < -b.imports()[r]) {
          d = -b.imports()[r];
        }
        td[r] = d;
        if (d > 0) {
          gains += d;
        } else {
          losses -= d;
        }
      }
      if (gains > losses && gains > 0) {
        double scale = losses / gains;
        for (int r = from; r < to; r++) {
          if (td[r] > 0) {
            td[r] *= scale;
          }
        }
      }
      double w = 0;
      for (int r = from; r < to; r++) {
        m1[r] = b.imports()[r] + tc[r] + td[r] + pe[r];
        r0[m] += b.tariff()[r] * b.imports()[r];
        r1[m] += b.newTariff()[r] * m1[r];
        w += 0.5 * (b.tariff()[r] - b.newTariff()[r]) * tc[r];
      }
      welfare[m] = w;
    }
    return new Result(tc, td, pe, m1, r0, r1, welfare, price);
  }
}
