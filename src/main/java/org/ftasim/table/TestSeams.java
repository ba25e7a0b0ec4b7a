package org.ftasim.table;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Where the fault-injection tests stop a job so they can kill it with SIGKILL at a known point: with the system
 * property {@code ftasim.test.pauseAt} set to a point's name, the process says so on stderr and waits there. Points:
 * {@code before-write:<table>}, {@code during-write:<table>} (inside the write's first task, files half written,
 * nothing committed), {@code after-commit:<table>} and {@code before-record} (every table written, the outcome not
 * yet in runs). Not a setting: nothing in a config reaches it.
 *
 * <p>{@code ftasim.test.pauseOnceAt=during-write:<table>@<marker file>} pauses the write's first task once, on
 * whichever executor runs it: the task creates the marker file, writes its process id into it and waits, so a test
 * can kill that executor; the task's retry finds the marker and goes on.
 */
public final class TestSeams {
  public static final String PAUSE_PROPERTY = "ftasim.test.pauseAt";
  public static final String PAUSE_ONCE_PROPERTY = "ftasim.test.pauseOnceAt";

  private TestSeams() {}

  public static void point(String name) {
    if (name.equals(System.getProperty(PAUSE_PROPERTY))) {
      pause(name);
    }
  }

  /** The rows, pausing in the first task that writes them when the point is {@code during-write:<table>}. */
  static Dataset<Row> duringWrite(Dataset<Row> rows, TableDef table) {
    String name = "during-write:" + table.name();
    String once = System.getProperty(PAUSE_ONCE_PROPERTY, "");
    if (once.startsWith(name + "@")) {
      String marker = once.substring(name.length() + 1);
      MapPartitionsFunction<Row, Row> pauseOnce = it -> {
        TaskContext tc = TaskContext.get();
        if (tc != null && tc.partitionId() == 0 && new java.io.File(marker).createNewFile()) {
          java.nio.file.Files.writeString(java.nio.file.Path.of(marker), Long.toString(ProcessHandle.current().pid()));
          pause(name);
        }
        return it;
      };
      return rows.mapPartitions(pauseOnce, Encoders.row(rows.schema()));
    }
    if (!name.equals(System.getProperty(PAUSE_PROPERTY))) {
      return rows;
    }
    MapPartitionsFunction<Row, Row> pauseFirst = it -> {
      TaskContext tc = TaskContext.get();
      if (tc != null && tc.partitionId() == 0) {
        pause(name);
      }
      return it;
    };
    return rows.mapPartitions(pauseFirst, Encoders.row(rows.schema()));
  }

  private static void pause(String name) {
    System.err.println("ftasim-test: paused at " + name);
    System.err.flush();
    try {
      Thread.sleep(600_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("ftasim-test: paused at " + name + " and not killed within 10 minutes");
  }
}
