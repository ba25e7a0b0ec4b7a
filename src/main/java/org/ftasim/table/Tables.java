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

  // Columns shared by the sweep tables: one definition, one comment.
  private static final StructField RUN_ID = col("run_id", DataTypes.StringType, false, "the sweep's run");
  private static final StructField SCENARIO_ID = col("scenario_id", DataTypes.StringType, false,
      "scenario the row belongs to");
  private static final StructField METRIC = col("metric", DataTypes.StringType, false,
      "outcome name, e.g. welfare_pct (ALL for a draw that failed)");
  private static final StructField COUNTRY = col("country", DataTypes.StringType, false, "region or country, or ALL");
  private static final StructField SECTOR = col("sector", DataTypes.StringType, false, "sector or product, or ALL");
  private static final StructField PARTNER = col("partner", DataTypes.StringType, false, "trade partner, or ALL");
  private static final StructField YEAR = col("year", DataTypes.IntegerType, true,
      "year of the time path; null when the outcome is not year-specific");

  public static final TableDef SWEEP_DRAWS = new TableDef("sweep_draws",
      "Every draw of a Monte Carlo sweep in long form: one row per (draw, outcome). Replaced by run_id on re-run.",
      schema(
          RUN_ID,
          SCENARIO_ID,
          col("draw_id", DataTypes.LongType, false, "draw number within the design (0-based)"),
          col("seed", DataTypes.LongType, false, "run seed; a draw's parameters are a pure function of (seed, draw_id)"),
          col("parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false,
              "the draw's parameter values by name"),
          METRIC, COUNTRY, SECTOR, PARTNER, YEAR,
          col("value", DataTypes.DoubleType, false, "the outcome (percent changes in percent); NaN when the draw failed"),
          col("converged", DataTypes.BooleanType, false, "whether the draw's solve converged (failed draws are kept)"),
          col("iterations", DataTypes.IntegerType, false, "solver iterations used by the draw"),
          col("residual", DataTypes.DoubleType, false, "final solver residual")),
      List.of("run_id"), List.of(), "sweep");

  public static final TableDef SWEEP_SUMMARY = new TableDef("sweep_summary",
      "Distribution of each outcome over a sweep's converged draws.",
      schema(
          RUN_ID, SCENARIO_ID, METRIC, COUNTRY, SECTOR, PARTNER, YEAR,
          col("n_ok", DataTypes.LongType, false, "draws that converged"),
          col("n_failed", DataTypes.LongType, false, "draws that failed or did not converge"),
          col("mean", DataTypes.DoubleType, true, "mean over converged draws"),
          col("sd", DataTypes.DoubleType, true, "sample standard deviation"),
          col("p05", DataTypes.DoubleType, true, "5th percentile (exact, interpolated)"),
          col("p50", DataTypes.DoubleType, true, "median"),
          col("p95", DataTypes.DoubleType, true, "95th percentile")),
      List.of(), List.of(), "sweep");

  public static final TableDef SWEEP_SENSITIVITY = new TableDef("sweep_sensitivity",
      "Which parameters drive each outcome: Sobol indices (Saltelli designs) or one-at-a-time effects (OAT designs).",
      schema(
          RUN_ID, SCENARIO_ID, METRIC, COUNTRY, SECTOR, YEAR,
          col("parameter", DataTypes.StringType, false, "parameter or parameter group (a design dimension)"),
          col("method", DataTypes.StringType, false,
              "sobol_first, sobol_total, oat_low (outcome at the 5% quantile minus at the median), oat_high (95%)"),
          col("value", DataTypes.DoubleType, false, "the index or effect"),
          col("ci_low", DataTypes.DoubleType, true, "2.5% bootstrap bound (Sobol indices)"),
          col("ci_high", DataTypes.DoubleType, true, "97.5% bootstrap bound (Sobol indices)")),
      List.of(), List.of(), "sweep");

  public static List<TableDef> all() {
    return List.of(RUNS, SWEEP_DRAWS, SWEEP_SUMMARY, SWEEP_SENSITIVITY);
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
