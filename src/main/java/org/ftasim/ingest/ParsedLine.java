package org.ftasim.ingest;

/**
 * The result of one line: a flow (reason and filtered null), a reject (reason set), or a line the format says to
 * leave out (filtered set: a total, a World partner, …), which is counted but is not an error.
 */
public final class ParsedLine {
  public int year;
  public String exporter;
  public String importer;
  public String hs6;
  public double valueUsd;
  public Double quantityT;
  public boolean repaired;
  public Reject reason;
  public String message;
  public String filtered;
  /** The concordance relationship (1:1, n:1, 1:n, n:n) of a line moved to another HS version, else null. */
  public String converted;
  /** Where the row comes from: BACI, COMTRADE_M (importer-reported) or COMTRADE_X (exporter-reported). */
  public String source = "BACI";
  /** (year, exporter code, importer code, hs6) packed in BACI's sort order: t, then i, j, k. */
  public long key;
  /** Field bounds of the line being parsed (scratch space, so parsing allocates nothing per line). */
  final int[] fields = new int[14];

  /** Clears what a previous line left, so one instance serves a whole chunk. */
  void reset() {
    reason = null;
    message = null;
    filtered = null;
    converted = null;
    repaired = false;
    quantityT = null;
  }
}
