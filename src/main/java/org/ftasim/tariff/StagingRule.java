package org.ftasim.tariff;

import java.io.Serializable;
import org.ftasim.sector.SectorMap;

/**
 * A scenario's choice of staging category for a set of HS6 products: an HS range ({@code "8703"}, {@code "28-38"},
 * {@code "0101-0106"}: codes whose prefix of the bound's length lies between the bounds), a WTO group ({@code AG}
 * or {@code NAMA}) or a model sector of the sector map.
 */
public record StagingRule(Kind kind, String from, String to, String category) implements Serializable {

  public enum Kind { HS, GROUP, SECTOR }

  public StagingRule {
    if (kind == Kind.HS) {
      if (!from.matches("\\d{2,6}") || !to.matches("\\d{2,6}") || from.length() != to.length()
          || from.compareTo(to) > 0) {
        throw new IllegalArgumentException("HS range '" + from + (from.equals(to) ? "" : "-" + to)
            + "' must be one code or two codes of equal length (2 to 6 digits), low-high, e.g. 28-38 or 8703");
      }
    }
    if (kind == Kind.GROUP && !from.equals("AG") && !from.equals("NAMA")) {
      throw new IllegalArgumentException("WTO group '" + from + "' must be AG or NAMA");
    }
  }

  /** Parses {@code "8703"} or {@code "28-38"}. */
  public static StagingRule hsRange(String range, String category) {
    String[] p = range.trim().split("-", -1);
    return new StagingRule(Kind.HS, p[0], p.length > 1 ? p[1] : p[0], category);
  }

  public boolean matches(String hs6, SectorMap sectors) {
    return switch (kind) {
      case HS -> {
        String prefix = hs6.substring(0, from.length());
        yield prefix.compareTo(from) >= 0 && prefix.compareTo(to) <= 0;
      }
      case GROUP -> HsGroups.wtoGroup(hs6).equals(from);
      case SECTOR -> from.equals(sectors.sectorOf(hs6));
    };
  }
}
