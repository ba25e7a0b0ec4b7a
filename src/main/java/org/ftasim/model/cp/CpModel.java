package org.ftasim.model.cp;

import java.util.ArrayList;
import java.util.List;
import org.ftasim.model.ModelErrors;

/**
 * The Caliendo–Parro model calibrated to data: the parameters that stay fixed across equilibria.
 * Following Caliendo and Parro (2015, RES 82(1), section 3 and appendix):
 * <ul>
 *   <li>π_ni^j = X_ni^j (1+τ_ni^j) / Σ_i X_ni^j (1+τ_ni^j), shares of tariff-inclusive absorption;</li>
 *   <li>γ_n^j = VA_n^j / GO_n^j and γ_n^{k,j} = IO_n^{k,j} / GO_n^j with GO_n^j = Σ_k IO_n^{k,j} + VA_n^j;</li>
 *   <li>α_n^j = F_n^j / Σ_k F_n^k, final-demand shares;</li>
 *   <li>value added is Cobb–Douglas in labour and capital with capital share β_n^j (given, not in CP's data):
 *   w_n L_n = Σ_j (1 − β_n^j) VA_n^j and r_n K_n = Σ_j β_n^j VA_n^j; β = 0 everywhere is CP 2015's labour-only
 *   model;</li>
 *   <li>X_n^j = Σ_i X_ni^j (1+τ_ni^j), expenditure, the starting point of the expenditure unknowns.</li>
 * </ul>
 * A sector a region does not produce (zero gross output) is given γ = 1 so its unit cost stays defined; a
 * sector a region does not buy (zero absorption) is treated as supplied at home (π_nn = 1).
 */
public final class CpModel {
  final CpData data;
  final int n;
  final int j;
  final double[] theta;
  final double[] pi0;
  final double[] tau0;
  /** γ_n^j, value-added share, by (region, sector). */
  final double[] gammaVa;
  /** γ_n^{k,j} by (region, input k, sector j): share of input k in sector j's gross output. */
  final double[] gammaIo;
  /** The same by (region, sector j, input k), the order the unit-cost equation walks. */
  final double[] gammaIoBySector;
  final double[] alpha;
  final double[] wL;
  /** β_n^j, capital's share of value added, by (region, sector). */
  final double[] capitalShare;
  /** r_n K_n, capital income in the data year. */
  final double[] rK;
  final double[] x0;
  private final List<String> notes = new ArrayList<>();

  /** The labour-only model of CP 2015 (every capital share 0). */
  public CpModel(CpData data) {
    this(data, new double[data.n() * data.j()]);
  }

