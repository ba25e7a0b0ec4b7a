package org.ftasim.config;

/**
 * The typed pipeline configuration. Every key has a default in {@code ftasim-defaults.yaml}; a user file and
 * {@code --set key=value} overrides are merged onto those defaults and then bound here, so a key that is not
 * in the defaults is unknown by construction.
 *
 * @param seed the run seed: every random draw of the run is a pure function of it
 * @param sql settings of {@code ftasim sql}
 * @param export settings of {@code ftasim export}
 */
public record FtasimConfig(long seed, Sql sql, Export export) {

  /** @param maxRows the most rows {@code ftasim sql} prints; more is an error that says to add a LIMIT */
  public record Sql(int maxRows) {}

  /** @param files Parquet files per exported unpartitioned table (partitioned tables: one per partition value) */
  public record Export(int files) {}

  void validate(Check check) {
    check.range("seed", seed, 0, Long.MAX_VALUE);
    check.range("sql.max_rows", sql.maxRows(), 1, 10_000_000);
    check.range("export.files", export.files(), 1, 10_000);
  }
}
