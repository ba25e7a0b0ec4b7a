package org.ftasim.table;

import io.delta.tables.DeltaTable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.delta.DeltaLog;
import scala.Option;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads curated tables, with a message that says which job writes a table that is not there yet. Every read is
 * pinned to the table's latest version when it is read, and the version is noted ({@link #versionsRead}), so the
 * {@code runs} row of a job says which version of each table it read.
 */
public final class TableReader {
  /** Table → the version first read since {@link #startNoting}; one job runs per driver at a time. */
  private static final Map<String, Long> READ = new ConcurrentHashMap<>();

  private TableReader() {}

  /** Forgets the versions noted so far: a job starts. */
  public static void startNoting() {
    READ.clear();
  }

  /** The version of each table first read since {@link #startNoting} (the runs table itself left out). */
  public static Map<String, Long> versionsRead() {
    return new TreeMap<>(READ);
  }

  public static boolean exists(SparkSession spark, Warehouse warehouse, TableDef table) {
    TableGate.await(table);
    return DeltaTable.isDeltaTable(spark, warehouse.path(table));
  }

  /** The table at its latest version; for {@code runs}, each run's state (its latest row, {@link RunLog#latest}). */
  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse, TableDef table) {
    Dataset<Row> rows = rows(spark, warehouse, table);
    return table == Tables.RUNS ? RunLog.latest(rows) : rows;
  }

  /** Every row of the table at its latest version: for {@code runs}, every event of every run. */
  public static Dataset<Row> rows(SparkSession spark, Warehouse warehouse, TableDef table) {
    if (!exists(spark, warehouse, table)) {
      throw TableErrors.noSuchTable(table, warehouse.root());
    }
    String path = warehouse.path(table);
    long version = DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty()).version();
    if (!table.name().equals(Tables.RUNS.name())) {
      READ.putIfAbsent(table.name(), version);
    }
    return spark.read().format("delta").option("versionAsOf", version).load(path);
  }
}
