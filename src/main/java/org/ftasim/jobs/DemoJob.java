package org.ftasim.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.ConfigLoader;
import org.ftasim.config.FtasimConfig;
import org.ftasim.config.LoadedConfig;
import org.ftasim.tariff.Scenario;
import org.ftasim.sample.ModelSample;
import org.ftasim.sample.SampleSpec;
import org.ftasim.table.TableDef;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * {@code ftasim demo}: the whole pipeline on the embedded sample world, with progress on stderr: the sample world is
 * generated in the real input formats under {@code <warehouse>/sample}; its BACI files are ingested into
 * {@code trade_flows} (rejects checked against what the sample planted); its tariff files go through the tariff
 * engine for the baseline and the four shipped scenarios; the model inputs are built from those tables and the
 * sample's ICIO table; a Latin-hypercube sweep of the phase-in model runs over all scenarios
 * (conf/sweeps/kj-default.yaml, {@value #DRAWS} draws or {@code --draws}); the catalog's tables that no stage wrote
 * are created; the result sets are exported as Parquet to {@code <warehouse>/results/<table>/}; and the headline
 * report is printed (stderr) and written beside them. The world's size options are those of {@code generate-sample},
 * so a quick run can use a smaller world.
 */
public final class DemoJob {
  public static final JobSpec SPEC = new JobSpec("demo", "Run every pipeline stage on the embedded sample world",
      options(), Set.of(), Map.of(), null, true, false);

  /** The demo's tariffs run to the end of the Korea-Japan scenarios' phase-in (10 cuts from 2027). */
  static final int TARIFF_LAST_YEAR = 2036;
  /** The demo's aggregation levels: what the notebooks read (HS4 is the largest level and left to users). */
  static final List<String> DEMO_LEVELS = List.of("total", "wto_group", "hs_section", "hs2", "sector");

  /** The demo's sweep: enough draws for bands and regression-based drivers, few enough for a laptop. */
  static final int DRAWS = 64;
  /** The result sets the demo exports for notebooks (the run's rows). */
  static final List<TableDef> RESULT_SETS = List.of(Tables.TARIFF_AGGREGATES, Tables.MODEL_TARIFFS,
      Tables.SWEEP_SUMMARY, Tables.SWEEP_SENSITIVITY, Tables.SWEEP_DRAWS, Tables.INGEST_METRICS,
      Tables.IMPORT_DEPENDENCE, Tables.SMART_SUMMARY);
  /** The scenario the demo's SMART step evaluates, at the end of its phase-in. */
  static final String SMART_SCENARIO = "kor-jpn-fta";

  private DemoJob() {}

  /** A step's header on stderr, with the seconds since the demo started. */
  private static void step(JobContext ctx, long t0, String text) {
    ctx.err().printf("ftasim demo: %5.1f s %s%n", (System.nanoTime() - t0) / 1e9, text);
  }

  private static Map<String, String> options() {
    Map<String, String> m = new java.util.LinkedHashMap<>(GenerateSampleJob.WORLD_OPTIONS);
    m.put("--draws", "draws of the demo's sweep (default " + DRAWS + ")");
    return m;
  }

  public static void main(String[] args) {
    Launcher.main(SPEC, DemoJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws Exception {
    long t0 = System.nanoTime();
    JobResult result = new JobResult();
    ctx.runRecorded().join();
    List<Row> all = TableReader.read(spark, ctx.warehouse(), Tables.RUNS).select("run_id", "status").collectAsList();
    List<Row> own = all.stream().filter(r -> ctx.runId().equals(r.getString(0))).toList();
    if (own.size() != 1 || !"running".equals(own.get(0).getString(1))) {
      throw new IllegalStateException("the runs table does not hold exactly one 'running' row for run "
          + ctx.runId() + " (found " + own + ")");
    }
    result.count("runs_in_warehouse", all.size());

    SampleSpec spec = GenerateSampleJob.spec(ctx);
    String sample = ctx.warehouse().root() + "/sample";
    step(ctx, t0, String.format("[1/8] generating the sample world in %s", sample));
    JobResult generated = GenerateSampleJob.generate(spark, spec, sample,
        4 * spark.sparkContext().defaultParallelism(), ctx);
    result.count("sample_flows", generated.counts().get("flows"));
    result.count("sample_tariff_lines", generated.counts().get("tariff_lines"));

    step(ctx, t0, "[2/8] ingesting its BACI files");
    JobResult ingested = IngestFlowsJob.ingestBaci(spark, ctx, List.of(sample + "/baci"), 32L << 20);
    long rejected = ingested.counts().get("rejected");
    // the sample plants five bad lines in its last year's file; anything else rejected is a defect
    if (rejected != 5 || ingested.counts().get("accepted").longValue() != generated.counts().get("flows")) {
      throw new IllegalStateException("the sample's ingest accepted " + ingested.counts().get("accepted") + " of "
          + generated.counts().get("flows") + " flows and rejected " + rejected + " lines (5 are planted)");
    }
    result.count("flows_ingested", ingested.counts().get("accepted")).count("lines_rejected", rejected);
    ingested.tables().forEach(result::table);
    ctx.err().printf("ftasim demo: %,d flows ingested into %s, %d planted bad lines rejected%n",
        ingested.counts().get("accepted"), ctx.warehouse().root(), rejected);

    step(ctx, t0, String.format("[3/8] tariffs: baseline and %d scenarios, %d-%d", Scenario.SHIPPED.size(),
        spec.referenceYear(), TARIFF_LAST_YEAR));
    FtasimConfig.Tariffs defaults = ctx.config().tariffs();
    FtasimConfig.Tariffs tariffs = new FtasimConfig.Tariffs(List.of(), defaults.agreements(),
        Scenario.SHIPPED.stream().map(id -> Scenario.BUNDLED_PREFIX + id).toList(), spec.referenceYear(),
        Math.max(TARIFF_LAST_YEAR, spec.referenceYear()), spec.referenceYear(), defaults.sectors(), defaults.peak(),
        DEMO_LEVELS);
    JobResult rates = TariffsJob.run(spark, ctx, tariffs, List.of(sample + "/tariffs"));
    if (rates.counts().get("schedule_rejects") != 0) {
      throw new IllegalStateException("the sample's tariff files had " + rates.counts().get("schedule_rejects")
          + " rejected lines; they plant none");
    }
    result.count("tariff_lines_ingested", rates.counts().get("schedule_lines"))
        .count("tariff_effective_rows", rates.counts().get("effective_rows"))
        .count("tariff_aggregate_rows", rates.counts().get("aggregate_rows"));
    rates.tables().forEach(result::table);

    step(ctx, t0, "[4/8] model inputs: the sample's ICIO table with its trade and tariffs");
    FtasimConfig.Inputs inputs = ctx.config().inputs();
    JobResult built = ModelInputsJob.run(spark, ctx, inputs, sample + "/" + ModelSample.icioFile(spec.referenceYear()),
        "icio", spec.referenceYear());
    if (built.counts().getOrDefault("trade_vs_io_max_rel_diff_ppm", 0L) > 1) {
      throw new IllegalStateException("the sample's trade_flows, mapped to sectors, differ from its model data's trade"
          + " by " + built.counts().get("trade_vs_io_max_rel_diff_ppm") + " ppm; they are built from the same flows");
    }
    result.count("model_tariff_rows", built.counts().get("model_tariff_rows"));
    built.tables().forEach(result::table);

    int draws = ctx.args().value("--draws").map(v -> GenerateSampleJob.positive("--draws", v)).orElse(DRAWS);
    FtasimConfig.Solver solver = ctx.config().solver();
    LoadedConfig sweepConfig = ConfigLoader.bundled("sweeps/kj-default.yaml", List.of("seed=" + ctx.config().seed(),
        "sweep.draws=" + draws, "sweep.fta.inputs=" + inputs.id(), "sweep.progress_seconds=5",
        "solver.tolerance=" + solver.tolerance(), "solver.max_iterations=" + solver.maxIterations(),
        "solver.memory=" + solver.memory(), "solver.wage_step=" + solver.wageStep()));
    step(ctx, t0, String.format("[5/8] sweep: %d Latin-hypercube draws of the phase-in model, every scenario",
        draws));
    JobContext sweepCtx = new JobContext(ctx.job(), ctx.runId(), ctx.warehouse(), sweepConfig, ctx.args(), ctx.out(),
        ctx.err(), ctx.runRecorded());
    JobResult swept = SweepJob.run(spark, sweepCtx);
    result.count("sweep_draws", swept.counts().get("draws")).count("failed_draws", swept.counts().get("failed_draws"))
        .count("sweep_draw_rows", swept.counts().get("draw_rows"));
    swept.tables().forEach(result::table);

    step(ctx, t0, "[6/8] tariff-line analytics: import dependence, and SMART of " + SMART_SCENARIO);
    JobResult dependence = DependenceJob.run(spark, ctx, null);
    JobResult smart = SmartJob.run(spark, ctx, SMART_SCENARIO, null);
    result.count("dependence_markets", dependence.counts().get("markets"))
        .count("smart_lines", smart.counts().get("lines"));
    dependence.tables().forEach(result::table);
    smart.tables().forEach(result::table);

    // Each stage creates the tables it writes, with their first rows (a replace into a table created empty reads
    // its state back, seconds each); the catalog's other tables are created now, so the warehouse holds them all.
    for (TableDef t : Tables.all()) {
      TableWriter.ensure(spark, ctx.warehouse(), t);
    }
    result.count("catalog_tables", Tables.all().size());
    ctx.err().printf("ftasim demo: warehouse %s holds the catalog's %d tables%n", ctx.warehouse().root(),
        Tables.all().size());

    String results = ctx.warehouse().root() + "/results";
    step(ctx, t0, String.format("[7/8] exporting the result sets to %s", results));
    ExportJob.exportAll(spark, ctx.warehouse(), RESULT_SETS, ctx.runId(), results, ctx.config().export().files())
        .forEach((table, rows) -> result.count("exported_" + table, rows));

    step(ctx, t0, "[8/8] report");
    // on stderr with the progress: the demo's stdout is its one-line JSON summary
    JobResult report = ReportJob.run(spark, sweepCtx, ctx.runId(), results, ctx.err());
    result.count("headline_rows", report.counts().get("headline_rows"));
    step(ctx, t0, "done");
    return result;
  }
}
