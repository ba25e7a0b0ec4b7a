package org.ftasim.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpEquilibrium;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpSolver;
import org.ftasim.model.cp.CpTariffPath;

/**
 * The phase-in of one or more agreements in the Caliendo–Parro model: for every year of the path, the equilibrium
 * under the baseline's tariffs of that year and, for every scenario from its entry into force, the equilibrium
 * under the scenario's tariffs; each reported change is scenario over baseline in the same year ("year 1" is the
 * scenario's first year, the "long run" its last). Parameters: {@code theta.scale} (multiplies every θ, applied
 * first), {@code theta.<sector>} (sets one θ), {@code utilisation} (the share of trade that claims the new
 * preferences, {@link CpTariffPath#utilised}) and {@code ntm.scale} (scales every non-tariff cut in logs, d̂^scale:
 * the size of the cut as an uncertain parameter). A scenario's non-tariff cuts ({@link CpTariffPath#iceberg}) enter
 * its equilibrium as Caliendo–Parro's d̂, with the tariffs unchanged by them.
 *
 * <p>Outcomes per scenario and year: per region welfare_pct (CP 2015's decomposition), real_gdp_pct,
 * real_income_pct, real_wage_pct, tot_pct, vot_pct, tariff_revenue_pct; per sector of the sector regions
 * output_pct and real_output_pct, also for the sector groups (real output of a group: the members' real changes
 * weighted by baseline output, a Laspeyres volume index); between the pair regions exports_change_usd (exporter → partner, all sectors,
 * USD at the data's prices) and exports_pct.
 *
 * @param unitUsd USD per unit of the data's values
 */
