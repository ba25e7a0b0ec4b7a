package org.ftasim.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * UN M49 / ISO 3166-1 numeric country codes → ISO3, as UN Comtrade and WITS/TRAINS write reporters and partners.
 * The table ({@code m49.csv}) is ISO 3166-1 (numeric, alpha-3) plus the codes these publishers use beside it: 0 World
 * (WLD), 842 USA, 251 France, 699 India, 757 Switzerland, 579 Norway (Comtrade's reporting codes), 490 "Other Asia,
 * nes" (Taiwan, as in BACI) and 918 European Union (WITS's group, EUN).
 */
public final class M49 {
  private static final Map<Integer, String> ISO3 = load();

  private M49() {}

  /** The ISO3 code (WLD, EUN for World and the EU), or null for a code the table lacks. */
  public static String iso3(int code) {
    return ISO3.get(code);
  }

  /** The code as written (blanks and a ".0" of a spreadsheet number allowed), or null when it is no M49 code. */
  public static String iso3(String text) {
    String t = text.trim();
    if (t.endsWith(".0")) {
      t = t.substring(0, t.length() - 2);
    }
    if (t.isEmpty() || t.length() > 4 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return ISO3.get(Integer.parseInt(t));
  }

  /** The ISO 3166-1 numeric code of an ISO3 code (the smallest of its codes: 840 for USA, not Comtrade's 842). */
  public static Integer code(String iso3) {
    return ISO3.entrySet().stream().filter(e -> e.getValue().equals(iso3)).map(Map.Entry::getKey)
        .min(Integer::compare).orElse(null);
  }

  private static Map<Integer, String> load() {
    Map<Integer, String> m = new HashMap<>();
    try (InputStream in = M49.class.getResourceAsStream("m49.csv")) {
      String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] f = Csv.split(lines[i]);
        m.put(Integer.parseInt(f[0]), f[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the bundled m49.csv", e);
    }
    return Collections.unmodifiableMap(m);
  }
}
