package org.ftasim.ingest;

import java.util.List;
import org.ftasim.config.UserException;

/**
 * Every user error of reading trade files and their reference lists (BACI releases, UNSD's HS concordances), in one
 * place (as Delta Kernel's {@code DeltaErrors}): each names the file, line or column, the bad value, and the fix.
 */
public final class IngestErrors {
  private IngestErrors() {}

  static UserException notABaciName(String fileName) {
    return new UserException("file " + fileName + " is not named like a BACI file (BACI_HS17_Y2022_V202401.csv);"
        + " fix: keep CEPII's file names, which carry the HS version, year and release");
  }

  static UserException unknownBaciVersion(String digits) {
    return new UserException("BACI HS version HS" + digits + " is unknown; expected HS92, HS96, HS02, HS07, HS12,"
        + " HS17 or HS22; fix: keep CEPII's file name, or upgrade ftasim for a newer HS edition");
  }

  static UserException notACountryList(String file, String header, String newLayout, String oldLayout) {
    return new UserException(file + ": header '" + header + "' is neither BACI country list layout (" + newLayout
        + " from V202301 on, " + oldLayout + " before); fix: use the country_codes file of the same BACI release");
  }

  static UserException badCountryLine(String file, int line, String layout, String text) {
    return new UserException(file + " line " + line + ": expected " + layout + " with a numeric code, found '"
        + text + "'; fix: use the file as CEPII publishes it");
  }

  static UserException notAProductList(String file, String header) {
    return new UserException(file + ": header '" + header + "' is not code,description; fix: use the"
        + " product_codes file of the same BACI release");
  }

  static UserException noConcordanceSheet(String file, List<String> sheets) {
    return new UserException("concordance " + file + ": no sheet of " + sheets + " has a header naming two HS"
        + " versions (e.g. 'HS 2017', 'HS 2012', 'Relationship'); fix: give UNSD's HS correlation and conversion"
        + " table as published");
  }

  static UserException noConcordanceHeader(String where, int searched, String first) {
    return new UserException("concordance " + where + ": no header naming two HS versions in its first " + searched
        + " rows (found '" + first + "'); fix: name the source and target code columns after their versions, e.g."
        + " H5,H6, HS2017,HS2022 or UNSD's 'HS 2017','HS 2012'");
  }

  static UserException notALink(String where, int row, String text, int sourceColumn, int targetColumn) {
    return new UserException("concordance " + where + " row " + row + ": '" + text + "' does not link two six-digit"
        + " codes (columns " + sourceColumn + " and " + targetColumn + "); fix: give the table as published, with a"
        + " code in both columns of every row");
  }

  static UserException badWeight(String where, int row, String weight) {
    return new UserException("concordance " + where + " row " + row + ": weight '" + weight + "' must be a number"
        + " >= 0; fix: give each link's share of its source code (the shares of a code need not be normalised)");
  }

  static UserException concordanceOfOtherVersions(String file, String from, String to, String target) {
    return new UserException("concordance " + file + " links " + from + " and " + to + ", not " + target
        + "; fix: give a table between the files' HS version and " + target);
  }

  /** A file whose bytes changed between the listing and a read (see {@code FlowIngest}). */
  public static UserException changedWhileRead(String path, String how) {
    return new UserException("file " + path + " changed while ftasim read it: " + how + "; nothing was written."
        + " Fix: ingest files that are complete and not being written (let a download finish, or copy the file"
        + " first), then run again");
  }

  /** A file of only HS2/HS4 codes or services ({@code holds} says which); {@code sample} is one such line. */
  static UserException noHs6Goods(String file, String holds, String sample) {
    return new UserException("file " + file + " holds no HS6 goods flows: " + holds + ", e.g. '" + sample
        + "'; trade_flows holds HS6 goods flows. Fix: download the file with every six-digit code (Comtrade+: cmdCode"
        + " AG6, typeCode C); nothing was written");
  }

  /** Every data line rejected: {@code rejected} counts them by reason, {@code sample} is the top reason's first. */
  static UserException noLineAccepted(String file, String format, long dataLines, String rejected, String filtered,
      String sample, String expected) {
    return new UserException("file " + file + " (" + format + "): none of its " + dataLines + " data lines was"
        + " accepted: " + rejected + filtered + sample + ". This is a layout problem: expected " + expected + ". Fix:"
        + " check that the file is the download it should be and that --format matches it; nothing was written");
  }

  static UserException noBilateralFlow(String file, String format, long dataLines, String filtered, String sample) {
    return new UserException("file " + file + " (" + format + ") holds no bilateral HS6 flow: all " + dataLines
        + " data lines were filtered " + filtered + ", e.g. '" + sample + "'. Fix: download flows by partner (not"
        + " World or regional totals), totals over transport modes and customs procedures (motCode 0, customsCode"
        + " C00); nothing was written");
  }
}
