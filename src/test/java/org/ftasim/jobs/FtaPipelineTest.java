package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.inputs.CpLayout;
import org.ftasim.inputs.spark.ModelTables;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.Capital;
import org.ftasim.model.cp.CapitalPath;
import org.ftasim.model.cp.CpEquilibrium;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpSolver;
import org.ftasim.model.cp.CpTariffPath;
import org.ftasim.sample.SampleSpec;
import org.ftasim.sample.SampleWorld;
import org.ftasim.sample.TariffSample;
import org.ftasim.table.TableDef;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.ftasim.tariff.AgreementBook;
import org.ftasim.tariff.HsGroups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole chain on a small sample world through {@code ftasim demo} (generate-sample → ingest-flows → tariffs →
 * model-inputs → sweep of the phase-in model → export → report), then report and model-inputs again from the
 * command line on its warehouse. Checks the demo's contract (one JSON line, its run recorded), that the model
 * inputs rebuild the sample's own model data from the tables and come out the same with other partitioning, that
 * the time path moves monotonically toward the long run while tariffs only fall, and that a reported number
 * traces back to the stored inputs through a direct call of the model.
 */
class FtaPipelineTest {
  private static final SparkSession spark = TestSpark.session();
  private static final String RUN = "demo-test-1";
  private static final int DRAWS = 12;
  /** Tight, so a cold solve and the sweep's warm-started one agree to far below the test's tolerance. */
  private static final double TOLERANCE = 1e-11;
  private static Path sample;
  private static Path results;
  private static Warehouse wh;
  private static String sweepRun;
  private static LauncherContractTest.Outcome demo;
  private static LauncherContractTest.Outcome report;

  @BeforeAll
  static void pipeline() {
    Path dir = TestSpark.newDir("fta-pipeline");
    wh = new Warehouse(dir.resolve("wh").toString());
    sample = dir.resolve("wh").resolve("sample");
    results = dir.resolve("results");
    demo = LauncherContractTest.run("demo", "--countries", "8", "--products", "700", "--years", "2022", "--draws",
        Integer.toString(DRAWS), "--warehouse", wh.root(), "--run-id", RUN, "--set", "seed=99", "--set",
        "solver.tolerance=" + TOLERANCE);
    ok(demo);
    sweepRun = RUN;
    report = LauncherContractTest.run("report", "--warehouse", wh.root(), "--out", results.toString());
    ok(report);
  }

  private static void ok(LauncherContractTest.Outcome o) {
    assertThat(o.code()).as(o.err()).isZero();
  }

  /**
   * kor-cptpp's non-tariff cut (AVE 10% → 7.2% on Korea's goods trade with the members, B10 from 2027) reaches the
   * model as d̂ = (1.072/1.10)^share: a tenth of it in 2027, all of it from 2036, 1 on every other cell.
   */
  @Test
  void theCptppNonTariffCutReachesTheModelTariffs() {
    double full = 1.072 / 1.10;
    TreeMap<Integer, Double> kor = new TreeMap<>();
    for (Row r : TableReader.read(spark, wh, Tables.MODEL_TARIFFS).where(col("scenario_id").equalTo("kor-cptpp")
        .and(col("importer").equalTo("JPN")).and(col("exporter").equalTo("KOR"))
        .and(col("sector").equalTo("electronics"))).select("year", "iceberg").collectAsList()) {
      kor.put(r.getInt(0), r.getDouble(1));
    }
    assertThat(kor.keySet()).contains(2022, 2027, 2031, 2036);
    assertThat(kor.headMap(2027).values()).isNotEmpty().allSatisfy(d -> assertThat(d).isEqualTo(1.0));
    assertThat(kor.get(2027)).isCloseTo(Math.pow(full, 0.1), within(1e-12));
    assertThat(kor.get(2031)).isCloseTo(Math.pow(full, 0.5), within(1e-12));
    assertThat(kor.get(2036)).isCloseTo(full, within(1e-12));
    long others = TableReader.read(spark, wh, Tables.MODEL_TARIFFS).where(col("iceberg").notEqual(1.0)
        .and(col("scenario_id").notEqual("kor-cptpp").or(col("importer").notEqual("KOR")
            .and(col("exporter").notEqual("KOR"))).or(col("sector").equalTo("services")))).count();
    assertThat(others).isZero();
    assertThat(TableReader.read(spark, wh, Tables.SCENARIO_TRADE_COSTS).where(col("scenario_id")
        .equalTo("kor-cptpp")).count()).isPositive();
  }

