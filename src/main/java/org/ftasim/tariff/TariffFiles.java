package org.ftasim.tariff;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ftasim.table.M49;
import org.ftasim.table.Csv;

/**
 * Reads lines of tariff input files (README, "Tariff files"): ftasim's MFN applied schedule and preferential
 * schedules, and WITS/TRAINS tariff exports as WITS writes them. Each line either gives a schedule row or a reject
 * with a reason and a message that says what is wrong and how to fix it; nothing is dropped silently.
 */
public final class TariffFiles {
  public static final String MFN_HEADER = "reporter,year,nomenclature,tariff_line,duty_type,av_rate,specific_duty,ave,trq";
  public static final String PREF_HEADER = "agreement,importer,partners,tariff_line,base_rate,staging,trq";
  /** The columns of a WITS/TRAINS tariff export (its "Tariff data" sheet, or that sheet saved as CSV). */
  public static final List<String> WITS_COLUMNS = List.of("Selected Nomen", "Native Nomen", "Reporter",
      "Reporter Name", "Product", "Product Name", "Partner", "Partner Name", "Tariff Year", "Trade Year",
      "Trade Source", "DutyType", "Simple Average", "Weighted Average", "Standard Deviation", "Minimum Rate",
      "Maximum Rate", "Nbr of Total Lines", "Nbr of DomesticPeaks", "Nbr of InternationalPeaks",
      "Imports Value in 1000 USD", "Binding Coverage");
  /** WITS duty types kept beside the schedules the engine runs: preferential, effectively applied and bound. */
  public static final String PRF = "PRF";
  public static final String AHS = "AHS";
  public static final String BND = "BND";
  /** Schedules read from WITS rates as they are (no staging), not run through the agreements. */
  public static final Set<String> OBSERVED = Set.of(PRF, AHS, BND);

  /** The layouts a tariff file can have. */
  public enum Layout { MFN, PREFERENTIAL, WITS }
  /** Why a tariff line was rejected. */
  public enum Reject {
    BLANK_LINE, COLUMN_COUNT, BAD_COUNTRY, BAD_YEAR, MALFORMED_LINE, BAD_DUTY_TYPE, BAD_NUMBER, NEGATIVE_NUMBER,
    NOT_FINITE, MISSING_AVE, BAD_FLAG, UNKNOWN_AGREEMENT, NOT_A_MEMBER, UNKNOWN_STAGING, DUPLICATE_KEY, EMPTY_FILE,
    /** A WITS row without a rate: a specific duty WITS has no ad valorem equivalent for. */
    NO_RATE,
    /** A file with the same bytes as another file of the same run, which is read instead (line number 0). */
    DUPLICATE_FILE
  }

  /**
   * A parsed line: a reject (reason and message) or the row's values in the order of the tariff_schedules columns
   * from {@code schedule} to {@code trq}: schedule, importer, partners, year, nomenclature, tariff_line, duty_type,
   * av_rate, specific_duty, ave, rate, staging, trq, national_lines, imports_usd. {@code key} identifies the row for
   * duplicate detection; {@code repaired} says a product code got its lost leading zero back.
   */
  public record Parsed(Reject reject, String message, Object[] values, String key, boolean repaired)
      implements Serializable {
    static Parsed bad(Reject r, String message) {
      return new Parsed(r, message, null, null, false);
    }
  }

  private TariffFiles() {}

  /** The layout a header line names, or null when it is none of them. */
  public static Layout layout(String header) {
    String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
    h = h.strip();
    if (h.equals(MFN_HEADER)) {
      return Layout.MFN;
    }
    if (h.equals(PREF_HEADER)) {
      return Layout.PREFERENTIAL;
    }
    return witsColumns(Csv.split(h)) != null ? Layout.WITS : null;
  }

  /** Whether a header looks like a WITS export (it names a few of its columns), so a mismatch is worth naming. */
  public static boolean looksLikeWits(String[] header) {
    long known = java.util.Arrays.stream(header).map(h -> h.replace("\uFEFF", "").trim())
        .filter(WITS_COLUMNS::contains).count();
    return known >= 3;
  }

  /** Where each of {@link #WITS_COLUMNS} is in a header (any order), or null when one is missing. */
  public static int[] witsColumns(String[] header) {
    int[] at = new int[WITS_COLUMNS.size()];
    java.util.Arrays.fill(at, -1);
    for (int i = 0; i < header.length; i++) {
      int c = WITS_COLUMNS.indexOf(header[i].replace("\uFEFF", "").trim());
      if (c >= 0 && at[c] < 0) {
        at[c] = i;
      }
    }
    for (int c : at) {
      if (c < 0) {
        return null;
      }
    }
    return at;
  }

