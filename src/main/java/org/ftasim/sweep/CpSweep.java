package org.ftasim.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpSolver;

/**
 * Sweeps the Caliendo–Parro model over its trade elasticities. Parameters: {@code theta.<Sector>} sets a sector's
 * θ; {@code theta.scale} multiplies every θ (applied first). Outcomes per region: welfare_pct, tot_pct, vot_pct,
 * real_wage_pct, real_income_pct; per region and sector, if asked for: output_pct, real_output_pct.
 *
 * @param regions the regions to report (empty: all)
 * @param sectorMetrics whether to report the per-sector outcomes (31 × 40 more rows per draw on CP2015 data)
 */
public record CpSweep(CpData data, CaliendoParro.Deficits deficits, List<String> regions, boolean sectorMetrics,
    CpSolver.Options options) implements SweepModel.Factory {

  @Override
  public void check(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      String name = p.name();
      if (!name.equals("theta.scale") && !(name.startsWith("theta.") && data.sectors().contains(name.substring(6)))) {
        throw new IllegalArgumentException("the cp model takes parameters theta.scale and theta.<sector> with a"
            + " sector of the data (" + String.join(", ", data.sectors()) + "); not '" + name + "'");
      }
    }
    for (String r : regions) {
      if (!data.regions().contains(r)) {
        throw new IllegalArgumentException("region '" + r + "' is not in the data");
      }
    }
  }

  /**
   * Every draw starts from the equilibria at the data's own elasticities, solved once per partition: a start that
   * is the same everywhere, so results do not depend on which draws share a partition.
   */
  /**
   * A draw's θ: {@code theta.scale} multiplies every sector's θ of the data first, then each
   * {@code theta.<sector>} sets its own; other parameters are left to the caller.
   */
  static double[] theta(CpData data, List<Parameter> parameters, double[] values) {
    double[] theta = data.theta().clone();
    for (int i = 0; i < values.length; i++) {
      if (parameters.get(i).name().equals("theta.scale")) {
        for (int s = 0; s < theta.length; s++) {
          theta[s] *= values[i];
        }
      }
    }
    for (int i = 0; i < values.length; i++) {
      String name = parameters.get(i).name();
      if (name.startsWith("theta.") && !name.equals("theta.scale")) {
        theta[data.sectors().indexOf(name.substring(6))] = values[i];
      }
    }
    return theta;
  }

  @Override
  public SweepModel build() {
    CpModel calibrated = new CpModel(data);
    CpComparison central = CaliendoParro.run(calibrated, deficits, options, null);
    return (parameters, values) -> {
      double[] theta = theta(data, parameters, values);
      CpComparison c = CaliendoParro.run(calibrated.withTheta(theta), deficits, options, central);
      Diagnostics b = c.baseline().diagnostics();
      Diagnostics f = c.counterfactual().diagnostics();
      Diagnostics both = new Diagnostics(b.converged() && f.converged(), b.iterations() + f.iterations(),
          Math.max(b.residual(), f.residual()));
      Set<String> keep = regions.isEmpty() ? null : Set.copyOf(regions);
      List<SweepModel.Outcome> out = new ArrayList<>();
      for (int r = 0; r < data.n(); r++) {
        String region = data.regions().get(r);
        if (keep != null && !keep.contains(region)) {
          continue;
        }
        out.add(new SweepModel.Outcome("welfare_pct", region, "ALL", "ALL", null, c.welfarePct(r)));
        out.add(new SweepModel.Outcome("tot_pct", region, "ALL", "ALL", null, c.termsOfTradePct(r)));
        out.add(new SweepModel.Outcome("vot_pct", region, "ALL", "ALL", null, c.volumeOfTradePct(r)));
        out.add(new SweepModel.Outcome("real_wage_pct", region, "ALL", "ALL", null, c.realWagePct(r)));
        out.add(new SweepModel.Outcome("real_income_pct", region, "ALL", "ALL", null, c.realIncomePct(r)));
        if (sectorMetrics) {
          for (int s = 0; s < data.j(); s++) {
            out.add(new SweepModel.Outcome("output_pct", region, data.sectors().get(s), "ALL", null, c.outputPct(r, s)));
            out.add(new SweepModel.Outcome("real_output_pct", region, data.sectors().get(s), "ALL", null,
                c.realOutputPct(r, s)));
          }
        }
      }
      return new SweepModel.Evaluation(out, both);
    };
  }
}
