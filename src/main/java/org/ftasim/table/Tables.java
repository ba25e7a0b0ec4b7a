package org.ftasim.table;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The catalog: every curated table's name, schema and partitioning, in one place. */
public final class Tables {
  private Tables() {}

  public static final TableDef RUNS = new TableDef("runs",
      "One row per job run (MERGE by run_id: a re-run with the same id updates its row).",
      schema(
          col("run_id", DataTypes.StringType, false, "run identifier (--run-id, or generated <job>-<utc time>-<random>)"),
          col("job", DataTypes.StringType, false, "the command that ran, e.g. demo"),
          col("status", DataTypes.StringType, false, "running (written when the job starts), then ok or failed"),
          col("config_yaml", DataTypes.StringType, false, "the effective configuration: defaults, file and --set overrides"),
          col("config_hash", DataTypes.StringType, false, "SHA-256 of config_yaml"),
          col("code_version", DataTypes.StringType, false, "ftasim version and git commit of the code that ran"),
          col("seed", DataTypes.LongType, false, "run seed (config key seed)"),
          col("started_at", DataTypes.TimestampType, false, "start time (UTC)"),
          col("ended_at", DataTypes.TimestampType, false, "end time (UTC)"),
          col("seconds", DataTypes.DoubleType, false, "wall time in seconds"),
          col("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false,
              "what the job counted (rows written, rejects, draws …)"),
          col("tables", DataTypes.createArrayType(DataTypes.StringType), false, "tables the job wrote"),
          col("spark_master", DataTypes.StringType, false, "Spark master URL the job ran on"),
          col("error", DataTypes.StringType, true, "the error message when status is failed")),
      List.of(), List.of("run_id"), "every job");

  public static List<TableDef> all() {
    return List.of(RUNS);
  }

  public static Optional<TableDef> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  static StructField col(String name, DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, org.apache.spark.sql.types.Metadata.empty()).withComment(comment);
  }
}