  /** SMART for every market of the demo's warehouse: each market's diversion sums to zero. */
  @Test
  void smartDiversionSumsToZeroInEveryMarket() throws Exception {
    LauncherContractTest.Outcome o = LauncherContractTest.run("smart", "--warehouse", wh.root(), "--scenario",
        "kor-jpn-fta");
    ok(o);
    assertThat(o.err()).contains("kor-jpn-fta, SMART").contains("KOR from JPN");
    List<Row> markets = spark.read().format("delta").load(wh.root() + "/smart_effects")
        .groupBy("importer", "hs6").agg(org.apache.spark.sql.functions.sum("trade_diversion_usd").alias("td"),
            org.apache.spark.sql.functions.sum("imports_usd").alias("m"),
            org.apache.spark.sql.functions.sum("trade_creation_usd").alias("tc")).collectAsList();
    assertThat(markets).hasSizeGreaterThan(1000);
    assertThat(markets).allSatisfy(r -> assertThat(Math.abs(r.getDouble(2))).as(r.toString())
        .isLessThanOrEqualTo(1e-9 * r.getDouble(3)));
    assertThat(markets.stream().mapToDouble(r -> r.getDouble(4)).sum()).as("Korea-Japan cuts create trade")
        .isPositive();
    Row summary = spark.read().format("delta").load(wh.root() + "/smart_summary")
        .where("importer = 'KOR' and exporter = 'JPN' and level = 'total'").first();
    assertThat(summary.<Double>getAs("trade_creation_usd")).isPositive();
    assertThat(summary.<Double>getAs("revenue_after_usd")).isLessThan(summary.<Double>getAs("revenue_before_usd"));

    // an elasticity file in the Kee-Nicita-Olarreaga layout: its market takes its value (the magnitude), others 1.5
    Row market = spark.read().format("delta").load(wh.root() + "/smart_effects")
        .where("importer = 'KOR' and exporter = 'JPN' and tariff_before <> tariff_after").orderBy("hs6").first();
    String hs6 = market.getAs("hs6");
    Path kno = TestSpark.newDir("kno").resolve("import_demand_elasticities.csv");
    java.nio.file.Files.writeString(kno, "importer,hs6,elasticity\n410," + Integer.parseInt(hs6) + ",-2.75\n");
    LauncherContractTest.Outcome withFile = LauncherContractTest.run("smart", "--warehouse", wh.root(), "--scenario",
        "kor-jpn-fta", "--set", "smart.import_demand_file=" + kno);
    ok(withFile);
    Map<Double, Long> etas = new HashMap<>();
    for (Row r : spark.read().format("delta").load(wh.root() + "/smart_effects")
        .where("importer = 'KOR'").groupBy("hs6", "import_demand").count().collectAsList()) {
      etas.merge(r.getDouble(1), 1L, Long::sum);
      if (r.getString(0).equals(hs6)) {
        assertThat(r.getDouble(1)).isEqualTo(2.75);
      }
    }
    assertThat(etas).containsOnlyKeys(2.75, 1.5).containsEntry(2.75, 1L);
    ok(LauncherContractTest.run("smart", "--warehouse", wh.root(), "--scenario", "kor-jpn-fta"));

    // the smart sweep draws over the same markets and their elasticities
    Path config = TestSpark.newDir("smart-sweep").resolve("smart.yaml");
    java.nio.file.Files.writeString(config, """
        sweep:
          model: smart
          scenario_id: kor-jpn-fta
          design: latin_hypercube
          draws: 6
          parameters:
            - {name: import_demand_scale, dist: lognormal, median: 1.0, log_sd: 0.3}
            - {name: substitution, dist: uniform, low: 0.5, high: 3.0}
        """);
    LauncherContractTest.Outcome sweep = LauncherContractTest.run("sweep", "--warehouse", wh.root(), "--config",
        config.toString(), "--run-id", "smart-sweep-1");
    ok(sweep);
    assertThat(sweep.err()).contains("SMART markets").contains("of smart_effects, scenario kor-jpn-fta");
    long changed = spark.read().format("delta").load(wh.root() + "/smart_effects")
        .where("scenario_id = 'kor-jpn-fta' and tariff_before <> tariff_after").select("importer", "hs6").distinct()
        .count();
    assertThat(spark.read().format("delta").load(wh.root() + "/sweep_draws")
        .where("run_id = 'smart-sweep-1' and metric = 'trade_creation'").count()).isEqualTo(6 * changed);
    // the run says which version of its input it read: the latest, as nothing wrote smart_effects since
    Row run = TableReader.read(spark, wh, Tables.RUNS).where("run_id = 'smart-sweep-1'").first();
    scala.collection.Map<String, Long> read = run.getAs("tables_read");
    long latest = io.delta.tables.DeltaTable.forPath(spark, wh.root() + "/smart_effects").history(1).first()
        .<Long>getAs("version");
    assertThat(read.get("smart_effects").get()).isEqualTo(latest);
    assertThat(read.contains("runs")).isFalse();
  }

