package org.ftasim.config;

import java.util.List;

/**
 * The typed pipeline configuration. Every key has a default in {@code ftasim-defaults.yaml}; a user file and
 * {@code --set key=value} overrides are merged onto those defaults and then bound here, so a key that is not
 * in the defaults is unknown by construction.
 *
 * @param seed the run seed: every random draw of the run is a pure function of it
 * @param sql settings of {@code ftasim sql}
 * @param export settings of {@code ftasim export}
 * @param solver settings of the equilibrium solvers (Caliendo–Parro and structural gravity)
 * @param sweep a Monte Carlo sensitivity sweep ({@code ftasim sweep})
 * @param tariffs the tariff engine ({@code ftasim tariffs})
 * @param inputs the model inputs ({@code ftasim model-inputs})
 * @param report the headline report ({@code ftasim report})
 * @param dependence import concentration ({@code ftasim dependence})
 * @param smart tariff-line partial equilibrium ({@code ftasim smart})
 */
public record FtasimConfig(long seed, Sql sql, Export export, Solver solver, Sweep sweep, Tariffs tariffs,
    Inputs inputs, Report report, Dependence dependence, Smart smart) {

  /**
   * @param importDemandFile import-demand elasticities per (importer, hs6), a CSV in the layout of the Kee, Nicita and
   *     Olarreaga (2008) estimates (importer, hs6, elasticity); empty: every market takes importDemand
   * @param importDemand the elasticity (a magnitude) of markets the file lacks
   * @param substitution the substitution elasticity between sources (SMART's default 1.5)
   * @param exportSupply the export-supply elasticity (SMART's default 99: nearly perfectly elastic)
   * @param tradeYear the trade_flows year of the imports; 0: the latest
   */
  public record Smart(String importDemandFile, double importDemand, double substitution, double exportSupply,
      int tradeYear) {}

  /**
   * @param partners the suppliers whose share of each market {@code import_dependence} names (partner_shares)
   * @param goods strategic-goods list files or folders of them; empty: the lists shipped in conf/goods
   * @param importer the importer whose most concentrated strategic imports the job reports
   * @param top how many products the report lists
   */
  public record Dependence(List<String> partners, List<String> goods, String importer, int top) {}

  /** How sector tariffs weight their HS6 rates. */
  public static final List<String> TARIFF_WEIGHTS = List.of("bilateral", "importer");

  /** Aggregation levels of tariff_aggregates. */
  public static final List<String> TARIFF_LEVELS = List.of("total", "wto_group", "hs_section", "hs2", "hs4",
      "sector");

  /**
   * @param input tariff files or folders to ingest into tariff_schedules first (mfn.csv, preferential_*.csv);
   *     empty: compute from tariff_schedules as it stands
   * @param agreements the agreements file; empty: conf/agreements.yaml as bundled in the jar
   * @param scenarios scenario files or folders of them (conf/scenarios); the baseline is always computed
   * @param firstYear first year of rates; 0: the first year of trade_flows
   * @param lastYear last year; 0: the end of the longest phase-in of any scenario
   * @param weightYear the trade_flows year weighting the averages; 0: the latest year in trade_flows
   * @param sectors the HS6 → sector map; empty: conf/sectors/ftasim-21.csv as bundled
   * @param peak the peak threshold in percent (WTO: 15)
   * @param levels aggregation levels to write (total, wto_group, hs_section, hs2, hs4, sector)
   */
  public record Tariffs(List<String> input, String agreements, List<String> scenarios, int firstYear, int lastYear,
      int weightYear, String sectors, double peak, List<String> levels) {}

  /**
   * @param id the name the inputs are stored under in model_inputs and model_tariffs (a sweep names it)
   * @param io the input-output data: a folder in the Caliendo–Parro layout (solve-cp's) with intermediate use,
   *     value added, final demand, deficits and domestic sales for the model's regions and sectors (the sample's
   *     {@code <dir>/model}), or an OECD ICIO table's CSV file (io_format icio; the sample's
   *     {@code <dir>/icio/2022.csv})
   * @param ioFormat cp (a CP-layout folder) or icio (an OECD ICIO table, aggregated to regions and sectors)
   * @param regions icio: the countries (ISO3) that are model regions, all others going to rest_of_world; empty:
   *     every country of the table
   * @param industries icio: the ICIO industry → sector map ({@code industry2023,industry2021,sector,theta});
   *     empty: conf/sectors/icio-industries.csv as bundled
   * @param closureTolerance icio: the relative gap the aggregated accounts may have (purchases + TLS + VA = OUT,
   *     sales = OUT)
   * @param sectors the HS6 → sector map with each sector's θ; empty: conf/sectors/hs-icio.csv composed with the
   *     industry map, as bundled
   * @param year the reference year of trade and tariff weights; 0: tariffs.weight_year, else the latest year of
   *     trade_flows
   * @param trade where bilateral trade comes from: flows (trade_flows, mapped to sectors) or io (the folder's)
   * @param unitUsd USD per unit of the io folder's values (1e6: USD million)
   * @param tariffWeights bilateral (the pair's own reference-year imports by HS6) or importer (the importer's
   *     imports from all partners by HS6, which do not shrink where a tariff is prohibitive)
   * @param restOfWorld the region that takes every country not listed as a region by ISO3 code
   * @param scenarios the scenarios of tariff_effective to take; empty: all of them
   * @param mixTariffRuns take scenarios that different tariffs runs wrote (false: refuse, since each was computed
   *     with its own run's baseline and inputs)
   */
  public record Inputs(String id, String io, String ioFormat, List<String> regions, String industries,
      double closureTolerance, String sectors, int year, String trade, double unitUsd, String tariffWeights,
      String restOfWorld, List<String> scenarios, boolean mixTariffRuns) {}

  /** @param maxRows the most rows {@code ftasim sql} prints; more is an error that says to add a LIMIT */
  public record Sql(int maxRows) {}

  /** @param files Parquet files per exported unpartitioned table (partitioned tables: one per partition value) */
  public record Export(int files) {}

  /**
   * @param tolerance converged when no unknown (log unit cost, log expenditure, log wage) moves more than this
   *     in a pass
   * @param maxIterations passes at most; a solve that has not converged by then is reported as failed
   * @param memory Anderson acceleration memory (0 = plain damped iteration)
   * @param wageStep the weight of labour-market excess demand in each wage update
   */
  public record Solver(double tolerance, int maxIterations, int memory, double wageStep) {}

  /**
   * @param model ishigami, cp, gravity, smart or fta (the phase-in model on stored model inputs)
   * @param data the model's data: a CP-layout folder (cp), a gravity table (gravity), a SMART market file (smart)
   * @param scenarioId the scenario the draws belong to
   * @param design monte_carlo, latin_hypercube, sobol, saltelli, quadrature or oat
   * @param draws draws (monte_carlo, latin_hypercube, sobol) or base points (saltelli: n·(d+2) runs)
   * @param partitions Spark partitions of the draws; 0 = derived: about 100 draws each, at least 4 per core
   * @param maxFailedShare the run fails when more than this share of draws fails (they are kept either way)
   * @param progressSeconds how often progress is printed on stderr
   * @param bootstrap bootstrap resamples for the Sobol indices' confidence intervals
   */
  public record Sweep(String model, String data, String scenarioId, String design, int draws, int partitions,
      double maxFailedShare, int progressSeconds, int bootstrap,
      List<SweepParameter> parameters, SweepCp cp, SweepGravity gravity, SweepSmart smart, SweepFta fta) {}

  /**
   * The phase-in model ({@code sweep.model: fta}): the Caliendo–Parro model on stored model inputs, solved for every
   * scenario and year of its phase-in.
   *
   * @param inputs the inputs id of model_inputs / model_tariffs
   * @param scenarios the scenarios to solve; empty: every scenario stored under the inputs id
   * @param firstYear the first year solved; 0: each scenario from the first year its tariffs differ from the
   *     baseline's (entry into force)
   * @param lastYear the last year solved; 0: the last stored year (the end of the phase-in)
   * @param sectorRegions regions whose sector outcomes are reported
   * @param pairRegions regions whose bilateral trade with each other is reported
   * @param sectorGroups sector aggregates reported beside the sectors, as name=sector+sector+…
   * @param closures capital closures solved for every draw: fixed, steady_state, recursive
   * @param depreciation δ of the recursive closure, a share of the stock a year (parameter {@code depreciation})
   * @param capitalShare capital's share of value added in every region and sector (parameter {@code capital_share});
   *     0 is the labour-only model
   * @param capitalShares a CSV file {@code sector, region, value} of shares by region and sector, instead
   */
  public record SweepFta(String inputs, List<String> scenarios, int firstYear, int lastYear,
      List<String> sectorRegions, List<String> pairRegions, List<String> sectorGroups, List<String> closures,
      double depreciation, double capitalShare, String capitalShares) {}

  /**
   * @param countries the report's countries: welfare and real GDP for each; sector output for the first; trade
   *     between the first two
   * @param sectors sectors or sector groups (sweep.fta.sector_groups) whose output change the report shows
   * @param drivers how many parameters to name as the drivers of the first country's welfare
   */
  public record Report(List<String> countries, List<String> sectors, int drivers) {}

  /**
   * One uncertain parameter: normal (mean, sd), lognormal (median, log_sd), uniform (low, high) or triangular
   * (low, mode, high); optional truncation to [min, max]; parameters with the same group move together.
   */
  public record SweepParameter(String name, String dist, Double mean, Double sd, Double median, Double logSd,
      Double low, Double mode, Double high, Double min, Double max, String group) {}

  /** @param deficits zero or keep; @param regions regions to report (empty: all) */
  public record SweepCp(String deficits, List<String> regions, boolean sectorMetrics) {}

  /**
   * The gravity model's fixed settings; cost, counterfactual and the rest as on solve-gravity's command line.
   *
   * @param estimates an estimate-gravity run whose coefficients and pair effects give the costs (instead of cost);
   *     parameters {@code cost.<term>} with {@code dist: estimate} are then drawn from its N(β̂, V̂)
   * @param pair the fixed effect holding the pair effects; @param fill the second stage's covariates ("a + b")
   * @param with derived columns NAME=SQL expression; @param deficits additive or multiplicative
   */
  public record SweepGravity(double sigma, String cost, List<String> counterfactual, String baseline,
      String reference, int year, String estimates, String pair, String fill, List<String> with, String deficits) {}

  /** Central elasticities applied to every market (import demand as a magnitude). */
  public record SweepSmart(double importDemand, double substitution, double exportSupply) {}

  void validate(Check check) {
    check.range("seed", seed, 0, Long.MAX_VALUE);
    check.range("sql.max_rows", sql.maxRows(), 1, 10_000_000);
    check.range("export.files", export.files(), 1, 10_000);
    check.range("solver.tolerance", solver.tolerance(), 1e-15, 1e-3);
    check.range("solver.max_iterations", solver.maxIterations(), 1, 1_000_000);
    check.range("solver.memory", solver.memory(), 0, 50);
    check.range("solver.wage_step", solver.wageStep(), 1e-3, 1.0);
    check.oneOf("sweep.model", sweep.model(), List.of("ishigami", "cp", "gravity", "smart", "fta"));
    check.notBlank("sweep.fta.inputs", sweep.fta().inputs());
    check.range("sweep.fta.first_year", sweep.fta().firstYear(), 0, 2200);
    check.range("sweep.fta.last_year", sweep.fta().lastYear(), 0, 2200);
    if (sweep.fta().closures().isEmpty()) {
      check.oneOf("sweep.fta.closures", "[]", List.of("fixed", "steady_state", "recursive"));
    }
    for (int i = 0; i < sweep.fta().closures().size(); i++) {
      check.oneOf("sweep.fta.closures." + i, sweep.fta().closures().get(i), List.of("fixed", "steady_state",
          "recursive"));
    }
    check.positive("sweep.fta.depreciation", sweep.fta().depreciation());
    check.range("sweep.fta.depreciation", sweep.fta().depreciation(), 0, 1);
    check.range("sweep.fta.capital_share", sweep.fta().capitalShare(), 0, 0.99);
    check.notBlank("inputs.id", inputs.id());
    check.range("report.drivers", report.drivers(), 0, 100);
    check.range("dependence.top", dependence.top(), 1, 10_000);
    check.notBlank("dependence.importer", dependence.importer());
    check.range("smart.import_demand", smart.importDemand(), 1e-9, 1e6);
    check.range("smart.substitution", smart.substitution(), 0, 1e6);
    check.range("smart.export_supply", smart.exportSupply(), 1e-9, Double.POSITIVE_INFINITY);
    check.range("smart.trade_year", smart.tradeYear(), 0, 2200);
    for (int i = 0; i < sweep.fta().sectorGroups().size(); i++) {
      String g = sweep.fta().sectorGroups().get(i);
      if (!g.matches("[A-Za-z0-9_]+=[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*")) {
        check.oneOf("sweep.fta.sector_groups." + i, g, List.of("name=sector+sector+..."));
      }
    }
    check.range("inputs.year", inputs.year(), 0, 2200);
    check.oneOf("inputs.trade", inputs.trade(), List.of("flows", "io"));
    check.oneOf("inputs.io_format", inputs.ioFormat(), List.of("cp", "icio"));
    check.positive("inputs.closure_tolerance", inputs.closureTolerance());
    check.positive("inputs.unit_usd", inputs.unitUsd());
    check.oneOf("inputs.tariff_weights", inputs.tariffWeights(), TARIFF_WEIGHTS);
    check.oneOf("sweep.design", sweep.design(),
        List.of("monte_carlo", "latin_hypercube", "sobol", "saltelli", "quadrature", "oat"));
    check.notBlank("sweep.scenario_id", sweep.scenarioId());
    check.range("sweep.draws", sweep.draws(), 1, 100_000_000);
    check.range("sweep.partitions", sweep.partitions(), 0, 1_000_000);
    check.range("sweep.max_failed_share", sweep.maxFailedShare(), 0, 1);
    check.range("sweep.progress_seconds", sweep.progressSeconds(), 1, 3600);
    check.range("sweep.bootstrap", sweep.bootstrap(), 0, 100_000);
    check.oneOf("sweep.cp.deficits", sweep.cp().deficits(), List.of("zero", "keep"));
    check.oneOf("sweep.gravity.baseline", sweep.gravity().baseline(), List.of("fitted", "observed"));
    check.oneOf("sweep.gravity.deficits", sweep.gravity().deficits(), List.of("additive", "multiplicative"));
    check.range("sweep.smart.import_demand", sweep.smart().importDemand(), 1e-9, 1e6);
    check.range("sweep.smart.substitution", sweep.smart().substitution(), 0, 1e6);
    check.range("sweep.smart.export_supply", sweep.smart().exportSupply(), 1e-9, Double.POSITIVE_INFINITY);
    check.range("tariffs.first_year", tariffs.firstYear(), 0, 2200);
    check.range("tariffs.last_year", tariffs.lastYear(), 0, 2200);
    check.range("tariffs.weight_year", tariffs.weightYear(), 0, 2200);
    check.range("tariffs.peak", tariffs.peak(), 0, 10_000);
    for (int i = 0; i < tariffs.levels().size(); i++) {
      check.oneOf("tariffs.levels." + i, tariffs.levels().get(i), TARIFF_LEVELS);
    }
    for (int i = 0; i < sweep.parameters().size(); i++) {
      SweepParameter sp = sweep.parameters().get(i);
      String key = "sweep.parameters." + i;
      check.notBlank(key + ".name", sp.name());
      check.oneOf(key + ".dist", sp.dist(), List.of("normal", "lognormal", "uniform", "triangular", "estimate"));
      List<String> needs = switch (sp.dist()) {
        case "estimate" -> List.of();
        case "normal" -> List.of("mean", "sd");
        case "lognormal" -> List.of("median", "log_sd");
        case "uniform" -> List.of("low", "high");
        default -> List.of("low", "mode", "high");
      };
      for (String field : needs) {
        Double v = switch (field) {
          case "mean" -> sp.mean();
          case "sd" -> sp.sd();
          case "median" -> sp.median();
          case "log_sd" -> sp.logSd();
          case "low" -> sp.low();
          case "mode" -> sp.mode();
          default -> sp.high();
        };
        check.present(key + "." + field, v, "a " + sp.dist() + " distribution needs " + String.join(" and ", needs));
      }
    }
  }
}
