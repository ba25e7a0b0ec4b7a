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
 * OECD ICIO industries → model sectors, from {@code conf/sectors/icio-industries.csv}
 * ({@code icio2023,icio2021,sector,theta}): each of the ICIO's industries under its code in the 2023 edition
 * ({@code C26}) and in the 2021 edition ({@code D26}), the model sector it belongs to and that sector's θ. The
 * sector whose industries have no HS codes in {@code conf/sectors/hs-icio.csv} is the non-traded one.
 */
public final class IndustryMap implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String BUNDLED = "/ftasim-conf/sectors/icio-industries.csv";
  public static final String BUNDLED_HS = "/ftasim-conf/sectors/hs-icio.csv";

  private final String source;
  private final List<String> industries;
  private final Map<String, String> sectorOf;
  private final Map<String, String> canonical;
  private final Map<String, Double> theta;

  private IndustryMap(String source, List<String> industries, Map<String, String> sectorOf,
      Map<String, String> canonical, Map<String, Double> theta) {
    this.source = source;
    this.industries = industries;
    this.sectorOf = sectorOf;
    this.canonical = canonical;
    this.theta = theta;
  }

  public static IndustryMap bundled() {
    try (InputStream in = IndustryMap.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("resource " + BUNDLED + " is missing from the build");
      }
      return read(in, "conf/sectors/icio-industries.csv (bundled)");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static IndustryMap read(InputStream in, String source) throws IOException {
    List<String> industries = new ArrayList<>();
    Map<String, String> sectorOf = new HashMap<>();
    Map<String, String> canonical = new HashMap<>();
    Map<String, Double> theta = new LinkedHashMap<>();
    for (MapFile.Row row : MapFile.read(in, source, "icio2023,icio2021,sector,theta")) {
      String[] f = row.fields();
      if (f[0].isBlank() || f[2].isBlank()) {
        throw SectorErrors.blankIndustryOrSector(source, row.line(), row.text());
      }
      double t = number(f[3]);
      if (!(t > 0) || Double.isInfinite(t)) {
        throw SectorErrors.badTheta(source, row.line(), f[3]);
      }
      Double before = theta.put(f[2], t);
      if (before != null && before != t) {
        throw SectorErrors.twoThetas(source, row.line(), f[2], before, t);
      }
      for (String code : f[1].isBlank() ? List.of(f[0]) : List.of(f[0], f[1])) {
        if (canonical.put(code, f[0]) != null) {
          throw SectorErrors.industryTwice(source, row.line(), code);
        }
      }
      industries.add(f[0]);
      sectorOf.put(f[0], f[2]);
    }
    if (industries.isEmpty()) {
      throw SectorErrors.noIndustries(source);
    }
    return new IndustryMap(source, industries, sectorOf, canonical, theta);
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Where the map was read from, for messages. */
  public String source() {
    return source;
  }

  /** The industries under their 2023 codes, in file order. */
  public List<String> industries() {
    return industries;
  }

  /** The 2023 code of an industry given in either edition's code, or null when the map does not list it. */
  public String canonical(String code) {
    return canonical.get(code);
  }

  /** The model sector of an industry (2023 code). */
  public String sectorOf(String industry) {
    return sectorOf.get(industry);
  }

  /** The model sectors in file order. */
  public List<String> sectors() {
    return new ArrayList<>(theta.keySet());
  }

  public double theta(String sector) {
    return theta.get(sector);
  }
}
