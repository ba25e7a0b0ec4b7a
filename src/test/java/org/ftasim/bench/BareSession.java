package org.ftasim.bench;

import org.apache.spark.sql.SparkSession;
import org.ftasim.jobs.Sessions;

/**
 * The floor under every ftasim command: a JVM that starts a local Spark session with Delta's extension and catalog
 * (as ftasim's launcher does), runs {@code select 1} and stops. Run by {@code jobs/bench-overhead}.
 */
public final class BareSession {
  private BareSession() {}

  public static void main(String[] args) {
    SparkSession.Builder b = SparkSession.builder().appName("bare").master("local[*]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
    Sessions.DELTA.forEach(b::config);
    SparkSession spark = b.getOrCreate();
    spark.sql("select 1").collectAsList();
    spark.stop();
  }
}
