package org.ftasim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.ftasim.jobs.Sessions;

/**
 * The one SparkSession all test classes share (surefire runs them in one JVM). It is built once with Delta's
 * extension: a second builder would silently drop {@code spark.sql.extensions}. {@code local[2,2]}: two cores and
 * two attempts per task, so retries can be tested (plain {@code local[2]} never retries).
 */
public final class TestSpark {
  private static SparkSession session;
  private static Path root;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      try {
        root = Files.createTempDirectory("ftasim-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SparkSession.Builder b = SparkSession.builder().appName("ftasim-tests").master("local[2,2]")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.databricks.delta.snapshotPartitions", "1")
          .config("spark.sql.warehouse.dir", root.resolve("spark-warehouse").toString());
      Sessions.DELTA.forEach(b::config);
      session = b.getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** A fresh folder for one test's warehouse or output. */
  public static Path newDir(String prefix) {
    session();
    try {
      return Files.createTempDirectory(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
