package org.ftasim.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/** Writes one row of the {@code runs} table per job run, with MERGE on run_id. */
final class RunRecorder {
  private RunRecorder() {}

  static void record(SparkSession spark, JobContext ctx, String status, Instant start, Instant end,
      JobResult result, String error) {
    Row row = RowFactory.create(ctx.runId(), ctx.job(), status, ctx.loaded().yaml(), ctx.loaded().hash(),
        BuildInfo.codeVersion(), ctx.config().seed(), Timestamp.from(start), Timestamp.from(end),
        (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, result.counts(), result.tables(),
        spark.sparkContext().master(), error);
    Dataset<Row> df = spark.createDataFrame(List.of(row), Tables.RUNS.schema());
    TableWriter.merge(df, ctx.warehouse(), Tables.RUNS);
  }
}
