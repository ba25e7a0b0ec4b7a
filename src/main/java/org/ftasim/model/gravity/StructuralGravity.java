package org.ftasim.model.gravity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.FixedPoint;
import org.ftasim.model.ModelErrors;

/**
 * One-sector structural gravity in general equilibrium (Anderson and van Wincoop 2003; Yotov, Piermartini,
 * Monteiro and Larch 2016, "An Advanced Guide to Trade Policy Analysis", ch. 2), an endowment economy with CES
 * preferences (σ &gt; 1) and trade costs t_ij^{1−σ} = exp(Σ_k β_k x_ij^k). Expenditure is output plus the baseline
 * deficit D_j = E_j − Y_j scaled with world output, E′_j = p̂_j Y_j + D_j Ŵ: with balanced trade this is the textbook
 * Ê_j = p̂_j, and with deficits it keeps world spending equal to world output, so all markets can clear exactly.
 *
 * <p>In changes from a baseline flow matrix X (exact hat algebra), with p̂ the change in factory-gate prices,
 * t̂^{1−σ} = exp(Σ_k β_k Δx^k):
 * <pre>
 *   X′_ij = X_ij (p̂_i t̂_ij)^{1−σ} Ê_j / P̂_j^{1−σ},   P̂_j^{1−σ} = Σ_i (X_ij / E_j) (p̂_i t̂_ij)^{1−σ}
 *   Ê_j = (p̂_j Y_j + D_j Ŵ) / E_j,   Ŵ = Σ_i p̂_i Y_i / Σ_i Y_i
 *   p̂_i Y_i = Σ_j X′_ij                                           (market clearing)
 *   P̂_ref = 1                                                     (the reference country's inward resistance)
 *   Π̂_i = (Ŷ_i / Ŷ_world)^{1/(1−σ)} / p̂_i                        (outward resistance,
     from β_i p_i Π_i = (Y_i/Y)^{1/(1−σ)})
 * </pre>
 * Real GDP is output over the inward resistance (the consumer price index): Ŷ_i / P̂_i = p̂_i / P̂_i.
 *
 * <p>The baseline X is either the observed flows or the <em>fitted</em> ones: X_ij = A_i B_j t_ij^{1−σ} with A, B
 * scaled so every country's output and expenditure are matched — the flows a PPML fit with exporter and importer
 * fixed effects and offset ln t^{1−σ} would predict.
 */
public final class StructuralGravity {
  /** Baseline flows: as observed, or fitted to the cost function. */
  public enum Baseline { OBSERVED, FITTED }

  /**
   * How the baseline's trade imbalances move: ADDITIVE keeps D_j as a share of world output, E′_j = p̂_j Y_j + D_j Ŵ
   * (ge_gravity's default); MULTIPLICATIVE keeps expenditure a fixed multiple of output, Ê_j = p̂_j (Anderson &amp;
   * Yotov).
   */
  public enum Deficits { ADDITIVE, MULTIPLICATIVE }

  /** The results per country, in percent changes from baseline to counterfactual. */
  public record Result(double[] realGdpPct, double[] factoryGatePricePct, double[] omrPct, double[] imrPct,
      double[] exportsPct, double[] welfarePct, double[] baselineFlows, double[] counterfactualFlows,
      Diagnostics diagnostics, List<String> notes) {}

  private static final String NOT_CONVERGED = "not converged:";

  private StructuralGravity() {}

  /**
   * @param sigma elasticity of substitution, &gt; 1
   * @param coefficients β_k by covariate name (a name absent from the data is an error)
   * @param counterfactual the covariates after the shock (same names and layout as the data's)
   * @param reference index of the country whose inward resistance stays fixed
   */
  public static Result solve(GravityData data, double sigma, Map<String, Double> coefficients,
      Map<String, double[]> counterfactual, Baseline baseline, int reference, double tolerance, int maxIterations) {
    return solve(data, sigma, coefficients, counterfactual, baseline, Deficits.ADDITIVE, reference, tolerance,
        maxIterations);
  }

