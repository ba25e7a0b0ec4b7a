package org.ftasim.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.Capital;
import org.ftasim.model.cp.CapitalPath;
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
 * <p>Outcomes per scenario, year and capital closure ({@link CapitalSpec}; parameters {@code depreciation} and
 * {@code capital_share} set δ and every cell's share): per region welfare_pct (CP 2015's decomposition plus capital
 * accumulation), real_gdp_pct, real_income_pct, ev_pct, real_wage_pct, tot_pct, vot_pct, tariff_revenue_pct, and with
 * capital capital_stock_pct, rental_rate_pct and investment_pct; per sector of the sector regions
 * output_pct and real_output_pct, also for the sector groups (real output of a group: the members' real changes
 * weighted by baseline output, a Laspeyres volume index); between the pair regions exports_change_usd (exporter →
 * partner, all sectors, USD at the data's prices), exports_pct and trade_balance_change_usd (the exporter's exports to
 * the partner less its imports from it).
 *
 * @param unitUsd USD per unit of the data's values
 */
public record FtaSweep(CpData data, CpTariffPath path, CaliendoParro.Deficits deficits, List<String> regions,
    List<String> sectorRegions, List<String> pairRegions, List<SectorGroup> groups, double unitUsd,
    CpSolver.Options options, CapitalSpec capital) implements SweepModel.Factory {

  /** The labour-only phase-in (every capital share 0, capital fixed). */
  public FtaSweep(CpData data, CpTariffPath path, CaliendoParro.Deficits deficits, List<String> regions,
      List<String> sectorRegions, List<String> pairRegions, List<SectorGroup> groups, double unitUsd,
      CpSolver.Options options) {
    this(data, path, deficits, regions, sectorRegions, pairRegions, groups, unitUsd, options,
        CapitalSpec.labourOnly(data));
  }

  /**
   * Capital in the phase-in: the closures solved for every draw, δ of the recursive one, and capital's share of value
   * added by {@link CpData#rs} (all 0: the labour-only model).
   */
  public record CapitalSpec(List<Capital.Closure> closures, double depreciation, double[] shares)
      implements java.io.Serializable {
    public static CapitalSpec labourOnly(CpData data) {
      return new CapitalSpec(List.of(Capital.Closure.FIXED), 0.06, new double[data.n() * data.j()]);
    }

    boolean any() {
      for (double b : shares) {
        if (b > 0) {
          return true;
        }
      }
      return false;
    }
  }

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
          || name.equals("depreciation") || name.equals("capital_share")
          || name.startsWith("theta.") && data.sectors().contains(name.substring(6));
      if (!ok) {
        throw new IllegalArgumentException("the fta model takes parameters theta.scale, utilisation, ntm.scale,"
            + " depreciation, capital_share and theta.<sector> with a sector of the model ("
            + String.join(", ", data.sectors()) + "); not '" + name + "'");
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
   * Each partition first solves the baseline of every year at the data's own θ (capital fixed); a draw starts its
   * baseline of a year from that, and each scenario from the draw's own baseline (starting from the central scenario
   * solutions or from the scenario's previous year took more iterations on the sample). The starts are the same in
   * every partition, so results do not depend on which draws share one.
   *
   * <p>Closures: {@code fixed}, every equilibrium at the data year's stock; {@code steady_state}, every year's
   * baseline and scenario in their steady state (the long run of that year's tariffs); {@code recursive}, capital
   * accumulated year by year from entry into force ({@link CapitalPath}, {@code Draw.recursive}), so a scenario's
   * year 1 is its short run.
   */
  @Override
  public SweepModel build() {
    CpModel calibrated = new CpModel(data, capital.shares());
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
      double delta = capital.depreciation();
      double[] shares = null;
      for (int i = 0; i < values.length; i++) {
        switch (parameters.get(i).name()) {
          case "ntm.scale" -> ntmScale = values[i];
          case "utilisation" -> u = values[i];
          case "depreciation" -> delta = values[i];
          case "capital_share" -> {
            shares = new double[data.n() * data.j()];
            Arrays.fill(shares, values[i]);
          }
          default -> { }
        }
      }
      CpModel model = (shares == null ? calibrated : calibrated.withCapitalShares(shares)).withTheta(theta);
      boolean withCapital = shares != null ? shares[0] > 0 : capital.any();
      Draw draw = new Draw(new CpSolver(model, options), u, ntmScale, delta, d, ones, start);
      List<SweepModel.Outcome> out = new ArrayList<>();
      for (Capital.Closure closure : capital.closures()) {
        Solved[] solved = switch (closure) {
          case FIXED -> draw.fixed();
          case STEADY_STATE -> draw.steadyState();
          case RECURSIVE -> draw.recursive();
        };
        for (Solved one : solved) {
          outcomes(one.comparison(), path.scenarios().get(one.scenario()), path.years()[one.year()], closure.id(),
              withCapital, keepRegions, sectorIdx, pairIdx, out);
        }
      }
      return new SweepModel.Evaluation(out, draw.diagnostics());
    };
  }

  /** One scenario's comparison in one year. */
  private record Solved(int scenario, int year, CpComparison comparison) {}

  /** A draw's solves under each closure, with their diagnostics pooled. */
  private final class Draw {
    private final CpSolver solver;
    private final double utilisation;
    private final double ntmScale;
    private final double depreciation;
    private final double[] deficit;
    private final double[] ones;
    private final CpEquilibrium[] start;
    private final CpEquilibrium[] fixedBase;
    private boolean converged = true;
    private int iterations;
    private double residual;

    Draw(CpSolver solver, double utilisation, double ntmScale, double depreciation, double[] deficit, double[] ones,
        CpEquilibrium[] start) {
      this.solver = solver;
      this.utilisation = utilisation;
      this.ntmScale = ntmScale;
      this.depreciation = depreciation;
      this.deficit = deficit;
      this.ones = ones;
      this.start = start;
      this.fixedBase = new CpEquilibrium[start.length];
    }

    Diagnostics diagnostics() {
      return new Diagnostics(converged, iterations, residual);
    }

    private CpEquilibrium count(CpEquilibrium e) {
      converged &= e.diagnostics().converged();
      iterations += e.diagnostics().iterations();
      residual = Math.max(residual, e.diagnostics().residual());
      return e;
    }

    private double[] tariff(int k, int y) {
      return CpTariffPath.utilised(path.baseline()[y], path.scenario()[k][y], utilisation);
    }

    private double[] iceberg(int k, int y) {
      return scaled(path.iceberg()[k][y], ntmScale);
    }

    private CpEquilibrium fixedBase(int y) {
      if (fixedBase[y] == null) {
        fixedBase[y] = count(solver.solve(path.baseline()[y], ones, deficit, start[y]));
      }
      return fixedBase[y];
    }

    Solved[] fixed() {
      List<Solved> out = new ArrayList<>();
      for (int y = 0; y < start.length; y++) {
        for (int k = 0; k < path.scenarios().size(); k++) {
          if (y >= path.first()[k]) {
            CpEquilibrium base = fixedBase(y);
            CpEquilibrium cf = count(solver.solve(tariff(k, y), iceberg(k, y), deficit, base));
            out.add(new Solved(k, y, new CpComparison(base, cf)));
          }
        }
      }
      return out.toArray(Solved[]::new);
    }

    Solved[] steadyState() {
      List<Solved> out = new ArrayList<>();
      for (int y = 0; y < start.length; y++) {
        if (!anyScenarioIn(y)) {
          continue;
        }
        CpEquilibrium base = count(solver.solve(path.baseline()[y], ones, deficit, Capital.steadyState(),
            fixedBase(y)));
        for (int k = 0; k < path.scenarios().size(); k++) {
          if (y >= path.first()[k]) {
            CpEquilibrium cf = count(solver.solve(tariff(k, y), iceberg(k, y), deficit, Capital.steadyState(), base));
            out.add(new Solved(k, y, new CpComparison(base, cf)));
          }
        }
      }
      return out.toArray(Solved[]::new);
    }

    /**
     * The baseline's stock starts at the data year's in the first year any scenario is in force and accumulates
     * from there; each scenario's starts at the baseline's in its own first year. A gap of g > 1 calendar years
     * between two stored years is g − 1 years more under the earlier year's tariffs (the stored years are those in
     * which tariffs change).
     */
    Solved[] recursive() {
      int years = start.length;
      int entry = years;
      for (int f : path.first()) {
        entry = Math.min(entry, f);
      }
      CpEquilibrium[] base = new CpEquilibrium[years];
      double[] k = Capital.fixed(data.n()).stock();
      for (int y = entry; y < years; y++) {
        CpEquilibrium warm = y > entry ? base[y - 1] : start[y];
        base[y] = count(solver.solve(path.baseline()[y], ones, deficit, Capital.given(k), warm));
        k = accumulate(base[y], y, path.baseline()[y], ones);
      }
      List<Solved> out = new ArrayList<>();
      for (int s = 0; s < path.scenarios().size(); s++) {
        int first = path.first()[s];
        if (first >= years) {
          continue;
        }
        double[] stock = capitalOf(base[first]);
        for (int y = first; y < years; y++) {
          double[] tariff = tariff(s, y);
          double[] iceberg = iceberg(s, y);
          CpEquilibrium cf = count(solver.solve(tariff, iceberg, deficit, Capital.given(stock), base[y]));
          out.add(new Solved(s, y, new CpComparison(base[y], cf)));
          stock = accumulate(cf, y, tariff, iceberg);
        }
      }
      out.sort(java.util.Comparator.comparingInt(Solved::year).thenComparingInt(Solved::scenario));
      return out.toArray(Solved[]::new);
    }

    /** The stock of the next stored year after {@code year}, through the calendar years between under its tariffs. */
    private double[] accumulate(CpEquilibrium year, int index, double[] tariff, double[] iceberg) {
      double[] k = CapitalPath.next(year, depreciation);
      if (index + 1 >= start.length) {
        return k;
      }
      CpEquilibrium between = year;
      for (int gap = path.years()[index + 1] - path.years()[index]; gap > 1; gap--) {
        between = count(solver.solve(tariff, iceberg, deficit, Capital.given(k), between));
        k = CapitalPath.next(between, depreciation);
      }
      return k;
    }
  }

  private double[] capitalOf(CpEquilibrium e) {
    double[] k = new double[data.n()];
    for (int m = 0; m < k.length; m++) {
      k[m] = e.capital(m);
    }
    return k;
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

  private void outcomes(CpComparison c, String scenario, int year, String closure, boolean withCapital, int[] keep,
      int[] sectorIdx, int[] pairIdx, List<SweepModel.Outcome> out) {
    int from = out.size();
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
      out.add(new SweepModel.Outcome(scenario, "ev_pct", region, "ALL", "ALL", year, c.evPct(r)));
      if (withCapital) {
        out.add(new SweepModel.Outcome(scenario, "capital_stock_pct", region, "ALL", "ALL", year,
            c.capitalStockPct(r)));
        out.add(new SweepModel.Outcome(scenario, "rental_rate_pct", region, "ALL", "ALL", year, c.rentalRatePct(r)));
        out.add(new SweepModel.Outcome(scenario, "investment_pct", region, "ALL", "ALL", year, c.investmentPct(r)));
      }
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
        out.add(new SweepModel.Outcome(scenario, "trade_balance_change_usd", exporter, "ALL", importer, year,
            c.tradeBalanceChange(a, b) * unitUsd));
      }
    }
    for (int i = from; i < out.size(); i++) {
      SweepModel.Outcome o = out.get(i);
      out.set(i, new SweepModel.Outcome(o.scenario(), o.metric(), o.country(), o.sector(), o.partner(), o.year(),
          o.value(), closure));
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
