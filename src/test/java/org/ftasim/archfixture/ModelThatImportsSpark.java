package org.ftasim.archfixture;

import org.apache.spark.sql.SparkSession;
import org.ftasim.table.Tables;

/** A deliberate violation for ArchitectureTest: a "model" class that imports Spark and the table catalog. */
final class ModelThatImportsSpark {
  private ModelThatImportsSpark() {}

  static String violate(SparkSession spark) {
    return spark.version() + Tables.RUNS.name();
  }
}
