package org.ftasim.ingest;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * One line of a CEPII BACI file ({@code t,i,j,k,v,q}) checked and converted: numeric country codes through the
 * release's own country list (so 842 is the USA and 490, "Other Asia, nes", is Taiwan), {@code k} kept as text and
 * repaired when a spreadsheet dropped its leading zero (five digits ⇒ zero-padded, counted), {@code v} from
 * thousand USD to USD, a space-padded {@code NA} quantity to null. Anything else wrong is a {@link Reject}.
 */
public final class BaciParser implements FlowParser {
  /**
   * The result of one line: a flow (reason and filtered null), a reject (reason set), or a line the format says to
   * leave out (filtered set: a total, a World partner, …), which is counted but is not an error.
   */
  public static final class Parsed {
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
    /** Where the row comes from: BACI, COMTRADE_M (importer-reported) or COMTRADE_X (exporter-reported). */
    public String source = "BACI";
    /** (year, exporter code, importer code, hs6) packed in BACI's sort order: t, then i, j, k. */
    public long key;

    /** Clears what a previous line left, so one instance serves a whole chunk. */
    void reset() {
      reason = null;
      message = null;
      filtered = null;
      repaired = false;
      quantityT = null;
    }
  }

  private final Map<Integer, String> countries;
  private final Set<String> products;
  private final int fileYear;

  /**
   * @param countries BACI numeric code → ISO3 as ftasim uses it
   * @param products the release's HS6 codes
   * @param fileYear the year in the file name, or 0 to accept any
   */
  public BaciParser(Map<Integer, String> countries, Set<String> products, int fileYear) {
    this.countries = countries;
    this.products = products;
    this.fileYear = fileYear;
  }

  /** The same release's lists, checking that every line's year is {@code year}. */
  public BaciParser forYear(int year) {
    return new BaciParser(countries, products, year);
  }

  public Parsed parse(String line, Parsed out) {
    out.reset();
    if (line.isBlank()) {
      return reject(out, Reject.BLANK_LINE, "the line is empty");
    }
    String[] f = split(line);
    if (f == null) {
      return reject(out, Reject.COLUMN_COUNT, "expected 6 columns t,i,j,k,v,q, found "
          + (line.chars().filter(c -> c == ',').count() + 1));
    }
    String t = f[0].trim();
    if (t.length() != 4 || !isDigits(t)) {
      return reject(out, Reject.BAD_YEAR, "year t='" + t + "' is not a four-digit year");
    }
    out.year = Integer.parseInt(t);
    if (out.year < 1900 || out.year > 2100) {
      return reject(out, Reject.BAD_YEAR, "year t=" + t + " is outside 1900-2100");
    }
    if (fileYear != 0 && out.year != fileYear) {
      return reject(out, Reject.BAD_YEAR, "year t=" + t + " in a file for " + fileYear);
    }
    int i = code(f[1]);
    out.exporter = i < 0 ? null : countries.get(i);
    if (out.exporter == null) {
      return reject(out, Reject.UNKNOWN_COUNTRY, "exporter i='" + f[1].trim() + "' is not in the country list");
    }
    int j = code(f[2]);
    out.importer = j < 0 ? null : countries.get(j);
    if (out.importer == null) {
      return reject(out, Reject.UNKNOWN_COUNTRY, "importer j='" + f[2].trim() + "' is not in the country list");
    }
    String k = f[3].trim();
    if (k.length() == 5 && isDigits(k)) {
      k = "0" + k;
      out.repaired = true;
    }
    if (k.length() != 6 || !isDigits(k)) {
      return reject(out, Reject.MALFORMED_HS, "product k='" + f[3] + "' is not a six-digit HS code");
    }
    if (!products.contains(k)) {
      return reject(out, Reject.UNKNOWN_HS, "product k=" + k + " is not in the release's product list");
    }
    out.hs6 = k;
    out.key = ((long) (out.year - 1900) << 52) | ((long) i << 36) | ((long) j << 20) | Integer.parseInt(k);
    Double v = number(f[4], "value v", out);
    if (v == null) {
      return out;
    }
    out.valueUsd = v * 1000;
    String q = f[5].trim();
    if (!q.equals("NA")) {
      Double qt = number(f[5], "quantity q", out);
      if (qt == null) {
        return out;
      }
      out.quantityT = qt;
    }
    return out;
  }

  private Double number(String text, String what, Parsed out) {
    String s = text.trim();
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      reject(out, Reject.BAD_NUMBER, what + "='" + s + "' is not a number");
      return null;
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      reject(out, Reject.NOT_FINITE, what + "='" + s + "' is not finite");
      return null;
    }
    if (d < 0) {
      reject(out, Reject.NEGATIVE_NUMBER, what + "=" + s + " is negative");
      return null;
    }
    return d;
  }

  /** A country code of up to four digits, or −1. */
  private static int code(String text) {
    String s = text.trim();
    if (s.isEmpty() || s.length() > 4 || !isDigits(s)) {
      return -1;
    }
    return Integer.parseInt(s);
  }

  static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** Six comma-separated fields, or null when there are more or fewer. */
  private static String[] split(String line) {
    String[] f = new String[6];
    int start = 0;
    for (int c = 0; c < 5; c++) {
      int comma = line.indexOf(',', start);
      if (comma < 0) {
        return null;
      }
      f[c] = line.substring(start, comma);
      start = comma + 1;
    }
    if (line.indexOf(',', start) >= 0) {
      return null;
    }
    f[5] = line.substring(start);
    return f;
  }

  static Parsed reject(Parsed out, Reject reason, String message) {
    out.reason = reason;
    out.message = message;
    return out;
  }
}
