package org.ftasim.model.cp;

import java.io.Serializable;

import org.ftasim.model.Diagnostics;
import org.ftasim.model.FixedPoint;

/**
 * Solves the Caliendo–Parro (2015) equilibrium in changes ("exact hat algebra") for new tariffs τ′, iceberg
 * changes d̂ and deficits D′, relative to the data year. The equilibrium conditions (CP 2015, eqs. 10–14):
 * <pre>
 *   ĉ_n^j   = (ŵ_n^{1−β_n^j} r̂_n^{β_n^j})^{γ_n^j} ∏_k (P̂_n^k)^{γ_n^{k,j}}                  unit cost
 *   P̂_n^j   = [ Σ_i π_ni^j (κ̂_ni^j ĉ_i^j)^{−θ^j} ]^{−1/θ^j},  κ̂ = (1+τ′)/(1+τ)·d̂   price index
 *   π′_ni^j = π_ni^j (ĉ_i^j κ̂_ni^j / P̂_n^j)^{−θ^j}                                   trade shares
 *   X′_n^j  = Σ_k γ_n^{j,k} Y′_n^k + α_n^j I′_n,   Y′_n^k = Σ_i π′_in^k X′_i^k / (1+τ′_in^k)   expenditure
 *   I′_n    = ŵ_n w_n L_n + r̂_n K̂_n r_n K_n + Σ_j Σ_i τ′_ni^j π′_ni^j X′_n^j / (1+τ′_ni^j) + D′_n      income
 *   ŵ_n w_n L_n = Σ_j (1−β_n^j) γ_n^j Y′_n^j                                             labour market
 *   r̂_n K̂_n r_n K_n = Σ_j β_n^j γ_n^j Y′_n^j                                             capital market
 *   Σ_n (ŵ_n w_n L_n + r̂_n K̂_n r_n K_n) = Σ_n (w_n L_n + r_n K_n)                          numéraire
 * </pre>
 * With the capital stock K̂ given ({@link Capital#given}) the capital market sets r̂; in the steady state
 * ({@link Capital#steadyState}) r̂_n = P̂^I_n and the capital market sets K̂. The investment good is the region's
 * final-demand bundle, P̂^I_n = ∏_j (P̂_n^j)^{α_n^j}: the model's final demand aggregates consumption and gross fixed
 * capital formation, so this is the stated composite, not a price index of capital formation alone. With every
 * capital share β = 0 this is CP 2015's labour-only model, number for number.
 *
 * <p>These are written as one fixed point in (log ĉ, log X′, log ŵ, log r̂, log K̂) — each pass evaluates prices,
 * shares, income and output from the current guess and returns the updated unit costs, expenditures and factor
 * prices (rescaled to the world factor-income numéraire) — and solved by {@link FixedPoint} (Anderson
 * acceleration). Since κ̂ is fixed in a solve, π_ni^j κ̂^{−θ} is computed once, and a pass needs only N·J
 * exponentials.
 */
public final class CpSolver {
  /** Solver settings: tolerance on the largest change of log ĉ, log X′ or log ŵ in a pass; iterations; memory. */
  public record Options(double tolerance, int maxIterations, int memory, double damping, double wageStep)
      implements Serializable {
    public static Options defaults() {
      return new Options(1e-8, 5000, 5, 1.0, 0.15);
    }
  }

  private final CpModel model;
  private final Options options;

  public CpSolver(CpModel model, Options options) {
    this.model = model;
    this.options = options;
  }

  public CpSolver(CpModel model) {
    this(model, Options.defaults());
  }

  public CpModel model() {
    return model;
  }

  /**
   * @param tariff τ′ in the layout of {@link CpData#pair}
   * @param iceberg d̂ in the same layout
   * @param deficit D′ by region
   */
  public CpEquilibrium solve(double[] tariff, double[] iceberg, double[] deficit) {
    return solve(tariff, iceberg, deficit, Capital.fixed(model.n), new double[0][]);
  }

  /** As {@link #solve(double[], double[], double[])} with a capital closure. */
  public CpEquilibrium solve(double[] tariff, double[] iceberg, double[] deficit, Capital capital,
      CpEquilibrium start) {
    return solve(tariff, iceberg, deficit, capital, start == null ? new double[0][] : new double[][] {start.state()});
  }

  /**
   * As {@link #solve(double[], double[], double[])}, starting from another equilibrium of a model of the same
   * shape (e.g. the same data with other elasticities): fewer iterations when the two are close. The result is a
   * pure function of the inputs and the start.
   */
  public CpEquilibrium solve(double[] tariff, double[] iceberg, double[] deficit, CpEquilibrium start) {
    return solve(tariff, iceberg, deficit, Capital.fixed(model.n), start);
  }