  @Test
  void demoPrintsOneJsonLineRecordsItsRunAndExportsItsResultSets() throws Exception {
    assertThat(demo.outLines()).hasSize(1);
    JsonNode s = demo.summary(false);
    assertThat(s.get("job").asText()).isEqualTo("demo");
    assertThat(s.get("run_id").asText()).isEqualTo(RUN);
    assertThat(s.get("status").asText()).isEqualTo("ok");
    assertThat(s.get("seconds").asDouble()).isPositive();
    assertThat(s.get("counts").get("runs_in_warehouse").asLong()).isEqualTo(1);
    assertThat(s.get("counts").get("sweep_draws").asLong()).isEqualTo(DRAWS);
    assertThat(s.get("counts").get("failed_draws").asLong()).isZero();
    assertThat(s.get("tables").toString()).contains("runs", "model_inputs", "model_tariffs", "sweep_draws");
    assertThat(demo.err()).contains("[8/8] report", "== kor-cptpp: year 1 = 2027");
    for (TableDef t : DemoJob.RESULT_SETS) {
      assertThat(s.get("counts").get("exported_" + t.name()).asLong()).as(t.name()).isPositive();
      assertThat(spark.read().parquet(wh.root() + "/results/" + t.name()).count()).as(t.name())
          .isEqualTo(s.get("counts").get("exported_" + t.name()).asLong());
    }
    assertThat(spark.read().parquet(wh.root() + "/results/headline").count()).isPositive();
    Row run = TableReader.read(spark, wh, Tables.RUNS).where(col("run_id").equalTo(RUN)).first();
    assertThat(run.<String>getAs("status")).isEqualTo("ok");
  }

