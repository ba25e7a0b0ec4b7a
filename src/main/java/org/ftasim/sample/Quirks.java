package org.ftasim.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sample plants in its BACI files so that every run exercises the ingest's repairs and rejects, as real
 * downloads do: the first year's file has the HS codes of chapters 01–09 without their leading zero (a file
 * re-saved by a spreadsheet; the ingest repairs and counts them), quantities are {@code NA} for about 2% of
 * flows, and the last year's file holds five bad rows, one of each kind named here with the reason code the
 * ingest gives it.
 */
public final class Quirks {
  private Quirks() {}

  /** A planted bad line and the ingest's reason code for it. */
  public record Planted(String line, String reason) {}

  /** The bad lines appended to the last year's file. */
  public static List<Planted> planted(SampleWorld world, int year) {
    Economy a = byIso(world, "KOR");
    Economy b = byIso(world, "JPN");
    String code = world.hs().products().get(world.hs().size() / 2).code();
    List<Planted> out = new ArrayList<>();
    out.add(new Planted(year + "," + a.code() + "," + b.code() + "," + code + ",-12.500,1.000", "NEGATIVE_NUMBER"));
    out.add(new Planted(year + ",1," + b.code() + "," + code + ",3.250,0.500", "UNKNOWN_COUNTRY"));
    out.add(new Planted(year + "," + a.code() + "," + b.code() + ",999999,4.000,0.200", "UNKNOWN_HS"));
    out.add(new Planted(year + "," + a.code() + "," + b.code() + "," + code + ",5.000", "COLUMN_COUNT"));
    return out;
  }

  /**
   * The last year's file also repeats the first line of the first exporter right after it, as a file stitched
   * together twice would: a DUPLICATE_KEY reject that keeps the file in BACI's sort order.
   */
  public static final String DUPLICATE = "DUPLICATE_KEY";

  private static Economy byIso(SampleWorld world, String iso) {
    return world.economies().stream().filter(e -> e.isoCode().equals(iso)).findFirst()
        .orElse(world.economies().get(0));
  }

  public static Map<String, Long> reasons(List<Planted> planted) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Planted p : planted) {
      m.merge(p.reason(), 1L, Long::sum);
    }
    return m;
  }
}
