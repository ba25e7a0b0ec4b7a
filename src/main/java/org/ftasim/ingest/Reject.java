package org.ftasim.ingest;

/** Why an input line was not accepted: the reason codes of the {@code trade_flows_rejects} table. */
public enum Reject {
  /** Not the number of columns of the format. */
  COLUMN_COUNT,
  /** A number that does not parse. */
  BAD_NUMBER,
  /** A negative value or quantity. */
  NEGATIVE_NUMBER,
  /** NaN or infinity. */
  NOT_FINITE,
  /** A year that is not a four-digit year, or not the year of the file. */
  BAD_YEAR,
  /** A country code not in the country list. */
  UNKNOWN_COUNTRY,
  /** An HS code that is not six digits (or five, repairable). */
  MALFORMED_HS,
  /** An HS code absent from the product list. */
  UNKNOWN_HS,
  /** An HS code the concordance to the target HS version does not map. */
  UNMAPPED_HS,
  /** Same (year, exporter, importer, hs6) as an earlier line of the same file; the first is kept. */
  DUPLICATE_KEY,
  /** An empty line. */
  BLANK_LINE,
  /** A file with no lines at all (recorded with line number 0). */
  EMPTY_FILE,
  /** A file with the same bytes as another file of the same run, which is read instead (line number 0). */
  DUPLICATE_FILE
}
