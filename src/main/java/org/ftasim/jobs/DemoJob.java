package org.ftasim.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.FtasimConfig;
import org.ftasim.tariff.Scenario;
import org.ftasim.sample.SampleSpec;
import org.ftasim.table.TableDef;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * {@code ftasim demo}: every pipeline stage that exists, in order, on the embedded sample world, then a short
 * summary on stderr. Today: the catalog's tables are created; the sample world is generated in the real input
 * formats under {@code <warehouse>/sample}; its BACI files are ingested into {@code trade_flows}, and the rejects
 * are checked against what the sample planted. The world's size options are those of {@code generate-sample}, so a
 * quick run can use a smaller world.
 */
public final class DemoJob {
  public static final JobSpec SPEC = new JobSpec("demo", "Run every pipeline stage on the embedded sample world",
      options(), Set.of(), Map.of(), null, true, false);

  /** The demo's tariffs run to the end of the Korea-Japan scenarios' phase-in (10 cuts from 2027). */
  static final int TARIFF_LAST_YEAR = 2036;
  /** The demo's aggregation levels: what the notebooks read (HS4 is the largest level and left to users). */
  static final List<String> DEMO_LEVELS = List.of("total", "wto_group", "hs_section", "hs2", "sector");

  private DemoJob() {}

  private static Map<String, String> options() {
    return GenerateSampleJob.WORLD_OPTIONS;
  }

  public static void main(String[] args) {
    Launcher.main(SPEC, DemoJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws Exception {
    JobResult result = new JobResult();
    for (TableDef t : Tables.all()) {
      TableWriter.ensure(spark, ctx.warehouse(), t);
    }
    result.count("catalog_tables", Tables.all().size());

    List<Row> all = TableReader.read(spark, ctx.warehouse(), Tables.RUNS).select("run_id", "status").collectAsList();
    List<Row> own = all.stream().filter(r -> ctx.runId().equals(r.getString(0))).toList();
    if (own.size() != 1 || !"running".equals(own.get(0).getString(1))) {
      throw new IllegalStateException("the runs table does not hold exactly one 'running' row for run "
          + ctx.runId() + " (found " + own + ")");
    }
    result.count("runs_in_warehouse", all.size());

    SampleSpec spec = GenerateSampleJob.spec(ctx);
    String sample = ctx.warehouse().root() + "/sample";
    ctx.err().printf("ftasim demo: [1/3] generating the sample world in %s%n", sample);
    JobResult generated = GenerateSampleJob.generate(spark, spec, sample,
        4 * spark.sparkContext().defaultParallelism(), ctx);
    result.count("sample_flows", generated.counts().get("flows"));
    result.count("sample_tariff_lines", generated.counts().get("tariff_lines"));

    ctx.err().printf("ftasim demo: [2/3] ingesting its BACI files%n");
    JobResult ingested = IngestFlowsJob.ingestBaci(spark, ctx, List.of(sample + "/baci"), 32L << 20);
    long rejected = ingested.counts().get("rejected");
    // the sample plants five bad lines in its last year's file; anything else rejected is a defect
    if (rejected != 5 || ingested.counts().get("accepted").longValue() != generated.counts().get("flows")) {
      throw new IllegalStateException("the sample's ingest accepted " + ingested.counts().get("accepted") + " of "
          + generated.counts().get("flows") + " flows and rejected " + rejected + " lines (5 are planted)");
    }
    result.count("flows_ingested", ingested.counts().get("accepted")).count("lines_rejected", rejected);
    ingested.tables().forEach(result::table);
    ctx.err().printf("ftasim demo: warehouse %s holds %d tables; %,d flows ingested, %d planted bad lines rejected%n",
        ctx.warehouse().root(), Tables.all().size(), ingested.counts().get("accepted"), rejected);

    ctx.err().printf("ftasim demo: [3/3] tariffs: baseline and %d scenarios, %d-%d%n", Scenario.SHIPPED.size(),
        spec.referenceYear(), TARIFF_LAST_YEAR);
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
    return result;
  }
}
