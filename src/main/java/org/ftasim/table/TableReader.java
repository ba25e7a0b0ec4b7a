package org.ftasim.table;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.UserException;

/** Reads curated tables, with a message that says which job writes a table that is not there yet. */
public final class TableReader {
  private TableReader() {}

  public static boolean exists(SparkSession spark, Warehouse warehouse, TableDef table) {
    TableGate.await(table);
    return DeltaTable.isDeltaTable(spark, warehouse.path(table));
  }

  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse, TableDef table) {
    if (!exists(spark, warehouse, table)) {
      throw new UserException("table '" + table.name() + "' does not exist in warehouse " + warehouse.root()
          + "; it is written by " + table.writtenBy() + ": run that first, or pass the right --warehouse");
    }
    return spark.read().format("delta").load(warehouse.path(table));
  }
}