  /** The WITS columns a header lacks. */
  public static List<String> witsMissing(String[] header) {
    List<String> missing = new ArrayList<>();
    java.util.Set<String> have = new java.util.HashSet<>();
    for (String h : header) {
      have.add(h.replace("\uFEFF", "").trim());
    }
    for (String c : WITS_COLUMNS) {
      if (!have.contains(c)) {
        missing.add(c);
      }
    }
    return missing;
  }

  /**
   * One row of a WITS/TRAINS export: Reporter and Partner as UN M49 numbers (0 World; groups such as 918 European
   * Union as WITS names them, EUN), the HS6 product (a lost leading zero given back), DutyType MFN (the MFN schedule at
   * HS6: the Simple Average of its Nbr of Total Lines national lines), PRF (the partner's preferential rate as
   * applied), AHS (effectively applied) or BND (bound), with the row's imports in USD.
   *
   * @param at the file's column positions ({@link #witsColumns})
   */
  public static Parsed wits(int[] at, String line) {
    if (line.isBlank()) {
      return Parsed.bad(Reject.BLANK_LINE, "the line is empty; fix: delete it");
    }
    String[] f = Csv.split(line.strip());
    int width = java.util.Arrays.stream(at).max().orElse(0) + 1;
    if (f.length < width) {
      return Parsed.bad(Reject.COLUMN_COUNT, "expected " + WITS_COLUMNS.size() + " columns as in the header, found "
          + f.length);
    }
    String reporter = M49.iso3(f[at[2]]);
    if (reporter == null) {
      return Parsed.bad(Reject.BAD_COUNTRY, "Reporter '" + f[at[2]] + "' (" + f[at[3]].trim() + ") is not a UN M49"
          + " country code ftasim knows");
    }
    String partner = M49.iso3(f[at[6]]);
    if (partner == null) {
      return Parsed.bad(Reject.BAD_COUNTRY, "Partner '" + f[at[6]] + "' (" + f[at[7]].trim() + ") is not a UN M49"
          + " country or group code ftasim knows");
    }
    double y;
    try {
      y = Double.parseDouble(f[at[8]].trim());
    } catch (NumberFormatException e) {
      y = -1;
    }
    int year = (int) y;
    if (year != y || year < 1988 || year > 2100) {
      return Parsed.bad(Reject.BAD_YEAR, "Tariff Year '" + f[at[8]] + "' is not a year between 1988 and 2100");
    }
    String product = f[at[4]].trim();
    if (product.endsWith(".0")) {
      product = product.substring(0, product.length() - 2);
    }
    boolean repaired = product.length() == 5 && product.chars().allMatch(Character::isDigit);
    if (repaired) {
      product = "0" + product;
    }
    if (!product.matches("\\d{6}")) {
      return Parsed.bad(Reject.MALFORMED_LINE, "Product '" + f[at[4]] + "' is not an HS6 code (six digits, or five"
          + " that lost their leading zero)");
    }
    String type = f[at[11]].trim();
    if (!type.equals(TariffEngine.MFN) && !OBSERVED.contains(type)) {
      return Parsed.bad(Reject.BAD_DUTY_TYPE, "DutyType '" + type + "' must be MFN, PRF, AHS or BND");
    }
    if (f[at[12]].isBlank()) {
      return Parsed.bad(Reject.NO_RATE, "no Simple Average for product " + product + " (a specific duty without an"
          + " ad valorem equivalent in WITS); fix: none needed if the line may stay out, else add its AVE to an"
          + " ftasim mfn.csv");
    }
    Object rate = number("Simple Average", f[at[12]]);
    if (rate instanceof Parsed p) {
      return p;
    }
    Object lines = f[at[17]].isBlank() ? null : number("Nbr of Total Lines", f[at[17]]);
    if (lines instanceof Parsed p) {
      return p;
    }
    Object imports = f[at[20]].isBlank() ? null : number("Imports Value in 1000 USD", f[at[20]]);
    if (imports instanceof Parsed p) {
      return p;
    }
    boolean mfn = type.equals(TariffEngine.MFN);
    String partners = mfn || partner.equals("WLD") ? null : partner;
    Long n = lines == null ? null : (long) (double) (Double) lines;
    Double usd = imports == null ? null : (Double) imports * 1000;
    String key = (mfn ? reporter : type + "|" + reporter + "|" + partners) + "|" + year + "|" + product;
    return new Parsed(null, null, new Object[] {type, reporter, partners, year, f[at[1]].trim(), product, "AV", rate,
        null, null, rate, null, false, n, usd}, key, repaired);
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
        f[6].isBlank() ? null : f[6].trim(), ave, rate, null, trq, null, null}, reporter + "|" + year + "|" + code,
        false);
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
        base, staging, trq, null, null}, id + "|" + importer + "|" + partners + "|" + code, false);
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
