package org.ftasim.sector;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HS6 → model sector: a code belongs to the sector of its longest matching prefix. Either read from a
 * {@code hs_prefix,sector,theta} file ({@code conf/sectors/ftasim-21.csv}; a row with an empty prefix names the
 * non-traded sector), or composed from HS → ICIO industry ({@code conf/sectors/hs-icio.csv}) and ICIO industry →
 * sector ({@link IndustryMap}); the bundled map is that composition, so trade flows, tariffs and an OECD ICIO table
 * meet in the same sectors.
 */
public final class SectorMap implements Serializable {

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

  /** HS → ICIO industry (conf/sectors/hs-icio.csv) composed with the bundled {@link IndustryMap}. */
  public static SectorMap bundled() {
    return bundled(IndustryMap.bundled());
  }

  /** HS → ICIO industry (conf/sectors/hs-icio.csv) composed with {@code industries}. */
  public static SectorMap bundled(IndustryMap industries) {
    try (InputStream in = SectorMap.class.getResourceAsStream(IndustryMap.BUNDLED_HS)) {
      if (in == null) {
        throw new IllegalStateException("resource " + IndustryMap.BUNDLED_HS + " is missing from the build");
      }
      return composed(in, "conf/sectors/hs-icio.csv (bundled)", industries);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A {@code hs_prefix,industry} file composed with an industry map: each prefix goes to its industry's sector. The
   * non-traded sector is the one whose industries no prefix reaches.
   */
  public static SectorMap composed(InputStream hsIndustry, String source, IndustryMap industries) throws IOException {
    Map<String, String> industryOf = industryOf(hsIndustry, source, industries);
    Map<String, String> byPrefix = new HashMap<>();
    industryOf.forEach((prefix, industry) -> byPrefix.put(prefix, industries.sectorOf(industry)));
    List<String> sectors = industries.sectors();
    Map<String, Double> theta = new LinkedHashMap<>();
    sectors.forEach(s -> theta.put(s, industries.theta(s)));
    List<String> untraded = new ArrayList<>(sectors);
    untraded.removeAll(byPrefix.values());
    if (untraded.size() > 1) {
      throw SectorErrors.sectorsWithoutCodes(source, untraded, industries.source());
    }
    return new SectorMap(byPrefix, sectors, theta, untraded.isEmpty() ? null : untraded.get(0));
  }

  /**
   * The bundled HS → ICIO industry map at industry level: its "sectors" are the industries HS codes reach, in the
   * industry map's order, then the industry map's non-traded sector standing for all industries without HS codes
   * (the sample world builds its input-output data at this level).
   */
  public static SectorMap industryLevel(IndustryMap industries) {
    try (InputStream in = SectorMap.class.getResourceAsStream(IndustryMap.BUNDLED_HS)) {
      if (in == null) {
        throw new IllegalStateException("resource " + IndustryMap.BUNDLED_HS + " is missing from the build");
      }
      Map<String, String> byPrefix = industryOf(in, "conf/sectors/hs-icio.csv (bundled)", industries);
      String nonTraded = bundled(industries).nonTraded();
      Map<String, Double> theta = new LinkedHashMap<>();
      for (String industry : industries.industries()) {
        if (byPrefix.containsValue(industry)) {
          theta.put(industry, industries.theta(industries.sectorOf(industry)));
        }
      }
      theta.put(nonTraded, industries.theta(nonTraded));
      return new SectorMap(byPrefix, new ArrayList<>(theta.keySet()), theta, nonTraded);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HS prefix → ICIO industry (2023 code) of a {@code hs_prefix,industry} file. */
  public static Map<String, String> industryOf(InputStream in, String source, IndustryMap industries)
      throws IOException {
    Map<String, String> out = new HashMap<>();
    for (MapFile.Row row : MapFile.read(in, source, "hs_prefix,industry")) {
      String[] f = row.fields();
      if (!f[0].matches("\\d{1,6}")) {
        throw SectorErrors.badPrefixRow(source, row.line(), row.text(), "hs_prefix,industry", "one to six");
      }
      String industry = industries.canonical(f[1].trim());
      if (industry == null) {
        throw SectorErrors.unknownIndustry(source, row.line(), f[1], industries.source());
      }
      if (out.put(f[0], industry) != null) {
        throw SectorErrors.prefixTwice(source, row.line(), f[0]);
      }
    }
    return out;
  }

  public static SectorMap read(InputStream in, String source) throws IOException {
    Map<String, String> byPrefix = new HashMap<>();
    Map<String, Double> theta = new LinkedHashMap<>();
    String nonTraded = null;
    for (MapFile.Row row : MapFile.read(in, source, "hs_prefix,sector,theta")) {
      String[] f = row.fields();
      int no = row.line();
      if (f[1].isBlank() || !f[0].matches("\\d{0,6}")) {
        throw SectorErrors.badPrefixRow(source, no, row.text(), "hs_prefix,sector,theta", "up to six");
      }
      double t;
      try {
        t = Double.parseDouble(f[2]);
      } catch (NumberFormatException e) {
        t = Double.NaN;
      }
      if (!(t > 0) || Double.isInfinite(t)) {
        throw SectorErrors.badTheta(source, no, f[2]);
      }
      Double before = theta.put(f[1], t);
      if (before != null && before != t) {
        throw SectorErrors.twoThetas(source, no, f[1], before, t);
      }
      if (f[0].isEmpty()) {
        nonTraded = f[1];
      } else if (byPrefix.put(f[0], f[1]) != null) {
        throw SectorErrors.prefixTwice(source, no, f[0]);
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

  /** HS prefix → sector, every prefix of the map. */
  public Map<String, String> prefixes() {
    return java.util.Collections.unmodifiableMap(byPrefix);
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