  /** As above, with the deficits' closure; welfare is real expenditure Ê_j / P̂_j, as ge_gravity's. */
  public static Result solve(GravityData data, double sigma, Map<String, Double> coefficients,
      Map<String, double[]> counterfactual, Baseline baseline, Deficits deficits, int reference, double tolerance,
      int maxIterations) {
    boolean multiplicative = deficits == Deficits.MULTIPLICATIVE;
    if (!(sigma > 1) || Double.isInfinite(sigma)) {
      throw ModelErrors.badSigma(sigma);
    }
    int n = data.n();
    if (reference < 0 || reference >= n) {
      throw new IllegalArgumentException("reference country index " + reference);
    }
    double[] lnCost = lnCost(data.covariates(), coefficients, n);
    double[] lnCostCf = lnCost(counterfactual, coefficients, n);
    List<String> notes = new ArrayList<>();
    double[] x = baseline == Baseline.OBSERVED ? data.trade().clone() : fitted(data, lnCost, tolerance, notes);
    double[][] totals = GravityData.totals(x, n);
    double[] y = totals[0];
    double[] e = totals[1];
    double oneMinusSigma = 1 - sigma;
    double[] tHat = new double[n * n];  // t̂^{1−σ}
    for (int k = 0; k < n * n; k++) {
      tHat[k] = Math.exp(lnCostCf[k] - lnCost[k]);
    }
    double worldY = 0;
    for (int i = 0; i < n; i++) {
      worldY += y[i];
    }
    final double world = worldY;
    double[] pPow = new double[n];
    double[] imrPow = new double[n];
    double[] eHat = new double[n];
    // Unknowns: log p̂. A pass: P̂^{1−σ} and Ê from p̂; market clearing gives p̂_i^σ = Σ_j X_ij t̂_ij Ê_j / P̂_j^{1−σ} / Y_i;
    // then rescale so P̂_ref = 1 (the system is homogeneous of degree one in p̂).
    FixedPoint.Map map = (lp, out) -> {
      double w = 0;
      for (int i = 0; i < n; i++) {
        pPow[i] = Math.exp(oneMinusSigma * lp[i]);
        w += Math.exp(lp[i]) * y[i];
      }
      w /= world;
      for (int j = 0; j < n; j++) {
        eHat[j] = multiplicative ? Math.exp(lp[j]) : (Math.exp(lp[j]) * y[j] + (e[j] - y[j]) * w) / e[j];
      }
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += x[i * n + j] * tHat[i * n + j] * pPow[i];
        }
        imrPow[j] = s / e[j];
      }
      double logScale = Math.log(imrPow[reference]) / oneMinusSigma; // log P̂_ref
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += x[i * n + j] * tHat[i * n + j] * eHat[j] / imrPow[j];
        }
        out[i] = Math.log(s / y[i]) / sigma - logScale;
      }
    };
    double[] lp = new double[n];
    Diagnostics solved = new FixedPoint(5, 1.0, tolerance, maxIterations).solve(map, lp);
    // a baseline that could not be fitted makes the whole solve a failure, whatever the price iteration did
    boolean fittedOk = notes.stream().noneMatch(s -> s.startsWith(NOT_CONVERGED));
    Diagnostics diag = fittedOk ? solved : new Diagnostics(false, solved.iterations(), solved.residual());
    double[] out = new double[n];
    map.apply(lp, out);

    double[] xCf = new double[n * n];
    double[] welfare = new double[n];
    double[] pHat = new double[n];
    for (int i = 0; i < n; i++) {
      pHat[i] = Math.exp(lp[i]);
    }
    double[] impHat = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[i * n + j] * tHat[i * n + j] * Math.pow(pHat[i], oneMinusSigma);
      }
      impHat[j] = Math.pow(s / e[j], 1 / oneMinusSigma);
    }
    double scale = impHat[reference];
    double worldAfter = 0;
    for (int i = 0; i < n; i++) {
      pHat[i] /= scale;
      impHat[i] /= scale;
      worldAfter += pHat[i] * y[i];
    }
    double worldHat = worldAfter / world;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double expend = multiplicative ? pHat[j] : (pHat[j] * y[j] + (e[j] - y[j]) * worldHat) / e[j];
        welfare[j] = (expend / impHat[j] - 1) * 100;
        xCf[i * n + j] = x[i * n + j] * tHat[i * n + j] * Math.pow(pHat[i], oneMinusSigma) * expend
            / Math.pow(impHat[j], oneMinusSigma);
      }
    }
    double[] realGdp = new double[n];
    double[] price = new double[n];
    double[] omr = new double[n];
    double[] imr = new double[n];
    double[] exports = new double[n];
    for (int i = 0; i < n; i++) {
      realGdp[i] = (pHat[i] / impHat[i] - 1) * 100;
      price[i] = (pHat[i] - 1) * 100;
      imr[i] = (impHat[i] - 1) * 100;
      omr[i] = (Math.pow(pHat[i] / worldHat, 1 / oneMinusSigma) / pHat[i] - 1) * 100;
      double before = 0;
      double after = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          before += x[i * n + j];
          after += xCf[i * n + j];
        }
      }
      exports[i] = before > 0 ? (after / before - 1) * 100 : 0;
    }
    return new Result(realGdp, price, omr, imr, exports, welfare, x, xCf, diag, List.copyOf(notes));
  }

  /** ln t_ij^{1−σ} = Σ_k β_k x_ij^k. */
  static double[] lnCost(Map<String, double[]> covariates, Map<String, Double> coefficients, int n) {
    double[] ln = new double[n * n];
    for (Map.Entry<String, Double> c : coefficients.entrySet()) {
      double[] v = covariates.get(c.getKey());
      if (v == null) {
        throw ModelErrors.unknownCostCovariate(c.getKey(), String.join(", ", covariates.keySet()));
      }
      for (int k = 0; k < n * n; k++) {
        ln[k] += c.getValue() * v[k];
      }
    }
    return ln;
  }

  /**
   * Bi-proportional scaling of t^{1−σ} to the countries' output (rows) and expenditure (columns). When the given
   * totals do not balance (world expenditure ≠ world output, as in files whose Y and E come from other sources),
   * expenditures are scaled to world output and a note says by how much.
   */
  static double[] fitted(GravityData d, double[] lnCost, double tolerance, List<String> notes) {
    int n = d.n();
    double ys = 0;
    double es = 0;
    for (int i = 0; i < n; i++) {
      ys += d.output()[i];
      es += d.expenditure()[i];
    }
    double[] expend = d.expenditure().clone();
    if (Math.abs(ys - es) > 1e-9 * ys) {
      for (int j = 0; j < n; j++) {
        expend[j] *= ys / es;
      }
      notes.add(String.format(java.util.Locale.ROOT, "world expenditure %.6g differs from world output %.6g by %.3f%%;"
          + " expenditures were scaled to world output for the fitted baseline", es, ys, (es / ys - 1) * 100));
    }
    double[] t = new double[n * n];
    for (int k = 0; k < n * n; k++) {
      t[k] = Math.exp(lnCost[k]);
    }
    double[] a = new double[n];
    double[] b = new double[n];
    java.util.Arrays.fill(b, 1);
    double worst = Double.POSITIVE_INFINITY;
    int rounds = 0;
    for (int it = 0; it < 100_000; it++) {
      rounds = it + 1;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += t[i * n + j] * b[j];
        }
        a[i] = d.output()[i] / s;
      }
      worst = 0;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += a[i] * t[i * n + j];
        }
        double nb = expend[j] / s;
        worst = Math.max(worst, Math.abs(Math.log(nb / b[j])));
        b[j] = nb;
      }
      if (worst < tolerance) {
        break;
      }
    }
    if (!(worst < tolerance)) {
      notes.add(String.format(java.util.Locale.ROOT, "%s the fitted baseline's scaling did not converge: largest change"
          + " %.3g after %d rounds", NOT_CONVERGED, worst, rounds));
    }
    double[] x = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        x[i * n + j] = a[i] * b[j] * t[i * n + j];
      }
    }
    return x;
  }
}
