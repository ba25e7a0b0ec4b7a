package org.ftasim.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftasim.config.UserException;
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

  private BaciRelease() {}

  /** File name facts: HS version (H0…H6), year, release tag. */
  public record Name(String hsVersion, String hsDigits, int year, String tag) {}

  public static Name parseName(String fileName) {
    Matcher m = FILE.matcher(fileName);
    if (!m.matches()) {
      throw new UserException("file " + fileName + " is not named like a BACI file (BACI_HS17_Y2022_V202401.csv);"
          + " fix: keep CEPII's file names, which carry the HS version, year and release");
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
      default -> throw new UserException("BACI HS version HS" + digits + " is unknown; expected HS92, HS96, HS02,"
          + " HS07, HS12, HS17 or HS22");
    };
  }

  /** Numeric code → ISO3 from {@code country_codes_V*.csv} text. */
  public static Map<Integer, String> countries(String text, String file) {
    Map<Integer, String> m = new HashMap<>();
    List<String[]> rows = csv(text, file, "country_code,country_name,country_iso2,country_iso3");
    for (int r = 0; r < rows.size(); r++) {
      String[] f = rows.get(r);
      try {
        String iso3 = f[3].trim();
        m.put(Integer.parseInt(f[0].trim()), ALIASES.getOrDefault(iso3, iso3));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new UserException(file + " line " + (r + 2) + ": expected country_code,country_name,country_iso2,"
            + "country_iso3 with a numeric code, found '" + String.join(",", f) + "'");
      }
    }
    return m;
  }

  /** HS6 codes from {@code product_codes_HS*_V*.csv} text (codes that lost their leading zero are padded). */
  public static Set<String> products(String text, String file) {
    Set<String> s = new HashSet<>();
    for (String[] f : csv(text, file, "code,description")) {
      String code = f[0].trim();
      s.add(code.length() == 5 ? "0" + code : code);
    }
    return s;
  }

  private static List<String[]> csv(String text, String file, String header) {
    String[] lines = text.split("\r?\n");
    String first = lines.length == 0 ? "" : lines[0].replace("\uFEFF", "").trim();
    if (!first.equals(header)) {
      throw new UserException(file + ": header '" + first + "' is not " + header + "; fix: use the file of the same"
          + " BACI release");
    }
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        rows.add(Csv.split(lines[i]));
      }
    }
    return rows;
  }
}
