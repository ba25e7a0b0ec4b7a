package org.ftasim.table;

import java.util.concurrent.CompletableFuture;

/**
 * Holds every read and write of a curated table (runs excepted) until the job's start-up is done: the 'running' row
 * is written, and runs killed earlier are found and their commits undone ({@link RunCommits}). That start-up runs
 * beside the job's first work, so a job must not touch a table another run's leftovers are being taken out of.
 */
public final class TableGate {
  private static volatile CompletableFuture<?> open = CompletableFuture.completedFuture(null);

  private TableGate() {}

  /** Reads and writes wait for {@code startUp} (its failure included: the job then goes on as it would). */
  public static void holdUntil(CompletableFuture<?> startUp) {
    open = startUp == null ? CompletableFuture.completedFuture(null) : startUp;
  }

  public static void release() {
    open = CompletableFuture.completedFuture(null);
  }

  static void await(TableDef table) {
    if (table != Tables.RUNS) {
      open.handle((ok, failed) -> null).join();
    }
  }
}
