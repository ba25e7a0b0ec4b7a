package org.ftasim.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftasim.table.Csv;

/**
 * What a BACI file's name and its release's companion files say: {@code BACI_HS17_Y2022_V202401.csv} is HS 2017
 * (H5), year 2022, release 202401, and comes with {@code country_codes_V202401.csv} and
 * {@code product_codes_HS17_V202401.csv} in the same folder.
 */
public final class BaciRelease {
  public static final Pattern FILE = Pattern.compile("BACI_HS(\\d\\d)_Y(\\d{4})_V(\\w+)\\.csv");
  public static final String HEADER = "t,i,j,k,v,q";
  /** BACI's own three-letter codes that are not ISO3, and the ISO3 ftasim uses for them. */
  public static final Map<String, String> ALIASES = Map.of("S19", "TWN");
  /** BACI's and Comtrade's code for "Other Asia, nes", which is Taiwan whatever a list's iso3 column says. */
  public static final int OTHER_ASIA = 490;

  private BaciRelease() {}

  /** File name facts: HS version (H0…H6), year, release tag. */
  public record Name(String hsVersion, String hsDigits, int year, String tag) {}

  public static Name parseName(String fileName) {
    Matcher m = FILE.matcher(fileName);
    if (!m.matches()) {
      throw IngestErrors.notABaciName(fileName);
    }
    return new Name(hsVersion(m.group(1)), m.group(1), Integer.parseInt(m.group(2)), m.group(3));
  }

  static String hsVersion(String digits) {
    return switch (digits) {
      case "92" -> "H0";
      case "96" -> "H1";
      case "02" -> "H2";
      case "07" -> "H3";
      case "12" -> "H4";
      case "17" -> "H5";
      case "22" -> "H6";
      default -> throw IngestErrors.unknownBaciVersion(digits);
    };
  }

  /** Whether a header line is BACI's {@code t,i,j,k,v,q}, quoted or not (a file re-saved by a spreadsheet). */
  public static boolean isHeader(String line) {
    return unquoted(line).equals(HEADER);
  }

  private static String unquoted(String line) {
    return line.replace("\uFEFF", "").replace("\"", "").replace(" ", "").trim();
  }

  /** The country list's layouts: releases from V202301 on, and the releases before (Latin-1 in some). */
  static final String COUNTRIES_NEW = "country_code,country_name,country_iso2,country_iso3";
  static final String COUNTRIES_OLD = "country_code,country_name_abbreviation,country_name_full,iso_2digit_alpha,"
      + "iso_3digit_alpha";

  /**
   * Numeric code → ISO3 from {@code country_codes_V*.csv} text, in either layout; 490 ("Other Asia, nes") is Taiwan
   * whatever its iso3 column says ({@code N/A} in old lists, {@code S19} in new ones).
   */
  public static Map<Integer, String> countries(String text, String file) {
    Map<Integer, String> m = new HashMap<>();
    String[] lines = text.split("\r?\n");
    String header = lines.length == 0 ? "" : unquoted(lines[0]);
    int iso3Column = header.equals(COUNTRIES_NEW) ? 3 : header.equals(COUNTRIES_OLD) ? 4 : -1;
    if (iso3Column < 0) {
      throw IngestErrors.notACountryList(file, lines[0], COUNTRIES_NEW, COUNTRIES_OLD);
    }
    for (int r = 1; r < lines.length; r++) {
      if (lines[r].isBlank()) {
        continue;
      }
      String[] f = Csv.split(lines[r]);
      try {
        int code = Integer.parseInt(f[0].trim());
        String iso3 = f[iso3Column].trim();
        m.put(code, code == OTHER_ASIA ? "TWN" : ALIASES.getOrDefault(iso3, iso3));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw IngestErrors.badCountryLine(file, r + 1, iso3Column == 3 ? COUNTRIES_NEW : COUNTRIES_OLD, lines[r]);
      }
    }
    return m;
  }

  /** HS6 codes from {@code product_codes_HS*_V*.csv} text (codes that lost their leading zero are padded). */
  public static Set<String> products(String text, String file) {
    String[] lines = text.split("\r?\n");
    String header = lines.length == 0 ? "" : unquoted(lines[0]);
    if (!header.equals("code,description")) {
      throw IngestErrors.notAProductList(file, lines[0]);
    }
    Set<String> s = new HashSet<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        String code = Csv.split(lines[i])[0].trim();
        s.add(code.length() == 5 ? "0" + code : code);
      }
    }
    return s;
  }
}