  CpEquilibrium solve(double[] tariff, double[] iceberg, double[] deficit, double[][] starts) {
    return solve(tariff, iceberg, deficit, Capital.fixed(model.n), starts);
  }

  /**
   * As {@link #solve(double[], double[], double[])}, from whichever of the candidate starts (the solver's unknowns,
   * e.g. {@link CpStartPredictor} predictions) is nearest the fixed point by the largest change of one pass; cold
   * when there is none. The choice is a function of the inputs, so the result is too.
   */
  CpEquilibrium solve(double[] tariff, double[] iceberg, double[] deficit, Capital capital, double[][] starts) {
    final int n = model.n;
    final int j = model.j;
    final CpData d = model.data;
    final double[] theta = model.theta;
    final double[] weight = new double[n * n * j];   // π κ̂^{−θ}
    final double[] netShare = new double[n * n * j]; // 1/(1+τ′)
    for (int s = 0; s < j; s++) {
      for (int m = 0; m < n; m++) {
        for (int i = 0; i < n; i++) {
          int p = d.pair(s, m, i);
          double kappa = (1 + tariff[p]) / (1 + model.tau0[p]) * iceberg[p];
          // κ̂ = 1 for every pair the shock leaves alone: skip the power there
          weight[p] = model.pi0[p] == 0 ? 0 : kappa == 1 ? model.pi0[p] : model.pi0[p] * Math.pow(kappa, -theta[s]);
          netShare[p] = 1 / (1 + tariff[p]);
        }
      }
    }
    final double worldVA = sum(model.wL) + sum(model.rK);
    final boolean steady = capital.isSteadyState();
    final double[] givenLogK = new double[n];
    for (int m = 0; m < n && !steady; m++) {
      if (capital.stock().length != n) {
        throw new IllegalArgumentException("capital stock for " + capital.stock().length + " regions, expected " + n);
      }
      givenLogK[m] = model.rK[m] > 0 ? Math.log(capital.stock()[m]) : 0;
    }
    // Expenditures are solved in logs, log(X′ + ε), so the tolerance is relative for every sector: the data
    // can hold a sector bought for 1 USD whose equilibrium expenditure is billions.
    final double eps = 1e-9 * sum(model.x0) / (n * j);
    final int nj = n * j;
    final State st = new State(n, j);

    FixedPoint.Map map = (x, out) -> {
      // unpack: x = [log ĉ (nj) | log(X′ + ε) (nj) | log ŵ (n) | log r̂ (n) | log K̂ (n)]
      for (int k = 0; k < nj; k++) {
        st.expend[k] = Math.max(Math.exp(x[nj + k]) - eps, 0);
      }
      for (int s = 0; s < j; s++) {
        double th = theta[s];
        for (int i = 0; i < n; i++) {
          st.costPow[i * j + s] = Math.exp(-th * x[i * j + s]);
        }
      }
      java.util.Arrays.fill(st.revenue, 0);
      double[] cost = st.sectorCost;
      double[] sales = st.sectorSales;
      for (int s = 0; s < j; s++) {
        double th = theta[s];
        // gather this sector's column so the N×N loops below run over contiguous memory
        for (int i = 0; i < n; i++) {
          cost[i] = st.costPow[i * j + s];
          sales[i] = 0;
        }
        for (int m = 0; m < n; m++) {
          int base = (s * n + m) * n;
          double[] term = st.term;
          double sum = 0;
          for (int i = 0; i < n; i++) {
            double t = weight[base + i] * cost[i];
            term[i] = t;
            sum += t;
          }
          st.logPrice[m * j + s] = -Math.log(sum) / th;
          double xm = st.expend[m * j + s];
          double scale = xm / sum;
          double rev = 0;
          for (int i = 0; i < n; i++) {
            double value = term[i] * scale; // X′_m π′_mi
            double net = value * netShare[base + i];
            rev += value - net; // τ′/(1+τ′) of it
            sales[i] += net;
          }
          st.revenue[m] += rev;
          if (st.keepShares) {
            double inv = 1 / sum;
            for (int i = 0; i < n; i++) {
              st.share[base + i] = weight[base + i] * cost[i] * inv;
            }
          }
        }
        for (int i = 0; i < n; i++) {
          st.output[i * j + s] = sales[i];
        }
      }
      for (int m = 0; m < n; m++) {
        double wage = Math.exp(x[2 * nj + m]);
        double capitalIncome = model.rK[m] > 0 ? Math.exp(x[2 * nj + n + m] + x[2 * nj + 2 * n + m]) * model.rK[m] : 0;
        st.income[m] = wage * model.wL[m] + capitalIncome + st.revenue[m] + deficit[m];
      }
      // new unit costs (in logs) and expenditures
      for (int m = 0; m < n; m++) {
        double lw = x[2 * nj + m];
        double lr = x[2 * nj + n + m];
        for (int s = 0; s < j; s++) {
          int row = (m * j + s) * j;
          double beta = model.capitalShare[m * j + s];
          double lc = model.gammaVa[m * j + s] * (beta == 0 ? lw : (1 - beta) * lw + beta * lr);
          double xs = model.alpha[m * j + s] * st.income[m];
          for (int k = 0; k < j; k++) {
            lc += model.gammaIoBySector[row + k] * st.logPrice[m * j + k];
            xs += model.gammaIo[row + k] * st.output[m * j + k];
          }
          out[m * j + s] = lc;
          out[nj + m * j + s] = Math.log(Math.max(xs, 0) + eps);
        }
      }
      // new factor prices from factor demand, rescaled to keep world factor income fixed
      double total = 0;
      for (int m = 0; m < n; m++) {
        double labour = 0;
        double capitalDemand = 0;
        for (int s = 0; s < j; s++) {
          double va = model.gammaVa[m * j + s] * st.output[m * j + s];
          double beta = model.capitalShare[m * j + s];
          labour += (1 - beta) * va;
          capitalDemand += beta * va;
        }
        st.wageDemand[m] = labour;
        st.capitalDemand[m] = capitalDemand;
        total += labour + capitalDemand;
      }
      double scale = worldVA / total;
      double step = options.wageStep();
      for (int m = 0; m < n; m++) {
        double lw = x[2 * nj + m];
        out[2 * nj + m] = lw + step * (Math.log(st.wageDemand[m] * scale / model.wL[m]) - lw);
        int r = 2 * nj + n + m;
        int k = 2 * nj + 2 * n + m;
        if (model.rK[m] == 0) {
          out[r] = 0;
          out[k] = 0;
        } else if (steady) {
          double logInvestmentPrice = 0;
          for (int s = 0; s < j; s++) {
            logInvestmentPrice += model.alpha[m * j + s] * st.logPrice[m * j + s];
          }
          out[r] = logInvestmentPrice;
          out[k] = x[k] + step * (Math.log(st.capitalDemand[m] * scale / model.rK[m]) - x[r] - x[k]);
        } else {
          out[r] = x[r] + step * (Math.log(st.capitalDemand[m] * scale / model.rK[m]) - givenLogK[m] - x[r]);
          out[k] = givenLogK[m];
        }
      }
    };

    double[] x = new double[2 * nj + 3 * n];
    for (int m = 0; m < n; m++) {
      x[2 * nj + 2 * n + m] = givenLogK[m];
    }
    for (int k = 0; k < nj; k++) {
      x[nj + k] = Math.log(model.x0[k] + eps);
    }
    double best = Double.POSITIVE_INFINITY;
    for (double[] start : starts) {
      if (start == null || start.length != x.length) {
        continue;
      }
      double r = starts.length == 1 ? 0 : FixedPoint.distance(map, start);
      if (r < best) {
        best = r;
        System.arraycopy(start, 0, x, 0, x.length);
      }
    }
    if (!steady) {
      System.arraycopy(givenLogK, 0, x, 2 * nj + 2 * n, n);
    }
    FixedPoint fp = new FixedPoint(options.memory(), options.damping(), options.tolerance(), options.maxIterations());
    Diagnostics diag = fp.solve(map, x);
    double[] out = new double[x.length];
    st.keepShares = true;
    map.apply(x, out); // leaves st consistent with the returned x, shares included
    return new CpEquilibrium(model, tariff.clone(), iceberg.clone(), deficit.clone(), x, st, diag);
  }

  /** Working arrays of one pass; the last pass's values describe the equilibrium. */
  static final class State {
    final double[] costPow;
    final double[] logPrice;
    final double[] share;
    final double[] output;
    final double[] revenue;
    final double[] income;
    final double[] expend;
    final double[] wageDemand;
    final double[] capitalDemand;
    final double[] sectorCost;
    final double[] sectorSales;
    final double[] term;
    boolean keepShares;

    State(int n, int j) {
      costPow = new double[n * j];
      logPrice = new double[n * j];
      share = new double[n * n * j];
      output = new double[n * j];
      revenue = new double[n];
      income = new double[n];
      expend = new double[n * j];
      wageDemand = new double[n];
      capitalDemand = new double[n];
      sectorCost = new double[n];
      sectorSales = new double[n];
      term = new double[n];
    }
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
