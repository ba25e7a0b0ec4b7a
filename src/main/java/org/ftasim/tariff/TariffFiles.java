package org.ftasim.tariff;

import java.io.Serializable;
import org.ftasim.table.Csv;

/**
 * Reads lines of ftasim's tariff input files (README, "Tariff files"): the MFN applied schedule and the
 * preferential schedules. Each line either gives a schedule row or a reject with a reason and a message that says
 * what is wrong and how to fix it; nothing is dropped silently.
 */
public final class TariffFiles {
  public static final String MFN_HEADER = "reporter,year,nomenclature,tariff_line,duty_type,av_rate,specific_duty,ave,trq";
  public static final String PREF_HEADER = "agreement,importer,partners,tariff_line,base_rate,staging,trq";

  /** Why a tariff line was rejected. */
  public enum Reject {
    BLANK_LINE, COLUMN_COUNT, BAD_COUNTRY, BAD_YEAR, MALFORMED_LINE, BAD_DUTY_TYPE, BAD_NUMBER, NEGATIVE_NUMBER,
    NOT_FINITE, MISSING_AVE, BAD_FLAG, UNKNOWN_AGREEMENT, NOT_A_MEMBER, UNKNOWN_STAGING, DUPLICATE_KEY, EMPTY_FILE
  }

  /**
   * A parsed line: a reject (reason and message) or the row's values in the order of the tariff_schedules columns
   * from {@code schedule} to {@code trq}: schedule, importer, partners, year, nomenclature, tariff_line, duty_type,
   * av_rate, specific_duty, ave, rate, staging, trq. {@code key} identifies the row for duplicate detection.
   */
  public record Parsed(Reject reject, String message, Object[] values, String key) implements Serializable {
    static Parsed bad(Reject r, String message) {
      return new Parsed(r, message, null, null);
    }
  }

  private TariffFiles() {}

  /** Whether the header names the MFN file ({@code true}), a preferential file ({@code false}); null otherwise. */
  public static Boolean kind(String header) {
    String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
    h = h.strip();
    return h.equals(MFN_HEADER) ? Boolean.TRUE : h.equals(PREF_HEADER) ? Boolean.FALSE : null;
  }

  public static Parsed mfn(String line) {
    if (line.isBlank()) {
      return Parsed.bad(Reject.BLANK_LINE, "the line is empty; fix: delete it");
    }
    String[] f = Csv.split(line.strip());
    if (f.length != 9) {
      return Parsed.bad(Reject.COLUMN_COUNT, "expected 9 columns (" + MFN_HEADER + "), found " + f.length);
    }
    String reporter = f[0].trim();
    if (!reporter.matches("[A-Z]{3}")) {
      return Parsed.bad(Reject.BAD_COUNTRY, "reporter '" + reporter + "' is not an ISO3 code (three capital letters)");
    }
    int year;
    try {
      year = Integer.parseInt(f[1].trim());
    } catch (NumberFormatException e) {
      year = -1;
    }
    if (year < 1988 || year > 2100) {
      return Parsed.bad(Reject.BAD_YEAR, "year '" + f[1] + "' is not a year between 1988 and 2100");
    }
    Parsed bad = lineCode(f[3]);
    if (bad != null) {
      return bad;
    }
    String type = f[4].trim();
    if (!type.equals("AV") && !type.equals("SP") && !type.equals("CP")) {
      return Parsed.bad(Reject.BAD_DUTY_TYPE, "duty_type '" + type + "' must be AV (ad valorem), SP (specific) or CP"
          + " (compound)");
    }
    Object av = type.equals("SP") && f[5].isBlank() ? null : number("av_rate", f[5]);
    if (av instanceof Parsed p) {
      return p;
    }
    Object ave = f[7].isBlank() ? null : number("ave", f[7]);
    if (ave instanceof Parsed p) {
      return p;
    }
    if (!type.equals("AV") && ave == null) {
      return Parsed.bad(Reject.MISSING_AVE, "a " + type + " duty needs its ad valorem equivalent in column ave; fix:"
          + " add the AVE (WTO IDB or WITS publish them) or drop the line");
    }
    Object trq = flag(f[8]);
    if (trq instanceof Parsed p) {
      return p;
    }
    String code = f[3].trim();
    double rate = type.equals("AV") ? (Double) av : (Double) ave;
    return new Parsed(null, null, new Object[] {TariffEngine.MFN, reporter, null, year, f[2].trim(), code, type, av,
        f[6].isBlank() ? null : f[6].trim(), ave, rate, null, trq}, reporter + "|" + year + "|" + code);
  }