public record FtaSweep(CpData data, CpTariffPath path, CaliendoParro.Deficits deficits, List<String> regions,
    List<String> sectorRegions, List<String> pairRegions, List<SectorGroup> groups, double unitUsd,
    CpSolver.Options options) implements SweepModel.Factory {

  /** A sector aggregate reported beside the sectors: changes of the members' summed baseline output. */
  public record SectorGroup(String name, List<String> sectors) implements java.io.Serializable {}

  /** Parses {@code name=sector+sector+…} entries. */
  public static List<SectorGroup> groups(List<String> specs) {
    List<SectorGroup> out = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      out.add(new SectorGroup(spec.substring(0, eq), List.of(spec.substring(eq + 1).split("\\+"))));
    }
    return out;
  }

  @Override
  public void check(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      String name = p.name();
      boolean ok = name.equals("theta.scale") || name.equals("utilisation") || name.equals("ntm.scale")
          || name.startsWith("theta.") && data.sectors().contains(name.substring(6));
      if (!ok) {
        throw new IllegalArgumentException("the fta model takes parameters theta.scale, utilisation, ntm.scale and"
            + " theta.<sector> with a sector of the model (" + String.join(", ", data.sectors()) + "); not '"
            + name + "'");
      }
    }
    for (SectorGroup g : groups) {
      for (String sector : g.sectors()) {
        if (!data.sectors().contains(sector)) {
          throw new IllegalArgumentException("sector group " + g.name() + " names sector '" + sector
              + "', which is not a sector of the model (" + String.join(", ", data.sectors()) + ")");
        }
      }
    }
    for (List<String> list : List.of(regions, sectorRegions, pairRegions)) {
      for (String r : list) {
        if (!data.regions().contains(r)) {
          throw new IllegalArgumentException("region '" + r + "' is not a region of the model inputs ("
              + String.join(", ", data.regions()) + ")");
        }
      }
    }
  }

  /**
   * Each partition first solves the baseline of every year at the data's own θ; a draw starts its baseline of a
   * year from that, and each scenario from the draw's own baseline (starting from the central scenario solutions
   * or from the scenario's previous year took more iterations on the sample). The starts are the same in every
   * partition, so results do not depend on which draws share one.
   */
  @Override
  public SweepModel build() {
    CpModel calibrated = new CpModel(data);
    int years = path.years().length;
    double[] ones = new double[data.n() * data.n() * data.j()];
    Arrays.fill(ones, 1.0);
    double[] d = deficits == CaliendoParro.Deficits.ZERO ? new double[data.n()] : data.deficit();
    CpSolver central = new CpSolver(calibrated, options);
    CpEquilibrium[] start = new CpEquilibrium[years];
    for (int y = 0; y < years; y++) {
      start[y] = central.solve(path.baseline()[y], ones, d, y > 0 ? start[y - 1] : null);
    }
    int[] keepRegions = indices(regions.isEmpty() ? data.regions() : regions);
    int[] sectorIdx = indices(sectorRegions);
    int[] pairIdx = indices(pairRegions);
    return (parameters, values) -> {
      double[] theta = CpSweep.theta(data, parameters, values);
      double u = 1;
      double ntmScale = 1;
      for (int i = 0; i < values.length; i++) {
        if (parameters.get(i).name().equals("ntm.scale")) {
          ntmScale = values[i];
        }
        if (parameters.get(i).name().equals("utilisation")) {
          u = values[i];
        }
      }
      CpSolver solver = new CpSolver(calibrated.withTheta(theta), options);
      List<SweepModel.Outcome> out = new ArrayList<>();
      boolean converged = true;
      int iterations = 0;
      double residual = 0;
      for (int y = 0; y < years; y++) {
        if (!anyScenarioIn(y)) {
          continue;
        }
        CpEquilibrium base = solver.solve(path.baseline()[y], ones, d, start[y]);
        converged &= base.diagnostics().converged();
        iterations += base.diagnostics().iterations();
        residual = Math.max(residual, base.diagnostics().residual());
        for (int k = 0; k < path.scenarios().size(); k++) {
          if (y < path.first()[k]) {
            continue;
          }
          double[] tau = CpTariffPath.utilised(path.baseline()[y], path.scenario()[k][y], u);
          CpEquilibrium cf = solver.solve(tau, scaled(path.iceberg()[k][y], ntmScale), d, base);
          converged &= cf.diagnostics().converged();
          iterations += cf.diagnostics().iterations();
          residual = Math.max(residual, cf.diagnostics().residual());
          outcomes(new CpComparison(base, cf), path.scenarios().get(k), path.years()[y], keepRegions, sectorIdx,
              pairIdx, out);
        }
      }
      return new SweepModel.Evaluation(out, new Diagnostics(converged, iterations, residual));
    };
  }

  private boolean anyScenarioIn(int y) {
    for (int f : path.first()) {
      if (y >= f) {
        return true;
      }
    }
    return false;
  }

  private int[] indices(List<String> names) {
    return names.stream().mapToInt(data.regions()::indexOf).toArray();
  }

  private void outcomes(CpComparison c, String scenario, int year, int[] keep, int[] sectorIdx, int[] pairIdx,
      List<SweepModel.Outcome> out) {
    for (int r : keep) {
      String region = data.regions().get(r);
      out.add(new SweepModel.Outcome(scenario, "welfare_pct", region, "ALL", "ALL", year, c.welfarePct(r)));
      out.add(new SweepModel.Outcome(scenario, "real_gdp_pct", region, "ALL", "ALL", year, c.realGdpPct(r)));
      out.add(new SweepModel.Outcome(scenario, "real_income_pct", region, "ALL", "ALL", year, c.realIncomePct(r)));
      out.add(new SweepModel.Outcome(scenario, "real_wage_pct", region, "ALL", "ALL", year, c.realWagePct(r)));
      out.add(new SweepModel.Outcome(scenario, "tot_pct", region, "ALL", "ALL", year, c.termsOfTradePct(r)));
      out.add(new SweepModel.Outcome(scenario, "vot_pct", region, "ALL", "ALL", year, c.volumeOfTradePct(r)));
      out.add(new SweepModel.Outcome(scenario, "tariff_revenue_pct", region, "ALL", "ALL", year,
          c.tariffRevenuePct(r)));
    }
    for (int r : sectorIdx) {
      String region = data.regions().get(r);
      for (int s = 0; s < data.j(); s++) {
        String sector = data.sectors().get(s);
        out.add(new SweepModel.Outcome(scenario, "output_pct", region, sector, "ALL", year, c.outputPct(r, s)));
        out.add(new SweepModel.Outcome(scenario, "real_output_pct", region, sector, "ALL", year,
            c.realOutputPct(r, s)));
      }
      for (SectorGroup g : groups) {
        double before = 0;
        double after = 0;
        double real = 0;
        for (String sector : g.sectors()) {
          int s = data.sectors().indexOf(sector);
          double b = c.baseline().output(r, s);
          before += b;
          after += c.counterfactual().output(r, s);
          real += b * (1 + c.realOutputPct(r, s) / 100);
        }
        out.add(new SweepModel.Outcome(scenario, "output_pct", region, g.name(), "ALL", year,
            before > 0 ? (after / before - 1) * 100 : 0));
        out.add(new SweepModel.Outcome(scenario, "real_output_pct", region, g.name(), "ALL", year,
            before > 0 ? (real / before - 1) * 100 : 0));
      }
    }
    for (int a : pairIdx) {
      for (int b : pairIdx) {
        if (a == b) {
          continue;
        }
        double before = 0;
        double after = 0;
        for (int s = 0; s < data.j(); s++) {
          before += c.baseline().imports(s, b, a);
          after += c.counterfactual().imports(s, b, a);
        }
        String exporter = data.regions().get(a);
        String importer = data.regions().get(b);
        out.add(new SweepModel.Outcome(scenario, "exports_change_usd", exporter, "ALL", importer, year,
            (after - before) * unitUsd));
        out.add(new SweepModel.Outcome(scenario, "exports_pct", exporter, "ALL", importer, year,
            before > 0 ? (after / before - 1) * 100 : 0));
      }
    }
  }

  /** d̂^scale: the non-tariff cut scaled in logs ({@code ntm.scale}, 1 = as the scenario says). */
  static double[] scaled(double[] iceberg, double scale) {
    if (scale == 1) {
      return iceberg;
    }
    double[] out = new double[iceberg.length];
    for (int p = 0; p < out.length; p++) {
      out[p] = Math.pow(iceberg[p], scale);
    }
    return out;
  }
}