  @Test
  void theTariffEngineGivesTheSamplesOwnMfnAveragesAndRcepPhaseIn() {
    // The sample's own staging engine, on the same world, against what ingest + tariffs made of its files.
    SampleWorld world = new SampleWorld(SampleSpec.small(99, 2022, 2022).withCounts(8, 700));
    TariffSample.Schedules schedules = TariffSample.build(world);
    Map<String, Row> agg = new HashMap<>();
    for (Row r : TableReader.read(spark, wh, Tables.TARIFF_AGGREGATES).where(col("run_id").equalTo(RUN)
        .and(col("level").isin("total", "wto_group")).and(col("importer").isin("KOR", "JPN"))).collectAsList()) {
      agg.put(r.getAs("scenario_id") + "|" + r.getAs("year") + "|" + r.getAs("importer") + "|" + r.getAs("exporter")
          + "|" + r.getAs("code"), r);
    }
    Predicate<String> ag = HsGroups::isAgricultural;
    for (String imp : List.of("KOR", "JPN")) {
      String[] codes = {"ALL", "AG", "NAMA"};
      List<Predicate<String>> groups = List.of(x -> true, ag, ag.negate());
      for (int g = 0; g < 3; g++) {
        double got = agg.get("baseline|2022|" + imp + "|MFN|" + codes[g]).getAs("simple_avg");
        assertThat(got).as(imp + " " + codes[g]).isCloseTo(sampleAverage(schedules.mfn().get(imp), groups.get(g)),
            within(1e-9));
      }
    }
    AgreementBook book = AgreementBook.bundled();
    for (String[] pair : new String[][] {{"KOR", "JPN"}, {"JPN", "KOR"}}) {
      double previous = Double.MAX_VALUE;
      long lines = schedules.mfn().get(pair[0]).stream().map(l -> l.code().substring(0, 6)).distinct().count();
      for (int year = 2022; year <= 2036; year++) {
        double got = agg.get("baseline|" + year + "|" + pair[0] + "|" + pair[1] + "|ALL").getAs("simple_avg");
        double[] own = schedules.hs6Applied(pair[0], pair[1], year, book, world.hs());
        double mean = Arrays.stream(own).filter(Double::isFinite).sum() / lines;
        assertThat(got).as(pair[0] + " from " + pair[1] + " " + year).isCloseTo(mean, within(1e-9))
            .isLessThanOrEqualTo(previous);
        if (year <= 2031) {
          assertThat(got).as("an RCEP cut every year until 2031").isLessThan(previous);
        }
        previous = got;
      }
      // the FTA ends at zero; the variant without its sensitive lines keeps some duty; nothing before 2027
      assertThat(agg.get("kor-jpn-fta|2036|" + pair[0] + "|" + pair[1] + "|ALL").<Double>getAs("simple_avg"))
          .isCloseTo(0.0, within(1e-12));
      assertThat(agg.get("kor-jpn-fta-excl-sensitive|2036|" + pair[0] + "|" + pair[1] + "|ALL")
          .<Double>getAs("simple_avg")).isBetween(0.01, previous);
      assertThat(agg).doesNotContainKey("kor-jpn-fta|2026|" + pair[0] + "|" + pair[1] + "|ALL");
    }
  }

  private static double sampleAverage(List<TariffSample.Line> lines, Predicate<String> group) {
    Map<String, double[]> hs6 = new LinkedHashMap<>();
    for (TariffSample.Line l : lines) {
      double[] a = hs6.computeIfAbsent(l.code().substring(0, 6), k -> new double[2]);
      a[0] += l.applied();
      a[1]++;
    }
    return hs6.entrySet().stream().filter(e -> group.test(e.getKey())).mapToDouble(e -> e.getValue()[0]
        / e.getValue()[1]).average().orElseThrow();
  }

  /**
   * The demo built its model inputs from the sample's ICIO table; the sample's CP-layout folder, under other
   * partitioning, gives the same model_tariffs and the same model_inputs to 1e-9 (relative).
   */
  @Test
  void theIcioTableAndTheCpFolderGiveTheSameModelInputsWhateverThePartitioning() {
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "5");
    try {
      ok(LauncherContractTest.run("model-inputs", "--io", sample.resolve("model").toString(), "--io-format", "cp",
          "--set", "inputs.id=again", "--set", "tariffs.weight_year=2022", "--warehouse", wh.root()));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
    var tariffs = TableReader.read(spark, wh, Tables.MODEL_TARIFFS);
    var cols = new String[] {"scenario_id", "year", "importer", "exporter", "sector", "tariff", "weight_usd", "n_hs6",
        "basis"};
    var a = tariffs.where(col("inputs_id").equalTo("default")).selectExpr(cols);
    var b = tariffs.where(col("inputs_id").equalTo("again")).selectExpr(cols);
    assertThat(a.count()).isPositive().isEqualTo(b.count());
    assertThat(a.exceptAll(b).count()).isZero();
    var inputs = TableReader.read(spark, wh, Tables.MODEL_INPUTS);
    var keys = new String[] {"item", "region", "sector", "other", "ordinal"};
    var icio = inputs.where(col("inputs_id").equalTo("default")).selectExpr(keys[0], keys[1], keys[2], keys[3],
        keys[4], "value as icio");
    var cp = inputs.where(col("inputs_id").equalTo("again")).selectExpr(keys[0], keys[1], keys[2], keys[3], keys[4],
        "value as cp");
    assertThat(icio.count()).isGreaterThan(1000).isEqualTo(cp.count());
    var joined = icio.join(cp, scala.jdk.javaapi.CollectionConverters.asScala(List.of(keys)).toList(), "full_outer");
    assertThat(joined.where("icio is null or cp is null").count()).isZero();
    Row worst = joined.selectExpr("max(abs(icio - cp) / greatest(1.0, abs(cp)))", "count(*)").first();
    assertThat(worst.getDouble(0)).as("largest relative difference of %d values", worst.getLong(1))
        .isLessThanOrEqualTo(1e-9);
    assertThat(joined.where("item = 'io_trade'").count()).isPositive();
  }

