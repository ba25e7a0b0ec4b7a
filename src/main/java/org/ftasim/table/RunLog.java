package org.ftasim.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import scala.Option;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The {@code runs} table is a log: a row is appended when a run starts ('running'), one when it ends ('ok' or
 * 'failed'), and one when a later job finds it dead ('interrupted'); no row is ever updated. Appends are blind, so
 * recording a run takes no MERGE and conflicts with no other job's record. A run's state is its latest row.
 */
public final class RunLog {
  /** Files the log may gather before it is compacted: every append adds one, and every job reads them all. */
  public static final int COMPACT_AT_FILES = 64;

  private RunLog() {}

  /**
   * Compacts the log into one file once it holds {@code threshold} files or more, and says whether it did. Not Delta's
   * auto compaction: that looks at the table's files after every commit, which in a cold JVM costs each append some
   * 4 s (a snapshot's state rebuilt by a Spark job); this looks after a read that built that state anyway.
   */
  public static boolean compactIfMany(SparkSession spark, Warehouse warehouse, int threshold) {
    DeltaLog log = DeltaLog.forTable(spark, warehouse.path(Tables.RUNS));
    if (log.update(false, Option.empty(), Option.empty()).numOfFiles() < threshold) {
      return false;
    }
    DeltaTable.forPath(spark, warehouse.path(Tables.RUNS)).optimize().executeCompaction();
    return true;
  }

  /**
   * One row per run id, its latest: the latest attempt first (a rerun under the same {@code --run-id} starts later,
   * and every row of an attempt carries that attempt's {@code started_at}), then an outcome over 'running' (so a
   * clock that steps back between a run's start and its end cannot leave a finished run looking alive), then the
   * latest {@code ended_at}.
   */
  public static Dataset<Row> latest(Dataset<Row> events) {
    WindowSpec newestFirst = Window.partitionBy("run_id").orderBy(col("started_at").desc(),
        when(col("status").equalTo("running"), 0).otherwise(1).desc(), col("ended_at").desc(),
        col("error").asc_nulls_last());
    return events.withColumn("_newest", row_number().over(newestFirst)).where(col("_newest").equalTo(1))
        .drop("_newest");
  }
}
