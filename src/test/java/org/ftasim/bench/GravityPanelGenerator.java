package org.ftasim.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A gravity panel of known coefficients for {@code jobs/bench-gravity}: E exporters × E importers × T years as
 * Parquet, with y such that E[y | x] = exp(0.5 rta − 1.0 tariff + a_et + b_jt + p_ij) exactly — y = ⌊m·ε + U⌋ with
 * E[ε] = 1 and U uniform on [0, 1) — so PPML recovers (0.5, −1.0). Effects and noise come from hashes of the
 * indices: the same arguments write the same file. Usage: {@code GravityPanelGenerator OUT EXPORTERS YEARS}.
 */
public final class GravityPanelGenerator {
  private GravityPanelGenerator() {}

  public static void main(String[] args) {
    String out = args[0];
    long e = Long.parseLong(args[1]);
    long t = Long.parseLong(args[2]);
    SparkSession spark = SparkSession.builder().appName("gravity-panel").master("local[*]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    Dataset<Row> panel = spark.range(0, e * e * t, 1, 16)
        .withColumn("exporter", expr("cast(id div " + (e * t) + " as int)"))
        .withColumn("importer", expr("cast((id div " + t + ") % " + e + " as int)"))
        .withColumn("year", expr("cast(2000 + id % " + t + " as int)"))
        .withColumn("a", expr(uniform("exporter, year, 1") + " * 2 - 1"))
        .withColumn("b", expr(uniform("importer, year, 2") + " * 2 - 1"))
        .withColumn("p", expr("case when exporter = importer then 3.0 else " + uniform("exporter, importer, 3")
            + " * 3 - 1.5 end"))
        .withColumn("rta", expr("case when exporter <> importer and " + uniform("exporter, importer, 4")
            + " < 0.2 and year >= 2000 + " + (t / 2) + " then 1.0 else 0.0 end"))
        .withColumn("tariff", expr("case when exporter = importer then 0.0 else " + uniform("id, 5") + " * 0.3 end"))
        .withColumn("m", expr("exp(0.5 * rta - 1.0 * tariff + a + b + p)"))
        // multiplicative noise exp(c (u − ½)) / (sinh(c/2) / (c/2)) has mean 1; c = 2
        .withColumn("trade", expr("floor(m * exp(2 * (" + uniform("id, 6") + " - 0.5)) / (sinh(1.0) / 1.0) + "
            + uniform("id, 7") + ")"))
        .select(col("exporter").cast("string"), col("importer").cast("string"), col("year"), col("trade"),
            col("rta"), col("tariff"), lit(1).as("one"));
    panel.write().mode("overwrite").parquet(out);
    spark.stop();
  }

  /** A uniform number in [0, 1) from the hash of the arguments. */
  private static String uniform(String args) {
    return "(pmod(xxhash64(" + args + "), 1000000007) / 1000000007.0)";
  }
}
