package org.ftasim.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CSV shared by the commands and readers: RFC 4180 quoting, fixed-point numbers, splitting a line into fields. */
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

  /** The fields of one CSV line: commas, optional double quotes, {@code ""} for a quote inside them. */
  public static String[] split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out.toArray(new String[0]);
  }
}
