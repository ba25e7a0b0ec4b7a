package org.ftasim.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HS6 → model sector, from a {@code conf/sectors/*.csv} file ({@code hs_prefix,sector,theta}): a code belongs to the
 * sector of its longest matching prefix; a row with an empty prefix names the non-traded sector (services).
 */
public final class SectorMap implements Serializable {
  public static final String BUNDLED = "/ftasim-conf/sectors/ftasim-21.csv";

  private final Map<String, String> byPrefix;
  private final List<String> sectors;
  private final Map<String, Double> theta;
  private final String nonTraded;

  private SectorMap(Map<String, String> byPrefix, List<String> sectors, Map<String, Double> theta, String nonTraded) {
    this.byPrefix = byPrefix;
    this.sectors = sectors;
    this.theta = theta;
    this.nonTraded = nonTraded;
  }

  public static SectorMap bundled() {
    try (InputStream in = SectorMap.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("resource " + BUNDLED + " is missing from the build");
      }
      return read(in, "conf/sectors/ftasim-21.csv (bundled)");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SectorMap read(InputStream in, String source) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Map<String, String> byPrefix = new HashMap<>();
    Map<String, Double> theta = new LinkedHashMap<>();
    String nonTraded = null;
    boolean header = true;
    String line;
    int no = 0;
    while ((line = r.readLine()) != null) {
      no++;
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (header) {
        if (!line.trim().equals("hs_prefix,sector,theta")) {
          throw new UserException(source + " line " + no + ": header '" + line + "' should be hs_prefix,sector,theta");
        }
        header = false;
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 3 || f[1].isBlank() || !f[0].matches("\\d{0,6}")) {
        throw new UserException(source + " line " + no + ": '" + line + "' is not hs_prefix,sector,theta with a"
            + " prefix of up to six digits");
      }
      double t;
      try {
        t = Double.parseDouble(f[2]);
      } catch (NumberFormatException e) {
        t = Double.NaN;
      }
      if (!(t > 0) || Double.isInfinite(t)) {
        throw new UserException(source + " line " + no + ": theta '" + f[2] + "' must be a number greater than 0");
      }
      Double before = theta.put(f[1], t);
      if (before != null && before != t) {
        throw new UserException(source + " line " + no + ": sector " + f[1] + " has theta " + before + " and " + t);
      }
      if (f[0].isEmpty()) {
        nonTraded = f[1];
      } else if (byPrefix.put(f[0], f[1]) != null) {
        throw new UserException(source + " line " + no + ": prefix " + f[0] + " is mapped twice");
      }
    }
    return new SectorMap(byPrefix, new ArrayList<>(theta.keySet()), theta, nonTraded);
  }

  /** The sector of an HS6 code, or null when no prefix matches. */
  public String sectorOf(String hs6) {
    for (int len = Math.min(6, hs6.length()); len >= 1; len--) {
      String s = byPrefix.get(hs6.substring(0, len));
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** All sectors in file order, the non-traded one included. */
  public List<String> sectors() {
    return sectors;
  }

  public double theta(String sector) {
    return theta.get(sector);
  }

  /** The sector with no HS codes (services), or null. */
  public String nonTraded() {
    return nonTraded;
  }
}