  @Test
  void theModelInputsRebuildTheSamplesOwnModelDataFromTheTables() {
    // The sample wrote its model data from the same flows and its own staging engine's rates; model-inputs rebuilt
    // them from trade_flows and tariff_effective: same trade, and the same trade-weighted tariffs (the sample's
    // files carry six decimals).
    CpData own = CpLayout.read(sample.resolve("model"));
    ModelTables.Loaded stored = ModelTables.load(spark, wh, "default", List.of(), 0, 0);
    CpData rebuilt = stored.data();
    assertThat(rebuilt.regions()).isEqualTo(own.regions());
    assertThat(rebuilt.sectors()).isEqualTo(own.sectors());
    assertThat(stored.referenceYear()).isEqualTo(2022);
    double maxTrade = 0;
    double maxTariff = 0;
    int compared = 0;
    for (int p = 0; p < own.trade().length; p++) {
      maxTrade = Math.max(maxTrade, Math.abs(rebuilt.trade()[p] - own.trade()[p]) / Math.max(1e-9,
          Math.abs(own.trade()[p])));
      if (own.trade()[p] > 0) {
        maxTariff = Math.max(maxTariff, Math.abs(rebuilt.tariff()[p] - own.tariff()[p]));
        compared++;
      }
    }
    assertThat(maxTrade).as("relative trade difference").isLessThan(1e-6);
    assertThat(maxTariff).as("tariff difference, " + compared + " cells with trade").isLessThan(6e-7);
    assertThat(compared).isGreaterThan(1000);
    // Both scenarios enter into force in 2027 and end in 2036; tariffs on Korea-Japan trade end at zero.
    CpTariffPath path = stored.path();
    assertThat(path.years()).containsExactly(2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035, 2036);
    int kor = rebuilt.regions().indexOf("KOR");
    int jpn = rebuilt.regions().indexOf("JPN");
    int fta = path.scenarios().indexOf("kor-jpn-fta");
    for (int s = 0; s < rebuilt.j(); s++) {
      assertThat(path.scenario()[fta][path.years().length - 1][rebuilt.pair(s, kor, jpn)]).isZero();
      assertThat(path.scenario()[fta][path.years().length - 1][rebuilt.pair(s, jpn, kor)]).isZero();
    }
  }

  @Test
  void theTimePathMovesMonotonicallyTowardTheLongRunWhileTariffsOnlyFall() {
    // Under kor-jpn-fta every Korea-Japan rate falls or stays, year by year, on top of a baseline whose own rates
    // also only fall. Each draw's path of welfare and real GDP for Korea and Japan then moves toward its long-run
    // value without turning back.
    ModelTables.Loaded stored = ModelTables.load(spark, wh, "default", List.of("kor-jpn-fta"), 0, 0);
    double[][] tau = stored.path().scenario()[0];
    for (int y = 1; y < tau.length; y++) {
      for (int p = 0; p < tau[y].length; p++) {
        assertThat(tau[y][p]).isLessThanOrEqualTo(tau[y - 1][p] + 1e-15);
      }
    }
    List<Row> rows = TableReader.read(spark, wh, Tables.SWEEP_DRAWS).where(col("run_id").equalTo(sweepRun)
            .and(col("scenario_id").equalTo("kor-jpn-fta")).and(col("metric").isin("welfare_pct", "real_gdp_pct"))
            .and(col("country").isin("KOR", "JPN")).and(col("closure").equalTo("fixed")))
        .select("draw_id", "metric", "country", "year", "value").collectAsList();
    Map<String, TreeMap<Integer, Double>> paths = new HashMap<>();
    for (Row r : rows) {
      paths.computeIfAbsent(r.getLong(0) + " " + r.getString(1) + " " + r.getString(2), k -> new TreeMap<>())
          .put(r.getInt(3), r.getDouble(4));
    }
    assertThat(paths).hasSize(DRAWS * 2 * 2);
    for (Map.Entry<String, TreeMap<Integer, Double>> e : paths.entrySet()) {
      List<Double> v = new ArrayList<>(e.getValue().values());
      assertThat(v).as(e.getKey()).hasSize(10);
      double longRun = v.get(v.size() - 1);
      for (int y = 1; y < v.size(); y++) {
        assertThat(Math.abs(longRun - v.get(y))).as(e.getKey() + " year " + (2027 + y) + ": " + v)
            .isLessThanOrEqualTo(Math.abs(longRun - v.get(y - 1)) + 1e-9);
      }
      // and the first year is already on the way: same sign as the long run
      assertThat(Math.signum(v.get(0))).as(e.getKey() + ": " + v).isEqualTo(Math.signum(longRun));
    }
  }

