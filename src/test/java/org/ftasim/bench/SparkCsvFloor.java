package org.ftasim.bench;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.jobs.Sessions;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;

/**
 * What Spark alone takes for a BACI file, as the floor under {@code ingest-flows}. First a plain read and write:
 * the CSV read with its schema and written as Parquet with the columns DuckDB's conversion writes, nothing else.
 * Then what ingest-flows' output needs without its checks: its own CSV reader, the country codes joined in, the columns of {@code trade_flows} derived without any check (no line numbers, no rejects, no
 * duplicates, no metrics), written once as plain Parquet and once into a Delta table with {@code trade_flows}' schema,
 * partitioning and properties. Run by {@code jobs/bench-ingest}; prints {@code key=seconds} lines.
 *
 * <p>With {@code --plain-only} it does the plain read and write and stops, so that timing the whole process gives
 * the floor under a whole {@code ingest-flows} command: JVM, session, read, write, stop, and nothing else.
 *
 * <p>Usage: {@code SparkCsvFloor BACI_CSV COUNTRY_CODES_CSV WORKDIR [--plain-only]}.
 */
public final class SparkCsvFloor {
  private SparkCsvFloor() {}

  public static void main(String[] args) {
    String csv = args[0];
    String countryFile = args[1];
    String work = args[2];
    boolean plainOnly = args.length > 3 && args[3].equals("--plain-only");
    SparkSession spark = Sessions.create("spark-csv-floor", null, Map.of(), false);
    try {
      Dataset<Row> lines = spark.read().option("header", "true")
          .schema("t INT, i INT, j INT, k STRING, v DOUBLE, q STRING").csv(csv);
      long t = System.nanoTime();
      lines.select(col("t").alias("year"), col("i"), col("j"), col("k").alias("hs6"),
              expr("v * 1000").alias("value_usd"), expr("try_cast(trim(q) AS DOUBLE)").alias("quantity_t"))
          .write().mode("overwrite").parquet(work + "/spark-plain.parquet");
      System.out.printf("spark_plain_read_write_seconds=%.1f%n", (System.nanoTime() - t) / 1e9);
      if (plainOnly) {
        return;
      }
      Dataset<Row> countries = spark.read().option("header", "true").csv(countryFile)
          .select(col("country_code").cast("int").alias("code"), col("country_iso3").alias("iso3"));
      String file = new org.apache.hadoop.fs.Path(csv).getName();
      Dataset<Row> flows = lines
          .join(broadcast(countries.withColumnRenamed("code", "i").withColumnRenamed("iso3", "exporter")), "i")
          .join(broadcast(countries.withColumnRenamed("code", "j").withColumnRenamed("iso3", "importer")), "j")
          .select(col("t").alias("year"), col("exporter"), col("importer"), expr("lpad(k, 6, '0')").alias("hs6"),
              lit("H5").alias("hs_version"), expr("v * 1000").alias("value_usd"),
              expr("try_cast(trim(q) AS DOUBLE)").alias("quantity_t"), lit("BACI").alias("source"),
              lit(file).alias("source_file"), lit("spark-csv-floor").alias("run_id"), lit(csv).alias("source_path"),
              lit(null).cast("string").alias("source_content"));

      t = System.nanoTime();
      flows.write().mode("overwrite").partitionBy("year").parquet(work + "/spark-floor.parquet");
      System.out.printf("spark_csv_to_parquet_seconds=%.1f%n", (System.nanoTime() - t) / 1e9);

      Warehouse warehouse = new Warehouse(work + "/wh-floor");
      TableWriter.ensure(spark, warehouse, Tables.TRADE_FLOWS);
      t = System.nanoTime();
      TableWriter.replaceWhere(flows, warehouse, Tables.TRADE_FLOWS, "source_file IN ('" + file + "')");
      System.out.printf("spark_csv_to_delta_seconds=%.1f%n", (System.nanoTime() - t) / 1e9);
    } finally {
      spark.stop();
    }
  }
}
