package org.ftasim.model.gravity;

import java.util.List;
import java.util.Map;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.ModelErrors;

/**
 * The USITC {@code gegravity} package's one-sector model (P. Herman, {@code OneSectorGE}, 2021; after Yotov,
 * Piermartini, Monteiro and Larch 2016, "An Advanced Guide to Trade Policy Analysis", ch. 2, and Larch and Yotov
 * 2016), reproduced so its published examples can be checked against ftasim. It differs from
 * {@link StructuralGravity}'s exact hat algebra in what it holds fixed: the multilateral resistances are solved in
 * levels with the <em>baseline</em> output and expenditure shares, each normalised by its own world total, and
 * factory-gate prices follow from the change in outward resistance alone:
 * <pre>
 *   1 = P_j^{σ−1} Σ_i t_ij^{1−σ} (Y_i / Y) Π_i^{σ−1}          (inward resistance, every j but the reference)
 *   1 = Π_i^{σ−1} Σ_j t_ij^{1−σ} (E_j / E) P_j^{σ−1}          (outward resistance, every i)
 *   P_ref = 1,   t_ij^{1−σ} = exp(Σ_k β_k x_ij^k)
 *   p̂_i^{1−σ} = Π̂_i^{σ−1}                                     (factory-gate price,
     from (Y_i/Y) Π_i^{σ−1} = β_i p_i^{1−σ})
 *   Y′_i = p̂_i Y_i,   E′_j = (E_j / Y_j) Y′_j,   real GDP_i = Y_i / P_i
 *   X_ij = t_ij^{1−σ} E_j (Y_i / Σ Y) P_j^{σ−1} Π_i^{σ−1}       (modelled flows, baseline and counterfactual)
 * </pre>
 * The two resistance equations are a matrix scaling (the matrix a_i t_ij^{1−σ} b_j with row sums Y_i/Y and column
 * sums E_j/E), solved by Sinkhorn–Knopp iteration and normalised to P_ref = 1; the solution is unique.
 */
public final class OneSectorGe {
  private OneSectorGe() {}

  /**
   * @param coefficients β_k by covariate name; a constant term changes no result, so it may be left out
   * @param reference the country whose inward resistance is 1 (gegravity's {@code reference_importer})
   * @return percent changes; {@code exportsPct} is foreign exports (to other countries), as gegravity reports it
   */
  public static StructuralGravity.Result solve(GravityData data, double sigma, Map<String, Double> coefficients,
      Map<String, double[]> counterfactual, int reference, double tolerance, int maxIterations) {
    if (!(sigma > 1) || Double.isInfinite(sigma)) {
      throw ModelErrors.badSigma(sigma);
    }
    int n = data.n();
    double[] outputShare = shares(data.output());
    double[] expenditureShare = shares(data.expenditure());
    double[] costBefore = exp(StructuralGravity.lnCost(data.covariates(), coefficients, n));
    double[] costAfter = exp(StructuralGravity.lnCost(counterfactual, coefficients, n));
    Resistances before = resistances(costBefore, outputShare, expenditureShare, reference, tolerance, maxIterations);
    Resistances after = resistances(costAfter, outputShare, expenditureShare, reference, tolerance, maxIterations);

    double inv = 1 / (1 - sigma);
    double[] price = new double[n];
    double[] gdpPct = new double[n];
    double[] pricePct = new double[n];
    double[] omrPct = new double[n];
    double[] imrPct = new double[n];
    double[] outputAfter = new double[n];
    double worldAfter = 0;
    for (int i = 0; i < n; i++) {
      // the ratios are P^{σ−1} and Π^{σ−1}; P = ratio^{1/(1−σ)}
      price[i] = Math.pow(after.omr[i] / before.omr[i], inv);
      double imrChange = Math.pow(before.imr[i] / after.imr[i], inv);
      pricePct[i] = 100 * (price[i] - 1);
      omrPct[i] = 100 * (1 / price[i] - 1);
      imrPct[i] = 100 * (imrChange - 1);
      gdpPct[i] = 100 * (price[i] / imrChange - 1);
      outputAfter[i] = price[i] * data.output()[i];
      worldAfter += outputAfter[i];
    }
    double worldBefore = java.util.Arrays.stream(data.output()).sum();
    double[] flowsBefore = new double[n * n];
    double[] flowsAfter = new double[n * n];
    double[] exportsPct = new double[n];
    for (int i = 0; i < n; i++) {
      double foreignBefore = 0;
      double foreignAfter = 0;
      for (int j = 0; j < n; j++) {
        int p = data.pair(i, j);
        double expenditureAfter = data.expenditure()[j] / data.output()[j] * outputAfter[j];
        flowsBefore[p] = costBefore[p] * data.expenditure()[j] * (data.output()[i] / worldBefore) * before.imr[j]
            * before.omr[i];
        flowsAfter[p] = costAfter[p] * expenditureAfter * (outputAfter[i] / worldAfter) * after.imr[j] * after.omr[i];
        if (j != i) {
          foreignBefore += flowsBefore[p];
          foreignAfter += flowsAfter[p];
        }
      }
      exportsPct[i] = 100 * (foreignAfter / foreignBefore - 1);
    }
    Diagnostics d = new Diagnostics(before.diagnostics.converged() && after.diagnostics.converged(),
        before.diagnostics.iterations() + after.diagnostics.iterations(),
        Math.max(before.diagnostics.residual(), after.diagnostics.residual()));
    // with Ê_j = p̂_j, real expenditure moves as real GDP
    return new StructuralGravity.Result(gdpPct, pricePct, omrPct, imrPct, exportsPct, gdpPct.clone(), flowsBefore,
        flowsAfter, d, List.of());
  }

  /** P_j^{σ−1} (imr) and Π_i^{σ−1} (omr), as gegravity's ratios {@code 1/P^{1−σ}} and {@code 1/π^{1−σ}}. */
  private record Resistances(double[] imr, double[] omr, Diagnostics diagnostics) {}

  private static Resistances resistances(double[] cost, double[] outputShare, double[] expenditureShare,
      int reference, double tolerance, int maxIterations) {
    int n = outputShare.length;
    double[] imr = new double[n];
    double[] omr = new double[n];
    java.util.Arrays.fill(imr, 1);
    double residual = Double.POSITIVE_INFINITY;
    int iteration = 0;
    while (iteration < maxIterations && residual > tolerance) {
      iteration++;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += cost[i * n + j] * expenditureShare[j] * imr[j];
        }
        omr[i] = 1 / s;
      }
      residual = 0;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += cost[i * n + j] * outputShare[i] * omr[i];
        }
        residual = Math.max(residual, Math.abs(1 - imr[j] * s));
        imr[j] = 1 / s;
      }
    }
    double scale = imr[reference];
    for (int k = 0; k < n; k++) {
      imr[k] /= scale;
      omr[k] *= scale;
    }
    return new Resistances(imr, omr, new Diagnostics(residual <= tolerance, iteration, residual));
  }

  private static double[] shares(double[] values) {
    double total = java.util.Arrays.stream(values).sum();
    return java.util.Arrays.stream(values).map(v -> v / total).toArray();
  }

  private static double[] exp(double[] ln) {
    return java.util.Arrays.stream(ln).map(Math::exp).toArray();
  }
}