  private Row draw7(String closure) {
    return TableReader.read(spark, wh, Tables.SWEEP_DRAWS).where(col("run_id").equalTo(sweepRun)
        .and(col("draw_id").equalTo(7L)).and(col("scenario_id").equalTo("kor-jpn-fta"))
        .and(col("metric").equalTo("welfare_pct")).and(col("country").equalTo("KOR")).and(col("year").equalTo(2036))
        .and(col("closure").equalTo(closure))).first();
  }

  /** θ as a draw sets it: the common scale first, then a sector's own value where the draw has one. */
  private static double[] drawnTheta(CpData data, Map<String, Double> params) {
    double[] theta = data.theta().clone();
    for (int s = 0; s < theta.length; s++) {
      theta[s] *= params.get("theta.scale");
      Double own = params.get("theta." + data.sectors().get(s));
      if (own != null) {
        theta[s] = own;
      }
    }
    return theta;
  }

  /** The demo's sweep config: capital a third of value added in every cell. */
  private static double[] demoShares(CpData data) {
    double[] shares = new double[data.n() * data.j()];
    java.util.Arrays.fill(shares, 0.3333333333);
    return shares;
  }

  @Test
  void aReportedWelfareTracesBackToTheStoredInputsThroughTheModel() {
    // Draw 7's Korea welfare in the long run of kor-jpn-fta, recomputed from model_inputs and model_tariffs with
    // the draw's stored parameters by a cold call of the model (no warm start, no sweep code).
    Row draw = draw7("fixed");
    Map<String, Double> params = draw.getJavaMap(draw.fieldIndex("parameters"));
    ModelTables.Loaded stored = ModelTables.load(spark, wh, "default", List.of("kor-jpn-fta"), 0, 0);
    CpData data = stored.data();
    double[] theta = drawnTheta(data, params);
    int last = stored.path().years().length - 1;
    double u = params.get("utilisation");
    double[] baseline = stored.path().baseline()[last];
    double[] scenario = stored.path().scenario()[0][last];
    double[] used = new double[scenario.length];
    for (int p = 0; p < used.length; p++) {
      used[p] = baseline[p] + u * (scenario[p] - baseline[p]);
    }
    CpSolver.Options options = new CpSolver.Options(TOLERANCE, 20_000, 5, 1.0, 0.15);
    CpComparison direct = CaliendoParro.run(new CpModel(data.withTheta(theta).withTariffs(baseline, used),
        demoShares(data)), CaliendoParro.Deficits.ZERO, options, Capital.Closure.FIXED, 0.06, 1)[0];
    double welfare = direct.welfarePct(data.regions().indexOf("KOR"));
    // both solves stop at a 1e-11 change in log unknowns from different starts
    assertThat(draw.<Double>getAs("value")).isCloseTo(welfare, within(1e-8));
    assertThat(welfare).isGreaterThan(0);
    assertThat(CpTariffPath.utilised(baseline, scenario, u)).containsExactly(used, within(0.0));
  }