  /** @param capitalShare β_n^j by {@link CpData#rs}, each in [0, 1) */
  public CpModel(CpData data, double[] capitalShare) {
    this.data = data;
    this.n = data.n();
    this.j = data.j();
    validate(data, notes);
    theta = data.theta().clone();
    tau0 = data.tariff().clone();
    pi0 = new double[n * n * j];
    x0 = new double[n * j];
    for (int s = 0; s < j; s++) {
      for (int m = 0; m < n; m++) {
        double total = 0;
        for (int i = 0; i < n; i++) {
          int p = data.pair(s, m, i);
          total += data.trade()[p] * (1 + tau0[p]);
        }
        x0[data.rs(m, s)] = total;
        for (int i = 0; i < n; i++) {
          int p = data.pair(s, m, i);
          pi0[p] = total > 0 ? data.trade()[p] * (1 + tau0[p]) / total : (i == m ? 1 : 0);
        }
      }
    }
    gammaVa = new double[n * j];
    gammaIo = new double[n * j * j];
    gammaIoBySector = new double[n * j * j];
    wL = new double[n];
    rK = new double[n];
    this.capitalShare = checkedShares(data, capitalShare);
    alpha = new double[n * j];
    for (int m = 0; m < n; m++) {
      double fd = 0;
      for (int s = 0; s < j; s++) {
        fd += data.finalDemand()[data.rs(m, s)];
        double va = data.valueAdded()[data.rs(m, s)];
        rK[m] += capitalShare[data.rs(m, s)] * va;
        wL[m] += (1 - capitalShare[data.rs(m, s)]) * va;
      }
      if (!(fd > 0)) {
        throw ModelErrors.noFinalDemand(data.regions().get(m), fd);
      }
      if (!(wL[m] > 0)) {
        throw ModelErrors.noLabourIncome(data.regions().get(m), wL[m]);
      }
      for (int s = 0; s < j; s++) {
        alpha[data.rs(m, s)] = data.finalDemand()[data.rs(m, s)] / fd;
        double go = data.valueAdded()[data.rs(m, s)];
        for (int k = 0; k < j; k++) {
          go += data.intermediate()[data.io(m, k, s)];
        }
        if (go > 0) {
          gammaVa[data.rs(m, s)] = data.valueAdded()[data.rs(m, s)] / go;
          for (int k = 0; k < j; k++) {
            double g = data.intermediate()[data.io(m, k, s)] / go;
            gammaIo[data.io(m, k, s)] = g;
            gammaIoBySector[(m * j + s) * j + k] = g;
          }
        } else if (go < 0 || data.valueAdded()[data.rs(m, s)] > 0) {
          throw ModelErrors.noGrossOutput(data.regions().get(m), data.sectors().get(s), go);
        } else {
          gammaVa[data.rs(m, s)] = 1;
        }
      }
    }
  }

  /** A copy of {@code base} with other trade elasticities: everything else is shared, nothing recalibrated. */
  private CpModel(CpModel base, double[] theta) {
    for (int s = 0; s < theta.length; s++) {
      if (!(theta[s] > 0) || Double.isInfinite(theta[s])) {
        throw ModelErrors.badTheta(base.data.sectors().get(s), theta[s]);
      }
    }
    this.data = base.data.withTheta(theta);
    this.n = base.n;
    this.j = base.j;
    this.theta = theta.clone();
    this.pi0 = base.pi0;
    this.tau0 = base.tau0;
    this.gammaVa = base.gammaVa;
    this.gammaIo = base.gammaIo;
    this.gammaIoBySector = base.gammaIoBySector;
    this.alpha = base.alpha;
    this.wL = base.wL;
    this.capitalShare = base.capitalShare;
    this.rK = base.rK;
    this.x0 = base.x0;
    this.notes.addAll(base.notes);
  }

  /** This model with other θ^j (θ enters no calibrated share, so a sweep over θ needs no recalibration). */
  public CpModel withTheta(double[] newTheta) {
    if (newTheta.length != j) {
      throw new IllegalArgumentException("theta has " + newTheta.length + " entries, expected " + j);
    }
    return new CpModel(this, newTheta);
  }

  /**
   * This model with other capital shares: the factor split of value added is recalibrated, nothing else (the
   * shares enter no trade, input–output or final-demand share).
   */
  public CpModel withCapitalShares(double[] shares) {
    return new CpModel(data.withTheta(theta), shares);
  }

  /** β_n^j, capital's share of value added. */
  public double capitalShare(int region, int sector) {
    return capitalShare[data.rs(region, sector)];
  }

  /** r_n K_n in the data year. */
  public double capitalIncome(int region) {
    return rK[region];
  }

  private static double[] checkedShares(CpData d, double[] shares) {
    if (shares.length != d.n() * d.j()) {
      throw new IllegalArgumentException("capital shares have " + shares.length + " entries, expected "
          + d.n() * d.j());
    }
    for (int m = 0; m < d.n(); m++) {
      for (int s = 0; s < d.j(); s++) {
        double b = shares[d.rs(m, s)];
        if (!(b >= 0 && b < 1)) {
          throw ModelErrors.badCapitalShare(d.regions().get(m), d.sectors().get(s), b);
        }
      }
    }
    return shares.clone();
  }

