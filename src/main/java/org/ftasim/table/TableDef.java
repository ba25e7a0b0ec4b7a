package org.ftasim.table;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One curated table: its name (also its folder under the warehouse), its schema with a comment on every
 * column (the data dictionary), its partition columns, its key (the columns that name what a row is about: for runs,
 * the run, whose state is its latest row), and the job that writes it.
 */
public record TableDef(String name, String description, StructType schema, List<String> partitionBy,
    List<String> key, String writtenBy, java.util.Map<String, String> properties) {

  public TableDef(String name, String description, StructType schema, List<String> partitionBy, List<String> key,
      String writtenBy) {
    this(name, description, schema, partitionBy, key, writtenBy, java.util.Map.of());
  }

  /** The same table with Delta table properties set when it is created. */
  public TableDef withProperties(java.util.Map<String, String> props) {
    return new TableDef(name, description, schema, partitionBy, key, writtenBy, props);
  }

  public TableDef {
    for (StructField f : schema.fields()) {
      if (f.getComment().isEmpty()) {
        throw new IllegalArgumentException("table " + name + ": column " + f.name() + " has no comment");
      }
    }
    for (String p : partitionBy) {
      schema.apply(p);
    }
    for (String k : key) {
      schema.apply(k);
    }
  }

  public boolean hasColumn(String column) {
    return List.of(schema.fieldNames()).contains(column);
  }
}
