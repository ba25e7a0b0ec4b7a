package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.sketch.BloomFilter;
import org.ftasim.config.FtasimConfig;
import org.ftasim.sector.IndustryMap;
import org.ftasim.sector.SectorMap;
import org.ftasim.inputs.CpLayout;
import org.ftasim.inputs.IcioTable;
import org.ftasim.inputs.spark.ModelInputs;
import org.ftasim.inputs.spark.ModelTables;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpModel;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.ftasim.table.TextFiles;

/**
 * {@code ftasim model-inputs --config …}: the Caliendo–Parro model's data for the reference year and its sector
 * tariffs for every scenario and year, into model_inputs and model_tariffs (replaced by inputs id). Input–output
 * data, value added, final demand, deficits and domestic sales come from an OECD ICIO table aggregated to the model
 * ({@link IcioTable}) or from a folder in solve-cp's layout; bilateral goods trade from trade_flows mapped to
 * sectors (or the io data's own); θ from the sector map; tariffs from tariff_effective ({@link ModelInputs}).
 */
public final class ModelInputsJob {
  public static final JobSpec SPEC = new JobSpec("model-inputs",
      "Model data and sector tariffs per scenario and year from trade_flows, tariff_effective and an OECD ICIO"
          + " table or a CP-layout folder (config section inputs)",
      Map.of("--io", "the input-output data: a CP-layout folder or an OECD ICIO CSV file (sets inputs.io)",
          "--io-format", "cp (a CP-layout folder) or icio (an OECD ICIO table; sets inputs.io_format)"),
      Set.of(), Map.of(), null, true, false);