  @Test
  void aRecursiveWelfareTracesBackToTheCapitalPathOfTheStoredInputs() {
    // The same draw under the recursive closure: both stocks from the data year's in 2027 (entry into force),
    // accumulated year by year with the draw's depreciation, solved by CapitalPath without the sweep's code.
    Row draw = draw7("recursive");
    Map<String, Double> params = draw.getJavaMap(draw.fieldIndex("parameters"));
    ModelTables.Loaded stored = ModelTables.load(spark, wh, "default", List.of("kor-jpn-fta"), 0, 0);
    CpData data = stored.data();
    double[] theta = drawnTheta(data, params);
    CpTariffPath path = stored.path();
    int first = path.first()[0];
    int years = path.years().length - first;
    assertThat(path.years()[first]).isEqualTo(2027);
    double[][] base = new double[years][];
    double[][] scenario = new double[years][];
    double[][] ones = new double[years][];
    double[] one = new double[data.n() * data.n() * data.j()];
    java.util.Arrays.fill(one, 1.0);
    for (int y = 0; y < years; y++) {
      assertThat(path.years()[first + y]).isEqualTo(2027 + y);
      base[y] = path.baseline()[first + y];
      scenario[y] = CpTariffPath.utilised(base[y], path.scenario()[0][first + y], params.get("utilisation"));
      ones[y] = one;
    }
    CpSolver solver = new CpSolver(new CpModel(data, demoShares(data)).withTheta(theta),
        new CpSolver.Options(TOLERANCE, 20_000, 5, 1.0, 0.15));
    double delta = params.get("depreciation");
    double[] k0 = Capital.fixed(data.n()).stock();
    double[] zero = new double[data.n()];
    CpEquilibrium[] b = CapitalPath.solve(solver, base, ones, zero, delta, k0, null);
    CpEquilibrium[] c = CapitalPath.solve(solver, scenario, ones, zero, delta, k0, null);
    CpComparison last = new CpComparison(b[years - 1], c[years - 1]);
    int kor = data.regions().indexOf("KOR");
    assertThat(draw.<Double>getAs("value")).isCloseTo(last.welfarePct(kor), within(1e-8));
    assertThat(last.capitalStockPct(kor)).isGreaterThan(0);
    assertThat(draw.<Double>getAs("value")).isGreaterThan(draw7("fixed").<Double>getAs("value"));
  }

  @Test
  void theReportGivesEveryScenarioWithBandsAndWritesTheHeadline() {
    String out = report.out();
    assertThat(out).contains("== kor-jpn-fta: year 1 = 2027, long run = 2036 (12 draws ok, 0 failed) ==")
        .contains("== kor-jpn-materials: year 1 = 2027, long run = 2036").contains("== kor-cptpp: year 1 = 2027")
        .contains("== kor-jpn-fta-excl-sensitive: year 1 = 2027").contains("KOR welfare")
        .contains("JPN real GDP").contains("KOR output, electronics").contains("KOR exports to JPN")
        .contains("-- capital fixed --").contains("-- capital recursive --").contains("KOR capital stock")
        .contains("KOR balance with JPN, USD m").contains("KOR real GDP, long run / year 1")
        .contains("drivers of KOR's long-run welfare (capital recursive): ");
    List<Row> headline = spark.read().parquet(Path.of(report.out().lines().filter(l -> l.startsWith("headline"))
        .findFirst().orElseThrow().substring("headline written to ".length())).toString()).collectAsList();
    assertThat(headline.stream().map(r -> r.<String>getAs("item")).distinct())
        .contains("welfare", "real_gdp", "capital_stock", "real_output", "exports_change_usd",
            "trade_balance_change_usd", "driver");
    Row welfare = headline.stream().filter(r -> r.getAs("scenario_id").equals("kor-jpn-fta")
        && r.getAs("item").equals("welfare") && r.getAs("country").equals("KOR")
        && r.getAs("horizon").equals("long_run") && r.getAs("closure").equals("fixed")).findFirst().orElseThrow();
    assertThat(welfare.<Double>getAs("p05")).isLessThanOrEqualTo(welfare.getAs("mean"));
    assertThat(welfare.<Double>getAs("p95")).isGreaterThanOrEqualTo(welfare.getAs("mean"));
    assertThat(welfare.<Long>getAs("n_ok")).isEqualTo((long) DRAWS);
  }
}
