package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.table.RunCommits;
import org.ftasim.table.RunLog;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * Records each job run in the {@code runs} log ({@link org.ftasim.table.RunLog}): a 'running' row when the job
 * starts, its outcome when it ends, both blind appends.
 */
final class RunRecorder {
  private RunRecorder() {}

  /**
   * The 'running' row's write (with the check for interrupted runs), which every curated table waits for, and the
   * log's upkeep after it, which the outcome's write waits for.
   */
  record Started(CompletableFuture<Void> recorded, CompletableFuture<Void> upkeep) {}

  /**
   * Appends the 'running' row (a rerun under a given --run-id too: its new start time makes it the run's latest).
   * When {@code runs} exists the row is written on a thread of its own while the job's work starts (a Delta commit
   * is mostly waiting on the file system), and the log is compacted after it once it has gathered many files; the
   * first run of a warehouse creates the table before anything else does.
   */
  static Started started(SparkSession spark, JobContext ctx, Instant start) {
    boolean created = !TableReader.exists(spark, ctx.warehouse(), Tables.RUNS);
    Runnable append = () -> {
      TableWriter.append(rows(spark, ctx, "running", start, start, new JobResult(), null), ctx.warehouse(),
          Tables.RUNS);
      if (created) {
        // a table this run created holds no run of a driver that is gone: nothing to look for
        return;
      }
      try {
        markInterrupted(spark, ctx);
      } catch (RuntimeException e) {
        // checking other runs must never cost this one its record
        ctx.err().println("ftasim " + ctx.job() + ": note: could not check table runs for interrupted runs: " + e);
      }
    };
    if (created) {
      append.run();
      CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
      return new Started(done, done);
    }
    CompletableFuture<Void> recorded = CompletableFuture.runAsync(append, daemon("ftasim-runs-record"));
    return new Started(recorded, recorded.handle((ok, failed) -> null).thenRunAsync(() -> compact(spark, ctx),
        daemon("ftasim-runs-upkeep")));
  }

  private static java.util.concurrent.Executor daemon(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.start();
    };
  }

  /** Compacts the log once it holds many files (the check for interrupted runs has just read them all). */
  private static void compact(SparkSession spark, JobContext ctx) {
    try {
      if (RunLog.compactIfMany(spark, ctx.warehouse(), RunLog.COMPACT_AT_FILES)) {
        ctx.err().println("ftasim " + ctx.job() + ": note: compacted table runs (it had " + RunLog.COMPACT_AT_FILES
            + " files or more)");
      }
    } catch (RuntimeException e) {
      // another job's compaction got there first, most likely; upkeep must never cost this run anything
      ctx.err().println("ftasim " + ctx.job() + ": note: could not compact table runs: " + e);
    }
  }

  /**
   * Runs left 'running' by a driver on this host that is gone (its process ended, or its pid now belongs to a
   * process started after the run) died without recording an outcome — killed, most likely: they are marked
   * interrupted, and the job says so. A driver on another host cannot be checked from here; its row stays.
   */
  static void markInterrupted(SparkSession spark, JobContext ctx) {
    String host = HOST;
    List<Row> open = TableReader.read(spark, ctx.warehouse(), Tables.RUNS)
        .where(col("status").equalTo("running").and(col("driver_host").equalTo(host))
            .and(col("run_id").notEqual(ctx.runId())))
        .collectAsList();
    for (Row r : open) {
      long pid = r.getLong(r.fieldIndex("driver_pid"));
      Instant started = r.<Timestamp>getAs("started_at").toInstant();
      boolean alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().startInstant().map(s -> !s.isAfter(started.plusSeconds(5))).orElse(true))
          .isPresent();
      if (alive) {
        continue;
      }
      List<String> undone = RunCommits.undo(spark, ctx.warehouse(), r.getString(0), Tables.curated());
      String why = "interrupted: its driver (pid " + pid + " on " + host + ") ended without recording an outcome "
          + "(killed?); found by run " + ctx.runId() + "; " + (undone.isEmpty() ? "it had committed to no table"
              : "its commits were taken out: " + String.join("; ", undone));
      Row marked = RowFactory.create(r.getString(0), r.getString(1), "interrupted", r.getString(3), r.getString(4),
          r.getString(5), r.getLong(6), r.get(7), Timestamp.from(Instant.now()), r.getDouble(9), r.get(10), r.get(11),
          r.getString(12), why, host, pid, java.util.Arrays.asList(r.schema().fieldNames()).contains("tables_read")
              ? r.get(r.fieldIndex("tables_read")) : null);
      TableWriter.append(spark.createDataFrame(List.of(marked), Tables.RUNS.schema()), ctx.warehouse(), Tables.RUNS);
      ctx.err().println("ftasim " + ctx.job() + ": note: run " + r.getString(0) + " (" + r.getString(1) + ", started "
          + started + ") was still 'running' but its driver is gone; marked interrupted"
          + (undone.isEmpty() ? "" : ", and its commits taken out: " + String.join("; ", undone)));
    }
  }

  private static final String HOST = host();

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static void record(SparkSession spark, JobContext ctx, String status, Instant start, Instant end,
      JobResult result, String error) {
    TableWriter.append(rows(spark, ctx, status, start, end, result, error), ctx.warehouse(), Tables.RUNS);
  }

  private static Dataset<Row> rows(SparkSession spark, JobContext ctx, String status, Instant start, Instant end,
      JobResult result, String error) {
    Row row = RowFactory.create(ctx.runId(), ctx.job(), status, ctx.loaded().yaml(), ctx.loaded().hash(),
        BuildInfo.codeVersion(), ctx.config().seed(), Timestamp.from(start), Timestamp.from(end),
        (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, result.counts(), result.tables(),
        spark.sparkContext().master(), error, HOST, ProcessHandle.current().pid(),
        status.equals("running") ? null : org.ftasim.table.TableReader.versionsRead());
    return spark.createDataFrame(List.of(row), Tables.RUNS.schema());
  }
}