  private ModelInputsJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, ModelInputsJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    FtasimConfig.Inputs cfg = ctx.config().inputs();
    String io = ctx.args().value("--io").orElse(cfg.io());
    String format = ctx.args().value("--io-format").orElse(cfg.ioFormat());
    if (!List.of("cp", "icio").contains(format)) {
      throw JobErrors.unknownIoFormat(format);
    }
    return run(spark, ctx, cfg, io, format, ctx.config().tariffs().weightYear());
  }

  /** The input-output data in the model's regions and sectors, the HS6 → sector map that matches it, its kind. */
  private record IoData(CpData layout, SectorMap sectors, boolean folder) {}

  private static IoData readIo(SparkSession spark, JobContext ctx, FtasimConfig.Inputs cfg, String io, String format)
      throws IOException {
    if (io == null || io.isBlank()) {
      throw JobErrors.noIoData();
    }
    if (format.equals("cp")) {
      CpData layout = CpLayout.read(new TextFiles(spark.sparkContext().hadoopConfiguration()).local(io, "inputs.io"));
      SectorMap sectors = cfg.sectors().isEmpty() ? SectorMap.bundled()
          : open(spark, cfg.sectors(), "inputs.sectors", in -> SectorMap.read(in, cfg.sectors()));
      return new IoData(layout, sectors, true);
    }
    IndustryMap industries = cfg.industries().isEmpty() ? IndustryMap.bundled()
        : open(spark, cfg.industries(), "inputs.industries", in -> IndustryMap.read(in, cfg.industries()));
    long t0 = System.nanoTime();
    IcioTable.Aggregated table = open(spark, io, "inputs.io", in -> IcioTable.read(
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20), io, industries, cfg.regions(),
        cfg.restOfWorld(), cfg.closureTolerance()));
    ctx.err().printf("ftasim model-inputs: ICIO %d edition, %d countries, %,d cells aggregated to %d regions x %d"
        + " sectors in %.1f s; accounts close to %.2g (relative); %,d negative final-demand cells (USD %,.1f million)"
        + " netted%n", table.edition(), table.countries().size(), table.cells(), table.data().n(), table.data().j(),
        (System.nanoTime() - t0) / 1e9, table.worstClosureGap(), table.negativeFinalDemand(),
        table.negativeFinalDemandUsd());
    SectorMap sectors = cfg.sectors().isEmpty() ? SectorMap.bundled(industries)
        : open(spark, cfg.sectors(), "inputs.sectors", in -> SectorMap.read(in, cfg.sectors()));
    return new IoData(table.data(), sectors, false);
  }

  static JobResult run(SparkSession spark, JobContext ctx, FtasimConfig.Inputs cfg, String io, String format,
      int tariffWeightYear) throws IOException {
    long t0 = System.nanoTime();
    IoData ioData = readIo(spark, ctx, cfg, io, format);
    CpData layout = ioData.layout();
    SectorMap sectors = ioData.sectors();
    requireSameSectors(layout, sectors, ioData.folder() ? io + "/theta.csv" : "the industry map");
    Plan plan = plan(spark, ctx, cfg, tariffWeightYear);
    ctx.err().printf("ftasim model-inputs: %d regions x %d sectors from %s; trade and weights of %d; %d scenario(s)"
        + " %s, years %s, %s weights%n", layout.n(), layout.j(), io, plan.year(), plan.scenarios().size(),
        plan.scenarios(), plan.years().size() > 1 ? plan.year() + " and " + plan.years().get(1) + "-"
            + plan.years().get(plan.years().size() - 1) : plan.year(), cfg.tariffWeights());
    Dataset<Row> effective = plan.effective().where(col("scenario_id").isin(plan.kept().toArray())
        .and(col("year").isin(plan.years().toArray())));
    Dataset<Row> regionFlows = ModelInputs.regionFlows(plan.flows(), plan.year(), layout.regions(),
        cfg.restOfWorld(), sectors).cache();
    JobResult result = new JobResult();
    try {
      long flowCount = checkFlows(ctx, regionFlows, effective, plan.year(), result);
      String ioTrade = ioData.folder() ? io + "/trade.csv" : io;
      Trade trade = cfg.trade().equals("flows") ? tradeFromFlows(ctx, layout, sectors, regionFlows, cfg, ioTrade)
          : Trade.fromIo(layout, ioTrade);
      result.count("trade_vs_io_max_rel_diff_ppm", Math.round(trade.maxGap() * 1e6));

      String predicate = "inputs_id = '" + TableWriter.safeId(cfg.id()) + "'";
      long tariffRows = writeModelTariffs(spark, ctx, cfg, layout, sectors, plan, regionFlows, flowCount,
          effective, predicate);
      Dataset<Row> stored = TableReader.read(spark, ctx.warehouse(), Tables.MODEL_TARIFFS)
          .where(col("inputs_id").equalTo(cfg.id()));
      for (Row r : stored.groupBy("basis").count().collectAsList()) {
        result.count("tariff_cells_" + r.getString(0), r.getLong(1));
      }
      CpData data = modelData(layout, sectors, trade.values(), baselineTariffs(layout, stored, plan.year()));
      new CpModel(data).notes().forEach(n -> ctx.err().println("ftasim model-inputs: note: " + n));
      List<Row> rows = ModelTables.rows(data, cfg.id(), ctx.runId(), plan.year(), cfg.unitUsd(), trade.source(), io,
          ioData.folder(), cfg.trade().equals("flows") ? layout.trade() : null);
      TableWriter.replaceWhere(spark.createDataFrame(rows, Tables.MODEL_INPUTS.schema()), ctx.warehouse(),
          Tables.MODEL_INPUTS, predicate);

      summary(ctx, data, plan.years(), stored);
      return result.count("regions", layout.n()).count("sectors", layout.j())
          .count("scenarios", plan.scenarios().size()).count("reference_year", plan.year())
          .count("first_year", plan.years().get(0)).count("last_year", plan.years().get(plan.years().size() - 1))
          .count("flows", flowCount).count("model_input_rows", rows.size()).count("model_tariff_rows", tariffRows)
          .count("millis", (System.nanoTime() - t0) / 1_000_000)
          .table(Tables.MODEL_INPUTS.name()).table(Tables.MODEL_TARIFFS.name());
    } finally {
      regionFlows.unpersist();
    }
  }

  private static void requireSameSectors(CpData layout, SectorMap sectors, String ioSectors) {
    if (!new TreeSet<>(layout.sectors()).equals(new TreeSet<>(sectors.sectors()))) {
      Set<String> onlyIo = new TreeSet<>(layout.sectors());
      onlyIo.removeAll(sectors.sectors());
      Set<String> onlyMap = new TreeSet<>(sectors.sectors());
      onlyMap.removeAll(layout.sectors());
      throw JobErrors.sectorsDiffer(ioSectors, onlyIo, onlyMap);
    }
  }

  /**
   * What to build: the flows and effective rates as read, the reference year, the scenarios (all
   * {@code tariff_effective} holds unless listed) with the baseline ({@code kept}), and the years — the reference
   * year, then the years a scenario has rows of its own (before those, scenarios are the baseline).
   */
  private record Plan(Dataset<Row> flows, Dataset<Row> effective, int year, List<String> scenarios,
      List<String> kept, List<Integer> years) {}

  private static Plan plan(SparkSession spark, JobContext ctx, FtasimConfig.Inputs cfg, int tariffWeightYear) {
    for (String t : List.of(Tables.TRADE_FLOWS.name(), Tables.TARIFF_EFFECTIVE.name())) {
      if (!TableReader.exists(spark, ctx.warehouse(), Tables.byName(t).orElseThrow())) {
        throw JobErrors.noTableToRead(t, ctx.warehouse().root(),
            t.equals("trade_flows") ? "ftasim ingest-flows" : "ftasim tariffs");
      }
    }
    Dataset<Row> flows = TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS);
    int year = cfg.year() > 0 ? cfg.year() : tariffWeightYear > 0 ? tariffWeightYear : latestYear(flows);
    Dataset<Row> effective = TableReader.read(spark, ctx.warehouse(), Tables.TARIFF_EFFECTIVE);
    // one pass over tariff_effective for what it holds: (scenario, year) pairs
    List<Row> held = effective.select("scenario_id", "year", "run_id").distinct().collectAsList();
    TreeSet<String> storedScenarios = new TreeSet<>(held.stream().map(r -> r.getString(0)).toList());
    if (!storedScenarios.remove(ModelInputs.BASELINE)) {
      throw JobErrors.noBaselineTariffs();
    }
    List<String> scenarios = cfg.scenarios().isEmpty() ? List.copyOf(storedScenarios) : cfg.scenarios();
    oneTariffsRun(held, scenarios, cfg.mixTariffRuns());
    for (String s : scenarios) {
      if (!storedScenarios.contains(s)) {
        throw JobErrors.scenarioNotHeld(s, storedScenarios);
      }
    }
    int firstScenarioYear = held.stream().filter(r -> scenarios.contains(r.getString(0))).mapToInt(r -> r.getInt(1))
        .min().orElse(Integer.MAX_VALUE);
    List<Integer> years = held.stream().filter(r -> r.getString(0).equals(ModelInputs.BASELINE))
        .map(r -> r.getInt(1)).filter(y -> y == year || (y > year && y >= firstScenarioYear)).distinct().sorted()
        .toList();
    if (years.isEmpty() || years.get(0) != year) {
      throw JobErrors.noBaselineYear(year);
    }
    List<String> kept = new ArrayList<>(scenarios);
    kept.add(ModelInputs.BASELINE);
    return new Plan(flows, effective, year, scenarios, kept, years);
  }

  /** Counts the reference year's flows (none is the user's error) and reports those left out or without a rate. */
  private static long checkFlows(JobContext ctx, Dataset<Row> regionFlows, Dataset<Row> effective, int year,
      JobResult result) {
    long m0 = System.nanoTime();
    long flowCount = regionFlows.count();
    ctx.err().printf("ftasim model-inputs: %,d flows of %d mapped to regions and sectors in %.1f s%n", flowCount,
        year, (System.nanoTime() - m0) / 1e9);
    if (flowCount == 0) {
      throw JobErrors.noReferenceYearFlows(year);
    }
    for (Row r : ModelInputs.leftOut(regionFlows).collectAsList()) {
      result.count("left_out_" + r.getString(0) + "_flows", r.getLong(1))
          .count("left_out_" + r.getString(0) + "_usd", Math.round(r.getDouble(2)));
      ctx.err().printf("ftasim model-inputs: %,d flows (USD %,.0f) left out: %s%n", r.getLong(1), r.getDouble(2),
          r.getString(0));
    }
    long u0 = System.nanoTime();
    Row unrated = ModelInputs.unrated(regionFlows, effective, year).first();
    ctx.err().printf("ftasim model-inputs: %,d flows without an MFN line, found in %.1f s%n", unrated.getLong(0),
        (System.nanoTime() - u0) / 1e9);
    result.count("unrated_flows", unrated.getLong(0))
        .count("unrated_usd", unrated.isNullAt(1) ? 0 : Math.round(unrated.getDouble(1)));
    return flowCount;
  }

  /**
   * Bilateral trade per (sector, importer, exporter) in the model's unit, where each value came from, and the
   * largest relative difference of the flows' trade to the io data's.
   */
  private record Trade(double[] values, String[] source, double maxGap) {
    static Trade fromIo(CpData layout, String ioTrade) {
      String[] source = new String[layout.trade().length];
      Arrays.fill(source, ioTrade);
      return new Trade(layout.trade().clone(), source, 0);
    }
  }

  /** Goods trade between regions from trade_flows (the non-traded sector and domestic sales stay the io data's). */
  private static Trade tradeFromFlows(JobContext ctx, CpData layout, SectorMap sectors, Dataset<Row> regionFlows,
      FtasimConfig.Inputs cfg, String ioTrade) {
    Trade io = Trade.fromIo(layout, ioTrade);
    double[] trade = io.values();
    String[] source = io.source();
    Map<String, Integer> ri = index(layout.regions());
    Map<String, Integer> si = index(layout.sectors());
    for (int s = 0; s < layout.j(); s++) {
      if (layout.sectors().get(s).equals(sectors.nonTraded())) {
        continue;
      }
      for (int m = 0; m < layout.n(); m++) {
        for (int i = 0; i < layout.n(); i++) {
          if (m != i) {
            int p = layout.pair(s, m, i);
            trade[p] = 0;
            source[p] = "trade_flows";
          }
        }
      }
    }
    for (Row r : ModelInputs.sectorTrade(regionFlows).collectAsList()) {
      int p = layout.pair(si.get(r.getString(2)), ri.get(r.getString(0)), ri.get(r.getString(1)));
      trade[p] = r.getDouble(3) / cfg.unitUsd();
    }
    double maxGap = 0;
    for (int p = 0; p < trade.length; p++) {
      if ("trade_flows".equals(source[p])) {
        double a = Math.max(Math.abs(trade[p]), Math.abs(layout.trade()[p]));
        maxGap = Math.max(maxGap, a > 0 ? Math.abs(trade[p] - layout.trade()[p]) / a : 0);
      }
    }
    ctx.err().printf("ftasim model-inputs: bilateral goods trade from trade_flows; largest relative difference"
        + " to %s: %.3g (item io_trade of model_inputs has it per pair and sector)%n", ioTrade, maxGap);
    return new Trade(trade, source, maxGap);
  }

  /**
   * model_tariffs: every (scenario, year, importer, exporter, sector) cell, the sector tariff from the effective
   * rates where trade weighs them and the io data's elsewhere, with the scenarios' trade costs; returns the cells.
   */
  private static long writeModelTariffs(SparkSession spark, JobContext ctx, FtasimConfig.Inputs cfg, CpData layout,
      SectorMap sectors, Plan plan, Dataset<Row> regionFlows, long flowCount, Dataset<Row> effective,
      String predicate) {
    long w0 = System.nanoTime();
    BloomFilter traded = null;
    if (cfg.tariffWeights().equals("bilateral")) {
      traded = ModelInputs.weighingFlows(regionFlows)
          .select(ModelInputs.tradeKey(col("c"), col("e"), col("h")).as("key")).stat()
          .bloomFilter("key", Math.max(1, flowCount), 0.01);
    }
    List<Row> grid = new ArrayList<>();
    for (String k : plan.kept()) {
      for (int y : plan.years()) {
        grid.add(RowFactory.create(k, y));
      }
    }
    StructType gridType = new StructType().add("scenario_id", DataTypes.StringType, false)
        .add("year", DataTypes.IntegerType, false);
    List<Row> cells = new ArrayList<>();
    for (int s = 0; s < layout.j(); s++) {
      for (int m = 0; m < layout.n(); m++) {
        for (int i = 0; i < layout.n(); i++) {
          cells.add(RowFactory.create(layout.regions().get(m), layout.regions().get(i), layout.sectors().get(s),
              layout.tariff()[layout.pair(s, m, i)]));
        }
      }
    }
    StructType cellType = new StructType().add("importer", DataTypes.StringType, false)
        .add("exporter", DataTypes.StringType, false).add("sector", DataTypes.StringType, false)
        .add("io_tariff", DataTypes.DoubleType, false);
    // Cached: dense reads the sector tariffs twice (the pairs' rows and the MFN fallback), and Spark planned each
    // read as its own pass over tariff_effective (a scan, a shuffle and the sums, twice over).
    Dataset<Row> sectorTariffs = ModelInputs.sectorTariffs(regionFlows, effective, plan.scenarios(), layout.regions(),
        cfg.restOfWorld(), cfg.tariffWeights(), traded).cache();
    try {
      Dataset<Row> dense = ModelInputs.dense(spark.createDataFrame(grid, gridType),
              spark.createDataFrame(cells, cellType), sectorTariffs)
          .withColumn("inputs_id", lit(cfg.id())).withColumn("run_id", lit(ctx.runId()));
      TradeCostCells costs = tradeCostCells(spark, ctx.warehouse(), ctx.err(), plan.kept(), plan.years(),
          layout.regions(), layout.sectors(), sectors);
      TableWriter.replaceWhere(withTradeCosts(dense, spark, costs), ctx.warehouse(), Tables.MODEL_TARIFFS,
          predicate);
    } finally {
      sectorTariffs.unpersist();
    }
    ctx.err().printf("ftasim model-inputs: wrote model_tariffs in %.1f s%n", (System.nanoTime() - w0) / 1e9);
    return (long) grid.size() * cells.size();
  }

  /** The baseline's tariff of the reference year per (sector, importer, exporter), as stored in model_tariffs. */
  private static double[] baselineTariffs(CpData layout, Dataset<Row> stored, int year) {
    double[] tau0 = new double[layout.trade().length];
    Map<String, Integer> ri = index(layout.regions());
    Map<String, Integer> si = index(layout.sectors());
    for (Row r : stored.where(col("scenario_id").equalTo(ModelInputs.BASELINE).and(col("year").equalTo(year)))
        .select("importer", "exporter", "sector", "tariff").collectAsList()) {
      tau0[layout.pair(si.get(r.getString(2)), ri.get(r.getString(0)), ri.get(r.getString(1)))] = r.getDouble(3);
    }
    return tau0;
  }

  /** The model's data: the io accounts with this trade, the baseline tariffs (also the data's τ) and the map's θ. */
  private static CpData modelData(CpData layout, SectorMap sectors, double[] trade, double[] tau0) {
    double[] theta = layout.sectors().stream().mapToDouble(sectors::theta).toArray();
    return new CpData(layout.regions(), layout.sectors(), trade, tau0, tau0, tau0, layout.icebergBaseline(),
        layout.icebergCounterfactual(), layout.intermediate(), layout.valueAdded(), layout.finalDemand(),
        layout.deficit(), theta);
  }

  /**
   * The baseline and the scenarios taken must come from one tariffs run: a scenario is computed against its run's
   * baseline, agreements and trade weights, so one from an earlier run beside a newer baseline compares two worlds.
   * {@code inputs.mix_tariff_runs: true} takes them anyway.
   */
  static void oneTariffsRun(List<Row> held, List<String> scenarios, boolean mix) {
    Map<String, java.util.SortedSet<String>> runs = new java.util.TreeMap<>();
    for (Row r : held) {
      if (r.getString(0).equals(ModelInputs.BASELINE) || scenarios.contains(r.getString(0))) {
        runs.computeIfAbsent(r.getString(0), k -> new java.util.TreeSet<>()).add(r.getString(2));
      }
    }
    long distinct = runs.values().stream().flatMap(java.util.Collection::stream).distinct().count();
    if (distinct > 1 && !mix) {
      throw JobErrors.tariffRunsMixed(scenarios, distinct, runs);
    }
  }

  /** Korea–Japan's trade-weighted average over sectors, year by year, when both are regions: a quick look. */
  private static void summary(JobContext ctx, CpData data, List<Integer> years, Dataset<Row> stored) {
    if (!data.regions().contains("KOR") || !data.regions().contains("JPN")) {
      return;
    }
    List<Row> rows = stored.where(col("importer").equalTo("KOR").and(col("exporter").equalTo("JPN"))
            .and(col("year").isin(years.get(0), years.get(years.size() - 1))))
        .groupBy("scenario_id", "year")
        .agg(sum(col("tariff").multiply(col("weight_usd"))).divide(sum("weight_usd")).as("avg"))
        .orderBy("scenario_id", "year").collectAsList();
    for (Row r : rows) {
      ctx.err().printf("ftasim model-inputs: Korea's tariff on Japan, %s %d: %.2f%%%n", r.getString(0), r.getInt(1),
          100 * r.getDouble(2));
    }
  }

  private static int latestYear(Dataset<Row> flows) {
    Row latest = flows.agg(max("year")).first();
    return latest.isNullAt(0) ? 0 : latest.getInt(0);
  }

  private interface Reading<T> {
    T read(InputStream in) throws IOException;
  }

  /** Reads a file through Hadoop (so any file system the cluster has works), naming the key when it is missing. */
  private static <T> T open(SparkSession spark, String file, String key, Reading<T> reading) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(p) || fs.getFileStatus(p).isDirectory()) {
      throw JobErrors.notAFile(key, file, fs.exists(p));
    }
    try (InputStream in = fs.open(p)) {
      return reading.read(in);
    }
  }

  private static Map<String, Integer> index(List<String> names) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), i);
    }
    return m;
  }

  private static final StructType RENT_CELL = new StructType().add("scenario_id", DataTypes.StringType, false)
      .add("year", DataTypes.IntegerType, false).add("importer", DataTypes.StringType, false)
      .add("exporter", DataTypes.StringType, false).add("sector", DataTypes.StringType, false)
      .add("rent", DataTypes.DoubleType, false);

  private static final StructType RENT_BASE = new StructType().add("importer", DataTypes.StringType, false)
      .add("exporter", DataTypes.StringType, false).add("sector", DataTypes.StringType, false)
      .add("rent_base", DataTypes.DoubleType, false);

  private static final StructType ICEBERG_CELL = new StructType().add("scenario_id", DataTypes.StringType, false)
      .add("year", DataTypes.IntegerType, false).add("importer", DataTypes.StringType, false)
      .add("exporter", DataTypes.StringType, false).add("sector", DataTypes.StringType, false)
      .add("iceberg", DataTypes.DoubleType, false);

  /**
   * The scenarios' non-tariff cuts (table scenario_trade_costs, written by {@code tariffs}) as d̂ per model cell and
   * year: a measure's d̂ once phased in — (1 + (base − cut)/100)/(1 + base/100) for an AVE cut, the factor given, or
   * exp(−β/θ^j) for an agreement's PPML coefficient (given, or from table gravity_estimates) — raised to the share
   * in force that year, and multiplied over measures on one cell. Countries must be model regions.
   */
  /**
   * The scenarios' non-tariff measures as model cells: d̂ of pure costs per (scenario, year, importer, exporter,
   * sector), and for rent-generating ones the wedge ρ of the scenario's cells and ρ at its base level per (importer,
   * exporter, sector), which the data year, the baseline and every other scenario keep.
   */
  record TradeCostCells(List<Row> iceberg, List<Row> rent, List<Row> rentBase) {}

  /**
   * model_tariffs with the trade costs: iceberg d̂ (1 where none), ntm_rent ρ (the scenario's, else the cell's base,
   * else 0) and the tariff as the model takes it, (1 + τ)(1 + ρ) − 1.
   */
  static Dataset<Row> withTradeCosts(Dataset<Row> dense, SparkSession spark, TradeCostCells costs) {
    scala.collection.immutable.Seq<String> cell = scala.jdk.javaapi.CollectionConverters.asScala(
        List.of("importer", "exporter", "sector")).toSeq();
    scala.collection.immutable.Seq<String> scenarioCell = scala.jdk.javaapi.CollectionConverters.asScala(
        List.of("scenario_id", "year", "importer", "exporter", "sector")).toSeq();
    Dataset<Row> out = dense.join(spark.createDataFrame(costs.iceberg(), ICEBERG_CELL), scenarioCell, "left")
        .withColumn("iceberg", org.apache.spark.sql.functions.coalesce(col("iceberg"), lit(1.0)));
    if (costs.rentBase().isEmpty()) {
      return out.withColumn("ntm_rent", lit(0.0));
    }
    return out.join(spark.createDataFrame(costs.rent(), RENT_CELL), scenarioCell, "left")
        .join(spark.createDataFrame(costs.rentBase(), RENT_BASE), cell, "left")
        .withColumn("ntm_rent", org.apache.spark.sql.functions.coalesce(col("rent"), col("rent_base"), lit(0.0)))
        // a cell without a rent keeps its tariff bit for bit
        .withColumn("tariff", org.apache.spark.sql.functions.when(col("ntm_rent").equalTo(0), col("tariff"))
            .otherwise(lit(1.0).plus(col("tariff")).multiply(lit(1.0).plus(col("ntm_rent"))).minus(lit(1.0))))
        .drop("rent", "rent_base");
  }

  static TradeCostCells tradeCostCells(SparkSession spark, Warehouse warehouse, java.io.PrintStream err,
      List<String> scenarios, List<Integer> years, List<String> regions, List<String> modelSectors,
      SectorMap sectors) {
    List<Row> out = new ArrayList<>();
    if (!TableReader.exists(spark, warehouse, Tables.SCENARIO_TRADE_COSTS)) {
      return new TradeCostCells(out, List.of(), List.of());
    }
    List<Row> rows = TableReader.read(spark, warehouse, Tables.SCENARIO_TRADE_COSTS)
        .where(col("scenario_id").isin(scenarios.toArray()).and(col("year").isin(years.toArray())))
        .select(col("scenario_id"), col("measure"), col("year"), col("importer"), col("exporter"), col("sector"),
            col("share"), col("size_kind"), col("ave_cut_pp"), col("ave_base_pct"), col("iceberg"),
            col("rta_effect"), col("estimate_run"), col("estimate_term"),
            org.apache.spark.sql.functions.coalesce(col("kind"), lit("iceberg")).as("kind"))
        .orderBy("scenario_id", "measure", "year", "importer", "exporter", "sector").collectAsList();
    Map<String, Double> estimates = new java.util.HashMap<>();
    Map<String, Double> cells = new java.util.TreeMap<>();
    Map<String, Double> rent = new java.util.TreeMap<>();
    Map<String, Double> rentBase = new java.util.TreeMap<>();
    Map<String, String> rentBaseFrom = new java.util.HashMap<>();
    java.util.Set<String> outside = new java.util.TreeSet<>();
    for (Row r : rows) {
      String where = "scenario " + r.getString(0) + ", trade-cost measure " + r.getString(1);
      // a pair with a country inside the rest of the world would make part of a region's trade cheaper, which the
      // model cannot represent: it is left out, and said
      if (!regions.contains(r.getString(3)) || !regions.contains(r.getString(4))) {
        outside.add(r.getString(1) + " " + r.getString(4) + ":" + r.getString(3));
        continue;
      }
      // ALL: every traded sector (the non-traded one has no bilateral trade to make cheaper)
      List<String> hit = r.getString(5).equals("ALL")
          ? modelSectors.stream().filter(x -> !x.equals(sectors.nonTraded())).toList() : List.of(r.getString(5));
      if (!modelSectors.contains(hit.get(0))) {
        throw JobErrors.notAModelSector(where, r.getString(5), modelSectors);
      }
      if (r.getString(14).equals("rent")) {
        for (String sector : hit) {
          String pair = r.getString(3) + "\t" + r.getString(4) + "\t" + sector;
          double base = r.getDouble(9) / 100;
          String before = rentBaseFrom.putIfAbsent(pair, where);
          if (before != null && rentBase.get(pair) != base) {
            throw JobErrors.twoRentBases(where, r.getString(4), r.getString(3), sector, r.getDouble(9), before,
                100 * rentBase.get(pair));
          }
          rentBase.put(pair, base);
          String key = r.getString(0) + "\t" + r.getInt(2) + "\t" + pair;
          if (rent.put(key, (r.getDouble(9) - r.getDouble(6) * r.getDouble(8)) / 100) != null) {
            throw JobErrors.twoRentMeasures(where, r.getString(4), r.getString(3), sector, r.getInt(2));
          }
        }
        continue;
      }
      for (String sector : hit) {
        double full = switch (r.getString(7)) {
          case "ave" -> (1 + (r.getDouble(9) - r.getDouble(8)) / 100) / (1 + r.getDouble(9) / 100);
          case "iceberg" -> r.getDouble(10);
          case "rta_effect" -> Math.exp(-r.getDouble(11) / sectors.theta(sector));
          default -> Math.exp(-estimates.computeIfAbsent(r.getString(12) + "/" + r.getString(13),
              k -> estimate(spark, warehouse, r.getString(12), r.getString(13), where)) / sectors.theta(sector));
        };
        String key = r.getString(0) + "\t" + r.getInt(2) + "\t" + r.getString(3) + "\t" + r.getString(4) + "\t"
            + sector;
        cells.merge(key, Math.pow(full, r.getDouble(6)), (a, b) -> a * b);
      }
    }
    for (Map.Entry<String, Double> e : cells.entrySet()) {
      String[] k = e.getKey().split("\t");
      out.add(RowFactory.create(k[0], Integer.parseInt(k[1]), k[2], k[3], k[4], e.getValue()));
    }
    if (!outside.isEmpty()) {
      err.printf("ftasim model-inputs: note: %d trade-cost pairs have a country that is not a model region and"
          + " are left out (add the country to inputs.regions to model them): %s%n", outside.size(),
          outside.size() > 8 ? List.copyOf(outside).subList(0, 8) + " …" : outside);
    }
    if (!out.isEmpty()) {
      err.printf("ftasim model-inputs: non-tariff trade costs on %,d scenario-year cells (d-hat %.4f to %.4f)%n",
          out.size(), cells.values().stream().mapToDouble(Double::doubleValue).min().orElse(1),
          cells.values().stream().mapToDouble(Double::doubleValue).max().orElse(1));
    }
    List<Row> rentRows = new ArrayList<>();
    for (Map.Entry<String, Double> e : rent.entrySet()) {
      String[] k = e.getKey().split("\t");
      rentRows.add(RowFactory.create(k[0], Integer.parseInt(k[1]), k[2], k[3], k[4], e.getValue()));
    }
    List<Row> baseRows = new ArrayList<>();
    for (Map.Entry<String, Double> e : rentBase.entrySet()) {
      String[] k = e.getKey().split("\t");
      baseRows.add(RowFactory.create(k[0], k[1], k[2], e.getValue()));
    }
    if (!baseRows.isEmpty()) {
      err.printf("ftasim model-inputs: rent-generating non-tariff measures on %,d pair-sector cells (wedge %.2f%% to"
          + " %.2f%% in the data year and the baseline), in the tariff the model takes%n", baseRows.size(),
          100 * rentBase.values().stream().mapToDouble(Double::doubleValue).min().orElse(0),
          100 * rentBase.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
    return new TradeCostCells(out, rentRows, baseRows);
  }

  /** β of {@code term} in estimate-gravity run {@code run}. */
  private static double estimate(SparkSession spark, Warehouse warehouse, String run, String term, String where) {
    if (!TableReader.exists(spark, warehouse, Tables.GRAVITY_ESTIMATES)) {
      throw JobErrors.noEstimatesTable(where, run, term);
    }
    List<Row> hit = TableReader.read(spark, warehouse, Tables.GRAVITY_ESTIMATES)
        .where(col("run_id").equalTo(run).and(col("term").equalTo(term))).select("estimate").collectAsList();
    if (hit.isEmpty()) {
      throw JobErrors.noEstimatedTerm(where, run, term);
    }
    return hit.get(0).getDouble(0);
  }
}
