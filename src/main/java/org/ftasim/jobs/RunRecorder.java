package org.ftasim.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * One row of the {@code runs} table per job run: 'running' when the job starts, its outcome when it ends (MERGE on
 * run_id).
 */
final class RunRecorder {
  private RunRecorder() {}

  /**
   * Writes the 'running' row: a generated run id is new, so a blind append does it (no MERGE, no conflict); an id
   * the user gave (--run-id) may be a rerun's, whose row it replaces by MERGE. When {@code runs} exists the row is
   * written on a thread of its own while the job's work starts (a Delta commit is mostly waiting on the file
   * system); the first run of a warehouse creates the table before anything else does.
   */
  static CompletableFuture<Void> started(SparkSession spark, JobContext ctx, Instant start) {
    boolean rerun = ctx.args().value("--run-id").isPresent();
    Runnable append = () -> {
      Dataset<Row> row = rows(spark, ctx, "running", start, start, new JobResult(), null);
      if (rerun) {
        TableWriter.merge(row, ctx.warehouse(), Tables.RUNS);
      } else {
        TableWriter.append(row, ctx.warehouse(), Tables.RUNS);
      }
    };
    if (!TableReader.exists(spark, ctx.warehouse(), Tables.RUNS)) {
      append.run();
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(append, task -> {
      Thread t = new Thread(task, "ftasim-runs-record");
      t.setDaemon(true);
      t.start();
    });
  }

  static void record(SparkSession spark, JobContext ctx, String status, Instant start, Instant end,
      JobResult result, String error) {
    TableWriter.merge(rows(spark, ctx, status, start, end, result, error), ctx.warehouse(), Tables.RUNS);
  }

  private static Dataset<Row> rows(SparkSession spark, JobContext ctx, String status, Instant start, Instant end,
      JobResult result, String error) {
    Row row = RowFactory.create(ctx.runId(), ctx.job(), status, ctx.loaded().yaml(), ctx.loaded().hash(),
        BuildInfo.codeVersion(), ctx.config().seed(), Timestamp.from(start), Timestamp.from(end),
        (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, result.counts(), result.tables(),
        spark.sparkContext().master(), error);
    return spark.createDataFrame(List.of(row), Tables.RUNS.schema());
  }
}
