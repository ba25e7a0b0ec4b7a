package org.ftasim.table;

import java.util.Locale;

/** CSV formatting shared by the commands that print or write CSV (RFC 4180 quoting, fixed-point numbers). */
public final class Csv {
  private Csv() {}

  /** A field, quoted when it holds a comma, a quote or a line break. */
  public static String field(String v) {
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** A number with six decimals, locale-independent. */
  public static String number(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
