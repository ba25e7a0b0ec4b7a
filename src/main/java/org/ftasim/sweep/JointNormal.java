package org.ftasim.sweep;

import java.io.Serializable;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Coefficients drawn together from an estimate's N(β̂, V̂), as gegravity's MonteCarloGE: each parameter's design
 * gives a normal N(β̂_k, se_k) draw v_k (its marginal); the standard scores z_k = (v_k − β̂_k)/se_k are correlated as
 * V̂ says, z′ = L z with L L' the correlation matrix, and the coefficient used is β̂_k + se_k z′_k. With one
 * coefficient that is v itself.
 *
 * @param parameters the parameters drawn this way, e.g. cost.RTA
 * @param cholesky L, row-major, lower triangular
 */
public record JointNormal(List<String> parameters, double[] mean, double[] sd, double[] cholesky)
    implements Serializable {

  /** The joint normal of {@code drawn} (a subset of {@code terms}, as parameter names) from β̂ and V̂ (row-major). */
  public static JointNormal of(List<String> terms, double[] beta, double[] covariance, List<String> drawn,
      String prefix) {
    int k = terms.size();
    int m = drawn.size();
    double[] mean = new double[m];
    double[] sd = new double[m];
    int[] at = new int[m];
    for (int a = 0; a < m; a++) {
      at[a] = terms.indexOf(drawn.get(a).substring(prefix.length()));
      if (at[a] < 0) {
        throw new IllegalArgumentException("'" + drawn.get(a) + "' is not " + prefix + "<term> for a term of the "
            + "estimate (" + terms + ")");
      }
      mean[a] = beta[at[a]];
      sd[a] = Math.sqrt(covariance[at[a] * k + at[a]]);
      if (!(sd[a] > 0)) {
        throw new IllegalArgumentException("'" + drawn.get(a) + "' has standard error " + sd[a] + " in the estimate");
      }
    }
    DMatrixRMaj corr = new DMatrixRMaj(m, m);
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        corr.set(a, b, covariance[at[a] * k + at[b]] / (sd[a] * sd[b]));
      }
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
    if (!chol.decompose(corr.copy())) {
      throw new IllegalArgumentException("the estimate's covariance of " + drawn + " is not positive definite");
    }
    DMatrixRMaj l = chol.getT(null);
    CommonOps_DDRM.extract(l, 0, m, 0, m);
    return new JointNormal(List.copyOf(drawn), mean, sd, l.getData());
  }

  /** The coefficients for the marginal draws {@code v} (in {@link #parameters} order). */
  public double[] coefficients(double[] v) {
    int m = mean.length;
    double[] z = new double[m];
    for (int a = 0; a < m; a++) {
      z[a] = (v[a] - mean[a]) / sd[a];
    }
    double[] out = new double[m];
    for (int a = 0; a < m; a++) {
      double s = 0;
      for (int b = 0; b <= a; b++) {
        s += cholesky[a * m + b] * z[b];
      }
      out[a] = mean[a] + sd[a] * s;
    }
    return out;
  }
}
