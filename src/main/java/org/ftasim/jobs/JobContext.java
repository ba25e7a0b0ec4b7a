package org.ftasim.jobs;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.ftasim.config.FtasimConfig;
import org.ftasim.config.LoadedConfig;
import org.ftasim.table.Warehouse;

/**
 * Everything a job's {@code run} needs besides the SparkSession.
 *
 * @param out where a command that prints data (sql) prints it
 * @param err where progress, notes and tables for people go (stderr)
 * @param runRecorded done once the run's 'running' row is in {@code runs} (written while the job starts)
 */
public record JobContext(String job, String runId, Warehouse warehouse, LoadedConfig loaded, Invocation args,
    PrintStream out, PrintStream err, CompletableFuture<Void> runRecorded) {

  public JobContext(String job, String runId, Warehouse warehouse, LoadedConfig loaded, Invocation args,
      PrintStream out, PrintStream err) {
    this(job, runId, warehouse, loaded, args, out, err, new CompletableFuture<>());
  }

  public FtasimConfig config() {
    return loaded.config();
  }
}