  /** Things in the data that are unusual but usable (e.g. negative input-use cells), for the job to report. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  public CpData data() {
    return data;
  }

  /** Initial tariff-inclusive expenditure X_n^j implied by the trade data. */
  public double expenditure(int region, int sector) {
    return x0[data.rs(region, sector)];
  }

  /** w_n L_n in the data year: value added less capital income. */
  public double labourIncome(int region) {
    return wL[region];
  }

  private static void validate(CpData d, List<String> notes) {
    int n = d.n();
    int j = d.j();
    for (int s = 0; s < j; s++) {
      double t = d.theta()[s];
      if (!(t > 0) || Double.isInfinite(t)) {
        throw ModelErrors.badTheta(d.sectors().get(s), t);
      }
      for (int m = 0; m < n; m++) {
        for (int i = 0; i < n; i++) {
          int p = d.pair(s, m, i);
          // checked cheaply first: the message is built only for a bad value (a sweep builds a model per draw)
          if (okNonNegative(d.trade()[p]) && okTariff(d.tariff()[p]) && okTariff(d.tariffBaseline()[p])
              && okTariff(d.tariffCounterfactual()[p]) && okPositive(d.icebergBaseline()[p])
              && okPositive(d.icebergCounterfactual()[p])) {
            continue;
          }
          String where = "sector " + d.sectors().get(s) + ", exporter " + d.regions().get(i) + ", importer "
              + d.regions().get(m);
          nonNegative("trade value", d.trade()[p], where);
          tariff("tariff", d.tariff()[p], where);
          tariff("tariff_bln", d.tariffBaseline()[p], where);
          tariff("tariff_cfl", d.tariffCounterfactual()[p], where);
          positive("d_bln", d.icebergBaseline()[p], where);
          positive("d_cfl", d.icebergCounterfactual()[p], where);
        }
      }
    }
    double scale = 0;
    for (int m = 0; m < n; m++) {
      for (int s = 0; s < j; s++) {
        String where = "region " + d.regions().get(m) + ", sector " + d.sectors().get(s);
        nonNegative("value added", d.valueAdded()[d.rs(m, s)], where);
        nonNegative("final consumption", d.finalDemand()[d.rs(m, s)], where);
        scale += d.valueAdded()[d.rs(m, s)];
        for (int k = 0; k < j; k++) {
          double v = d.intermediate()[d.io(m, k, s)];
          if (v >= 0 && v < Double.POSITIVE_INFINITY) {
            continue;
          }
          if (!Double.isFinite(v)) {
            throw ModelErrors.badIntermediate(d.sectors().get(k), v, where);
          }
          if (v < 0) {
            // Published IO tables carry a few small negative cells (CP2015's own data has one); keep, but say so.
            notes.add("negative intermediate consumption " + v + " of input " + d.sectors().get(k) + " at " + where);
          }
        }
      }
    }
    double sum = 0;
    for (int m = 0; m < n; m++) {
      if (!Double.isFinite(d.deficit()[m])) {
        throw ModelErrors.badDeficit(d.regions().get(m), d.deficit()[m]);
      }
      sum += d.deficit()[m];
    }
    if (Math.abs(sum) > 1e-6 * scale) {
      throw ModelErrors.deficitsDoNotSum(sum, scale);
    }
  }

  private static boolean okNonNegative(double v) {
    return v >= 0 && v < Double.POSITIVE_INFINITY;
  }

  private static boolean okPositive(double v) {
    return v > 0 && v < Double.POSITIVE_INFINITY;
  }

  private static boolean okTariff(double v) {
    return v > -1 && v < Double.POSITIVE_INFINITY;
  }

  private static void nonNegative(String what, double v, String where) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw ModelErrors.negativeValue(what, v, where);
    }
  }

  private static void positive(String what, double v, String where) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw ModelErrors.badIceberg(what, v, where);
    }
  }

  private static void tariff(String what, double v, String where) {
    if (!(v > -1) || Double.isInfinite(v)) {
      throw ModelErrors.badTariff(what, v, where);
    }
  }
}
