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

  /** Codes up to four digits index this table of ISO3 codes (null: not in the release's country list). */
  private static final int CODES = 10_000;
  /** Powers of ten exactly representable as doubles (10^22 is the largest). */
  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int e = 1; e < POW10.length; e++) {
      POW10[e] = POW10[e - 1] * 10;
    }
  }

  private final String[] countries;
  /** The release's six-digit HS codes, ascending, and the same codes as text (one instance per code). */
  private final int[] productCodes;
  private final String[] productTexts;
  private final int fileYear;

  /**
   * @param countries BACI numeric code → ISO3 as ftasim uses it
   * @param products the release's HS6 codes
   * @param fileYear the year in the file name, or 0 to accept any
   */
  public BaciParser(Map<Integer, String> countries, Set<String> products, int fileYear) {
    this.countries = new String[CODES];
    countries.forEach((code, iso3) -> {
      if (code >= 0 && code < CODES) {
        this.countries[code] = iso3;
      }
    });
    // a product list entry that is not six digits can never match a line's code, which must be six digits
    this.productTexts = products.stream().filter(k -> k.length() == 6 && isDigits(k)).sorted()
        .toArray(String[]::new);
    this.productCodes = new int[productTexts.length];
    for (int p = 0; p < productTexts.length; p++) {
      productCodes[p] = Integer.parseInt(productTexts[p]);
    }
    this.fileYear = fileYear;
  }

  private BaciParser(BaciParser release, int fileYear) {
    this.countries = release.countries;
    this.productCodes = release.productCodes;
    this.productTexts = release.productTexts;
    this.fileYear = fileYear;
  }

  /** The same release's lists, checking that every line's year is {@code year}. */
  public BaciParser forYear(int year) {
    return new BaciParser(this, year);
  }

  /**
   * Works on the line's characters in place: fields are located once and read as numbers without substrings, as
   * the ingest of a BACI year parses ten million lines twice. Text is cut out only for a reject's message.
   */
  public ParsedLine parse(String line, ParsedLine out) {
    out.reset();
    if (line.isBlank()) {
      return reject(out, Reject.BLANK_LINE, "the line is empty");
    }
    int[] f = out.fields;
    if (!split(line, f)) {
      return reject(out, Reject.COLUMN_COUNT, "expected 6 columns t,i,j,k,v,q, found "
          + (line.chars().filter(c -> c == ',').count() + 1));
    }
    int year = digits(line, f[0], f[1], 4);
    if (year < 0) {
      return reject(out, Reject.BAD_YEAR, "year t='" + line.substring(f[0], f[1]) + "' is not a four-digit year");
    }
    out.year = year;
    if (out.year < 1900 || out.year > 2100) {
      return reject(out, Reject.BAD_YEAR, "year t=" + line.substring(f[0], f[1]) + " is outside 1900-2100");
    }
    if (fileYear != 0 && out.year != fileYear) {
      return reject(out, Reject.BAD_YEAR, "year t=" + line.substring(f[0], f[1]) + " in a file for " + fileYear);
    }
    int i = code(line, f[2], f[3]);
    out.exporter = i < 0 ? null : countries[i];
    if (out.exporter == null) {
      return reject(out, Reject.UNKNOWN_COUNTRY, "exporter i='" + line.substring(f[2], f[3])
          + "' is not in the country list");
    }
    int j = code(line, f[4], f[5]);
    out.importer = j < 0 ? null : countries[j];
    if (out.importer == null) {
      return reject(out, Reject.UNKNOWN_COUNTRY, "importer j='" + line.substring(f[4], f[5])
          + "' is not in the country list");
    }
    int k = digits(line, f[6], f[7], 6);
    if (k < 0) {
      k = digits(line, f[6], f[7], 5);
      if (k < 0) {
        return reject(out, Reject.MALFORMED_HS, "product k='" + line.substring(f[12], f[13])
            + "' is not a six-digit HS code");
      }
      out.repaired = true;
    }
    int product = java.util.Arrays.binarySearch(productCodes, k);
    if (product < 0) {
      return reject(out, Reject.UNKNOWN_HS, "product k=" + String.format("%06d", k)
          + " is not in the release's product list");
    }
    out.hs6 = productTexts[product];
    out.key = ((long) (out.year - 1900) << 52) | ((long) i << 36) | ((long) j << 20) | k;
    double v = number(line, f[8], f[9], "value v", out);
    if (out.reason != null) {
      return out;
    }
    out.valueUsd = v * 1000;
    if (!line.startsWith("NA", f[10]) || f[11] - f[10] != 2) {
      double qt = number(line, f[10], f[11], "quantity q", out);
      if (out.reason != null) {
        return out;
      }
      out.quantityT = qt;
    }
    return out;
  }

  /**
   * A non-negative finite number, else a reject on {@code out}. Plain decimals of up to 15 digits (BACI's own
   * layout) are read exactly without {@link Double#parseDouble}: the digits as an integer below 2^53 divided by an
   * exact power of ten is one correctly rounded operation, hence the same double (Clinger, "How to read floating
   * point numbers accurately", PLDI 1990). Anything else (signs, exponents, NaN, ...) goes to parseDouble.
   */
  private static double number(String line, int from, int to, String what, ParsedLine out) {
    long mantissa = 0;
    int digits = 0;
    int point = -1;
    for (int c = from; c < to; c++) {
      char ch = line.charAt(c);
      if (ch >= '0' && ch <= '9') {
        mantissa = mantissa * 10 + (ch - '0');
        digits++;
      } else if (ch == '.' && point < 0) {
        point = c;
      } else {
        digits = -1;
        break;
      }
    }
    if (digits > 0 && digits <= 15) {
      return point < 0 ? mantissa : mantissa / POW10[to - point - 1];
    }
    String s = line.substring(from, to);
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      reject(out, Reject.BAD_NUMBER, what + "='" + s + "' is not a number");
      return 0;
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      reject(out, Reject.NOT_FINITE, what + "='" + s + "' is not finite");
      return 0;
    }
    if (d < 0) {
      reject(out, Reject.NEGATIVE_NUMBER, what + "=" + s + " is negative");
      return 0;
    }
    return d;
  }

  /** A country code of one to four digits, or −1. */
  private static int code(String line, int from, int to) {
    for (int n = 1; n <= 4; n++) {
      int c = digits(line, from, to, n);
      if (c >= 0) {
        return c;
      }
    }
    return -1;
  }

  /** The value of {@code line[from, to)} when it is exactly {@code n} ASCII digits, else −1. */
  private static int digits(String line, int from, int to, int n) {
    if (to - from != n) {
      return -1;
    }
    int v = 0;
    for (int c = from; c < to; c++) {
      char ch = line.charAt(c);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
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

  /**
   * Locates six comma-separated fields: {@code f[2c], f[2c+1]} are field c's bounds without the blanks around it
   * (as {@link String#trim()}) and without the double quotes of a re-saved file, {@code f[12], f[13]} are field 3's untrimmed bounds. False when there are more or
   * fewer than six.
   */
  private static boolean split(String line, int[] f) {
    int start = 0;
    int n = line.length();
    for (int c = 0; c < 6; c++) {
      int end = c < 5 ? line.indexOf(',', start) : n;
      if (end < 0 || (c == 5 && line.indexOf(',', start) >= 0)) {
        return false;
      }
      if (c == 3) {
        f[12] = start;
        f[13] = end;
      }
      int from = start;
      int to = end;
      while (from < to && line.charAt(from) <= ' ') {
        from++;
      }
      while (to > from && line.charAt(to - 1) <= ' ') {
        to--;
      }
      if (to - from >= 2 && line.charAt(from) == '"' && line.charAt(to - 1) == '"') {
        // a file re-saved with every field quoted
        from++;
        to--;
      }
      f[2 * c] = from;
      f[2 * c + 1] = to;
      start = end + 1;
    }
    return true;
  }

  static ParsedLine reject(ParsedLine out, Reject reason, String message) {
    out.reason = reason;
    out.message = message;
    return out;
  }
}