  public static Parsed preferential(String line, AgreementBook book) {
    if (line.isBlank()) {
      return Parsed.bad(Reject.BLANK_LINE, "the line is empty; fix: delete it");
    }
    String[] f = Csv.split(line.strip());
    if (f.length != 7) {
      return Parsed.bad(Reject.COLUMN_COUNT, "expected 7 columns (" + PREF_HEADER + "), found " + f.length);
    }
    String id = f[0].trim();
    Agreement a = book.agreements().get(id);
    if (a == null) {
      return Parsed.bad(Reject.UNKNOWN_AGREEMENT, "agreement '" + id + "' is not in the agreements file, which lists "
          + book.agreements().keySet() + "; fix: add it to conf/agreements.yaml");
    }
    String importer = f[1].trim();
    if (!a.members().containsKey(importer)) {
      return Parsed.bad(Reject.NOT_A_MEMBER, "importer '" + importer + "' is not a member of " + id + " ("
          + a.members().keySet() + ")");
    }
    String partners = f[2].trim();
    if (!partners.equals("ALL")) {
      for (String p : partners.split(";")) {
        if (!a.members().containsKey(p.trim())) {
          return Parsed.bad(Reject.NOT_A_MEMBER, "partner '" + p + "' is not a member of " + id + " ("
              + a.members().keySet() + "); partners is ALL or ISO3 codes separated by ;");
        }
      }
    }
    Parsed bad = lineCode(f[3]);
    if (bad != null) {
      return bad;
    }
    Object base = number("base_rate", f[4]);
    if (base instanceof Parsed p) {
      return p;
    }
    String staging = f[5].trim();
    if (!a.categories().containsKey(staging)) {
      return Parsed.bad(Reject.UNKNOWN_STAGING, "staging category '" + staging + "' is not defined for " + id
          + "; defined: " + a.categories().keySet());
    }
    Object trq = flag(f[6]);
    if (trq instanceof Parsed p) {
      return p;
    }
    String code = f[3].trim();
    return new Parsed(null, null, new Object[] {id, importer, partners, null, null, code, null, null, null, null,
        base, staging, trq}, id + "|" + importer + "|" + partners + "|" + code);
  }

  private static Parsed lineCode(String field) {
    String code = field.trim();
    if (!code.matches("\\d{6,12}")) {
      return Parsed.bad(Reject.MALFORMED_LINE, "tariff_line '" + field + "' must be 6 to 12 digits (HS6 and national"
          + " digits), with its leading zeros");
    }
    return null;
  }

  /** A rate in percent as a Double, or a reject. */
  private static Object number(String column, String field) {
    double v;
    try {
      v = Double.parseDouble(field.trim());
    } catch (NumberFormatException e) {
      return Parsed.bad(Reject.BAD_NUMBER, column + " '" + field + "' is not a number (percent, e.g. 8.0)");
    }
    if (!Double.isFinite(v)) {
      return Parsed.bad(Reject.NOT_FINITE, column + " '" + field + "' is not a finite number");
    }
    if (v < 0) {
      return Parsed.bad(Reject.NEGATIVE_NUMBER, column + " " + field + " is negative; rates are percent, 0 or more");
    }
    return v;
  }

  private static Object flag(String field) {
    String t = field.trim();
    if (t.isEmpty() || t.equals("N")) {
      return Boolean.FALSE;
    }
    if (t.equals("Y")) {
      return Boolean.TRUE;
    }
    return Parsed.bad(Reject.BAD_FLAG, "trq '" + field + "' must be Y, N or empty");
  }
}
