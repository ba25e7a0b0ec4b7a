package org.ftasim.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.table.TableDef;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * {@code ftasim demo}: every pipeline stage that exists, in order, on the embedded sample world, then a short
 * summary on stderr. Stages join as they are built; today: the warehouse's tables are created with their
 * catalog schemas, and the runs table is read back to check this run's own 'running' row landed.
 */
public final class DemoJob {
  public static final JobSpec SPEC = new JobSpec("demo", "Run every pipeline stage on the embedded sample world",
      Map.of(), Set.of(), Map.of(), null, true, false);

  private DemoJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, DemoJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) {
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
    long runs = all.size();
    result.count("runs_in_warehouse", runs);

    ctx.err().printf("ftasim demo: warehouse %s holds %d tables; runs table has %d run(s), this one %s%n",
        ctx.warehouse().root(), Tables.all().size(), runs, ctx.runId());
    return result;
  }
}
