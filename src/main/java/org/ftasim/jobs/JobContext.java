package org.ftasim.jobs;

import java.io.PrintStream;
import org.ftasim.config.FtasimConfig;
import org.ftasim.config.LoadedConfig;
import org.ftasim.table.Warehouse;

/**
 * Everything a job's {@code run} needs besides the SparkSession.
 *
 * @param out where a command that prints data (sql) prints it
 * @param err where progress, notes and tables for people go (stderr)
 */
public record JobContext(String job, String runId, Warehouse warehouse, LoadedConfig loaded, Invocation args,
    PrintStream out, PrintStream err) {

  public FtasimConfig config() {
    return loaded.config();
  }
}
