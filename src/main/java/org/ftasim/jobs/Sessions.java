package org.ftasim.jobs;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/** Builds the Delta-enabled SparkSession every job runs in, locally or on a cluster. */
public final class Sessions {
  private Sessions() {}

  /**
   * Settings applied to every session: Delta's SQL extension and catalog. They must be set before the first
   * {@code getOrCreate}: a second builder silently ignores {@code spark.sql.extensions}.
   */
  public static final Map<String, String> DELTA = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");

  private static final String CONCURRENT_WRITERS = "spark.sql.maxConcurrentOutputFileWriters";

  public static SparkSession create(String job, String master, Map<String, String> conf, boolean verbose) {
    if (verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
    SparkSession.Builder b = SparkSession.builder().appName("ftasim " + job);
    String effectiveMaster = master != null ? master : System.getProperty("spark.master", "local[*]");
    b.master(effectiveMaster);
    DELTA.forEach(b::config);
    b.config("spark.ui.showConsoleProgress", "false");
    b.config("spark.sql.session.timeZone", "UTC");
    if (System.getProperty(CONCURRENT_WRITERS) == null) {
      // A partitioned write sorts every task's rows by the partition column unless it may keep writers open per
      // value. ftasim's writes hold one value per task (a year of trade_flows, a run of sweep_draws), so the
      // sort is pure cost: 10 to 20 s of a BACI year's write. A task with more values than this falls back to
      // the sort for the rest; each open writer buffers up to a Parquet row group.
      b.config(CONCURRENT_WRITERS, "2");
    }
    if (effectiveMaster.startsWith("local")) {
      // A laptop run needs no UI port and no network interface beyond loopback.
      b.config("spark.ui.enabled", "false");
      b.config("spark.driver.host", "127.0.0.1");
      b.config("spark.driver.bindAddress", "127.0.0.1");
      String parts = Integer.toString(2 * Runtime.getRuntime().availableProcessors());
      b.config("spark.sql.shuffle.partitions", parts);
      // Delta rebuilds table state with 50 tasks by default: most of a small local job's time.
      b.config("spark.databricks.delta.snapshotPartitions", parts);
    } else if (System.getProperty("spark.jars") == null && !conf.containsKey("spark.jars")) {
      // Started by jobs/ftasim rather than spark-submit: ship our own jar to the executors.
      String jar = Sessions.class.getProtectionDomain().getCodeSource().getLocation().getPath();
      if (jar.endsWith(".jar")) {
        b.config("spark.jars", jar);
      }
    }
    conf.forEach(b::config);
    SparkSession spark = b.getOrCreate();
    if (!verbose) {
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
