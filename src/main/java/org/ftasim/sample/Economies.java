package org.ftasim.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ftasim.table.Csv;

/**
 * The sample's economies. Small scale: Korea, Japan, China, the USA, the other CPTPP members, four EU members,
 * Taiwan, India, Indonesia, Thailand and a rest of the world (24). Larger counts replace the rest of the world by
 * real ISO economies (named from the JDK's ISO 3166 list) that share its GDP and exports along a Zipf curve.
 */
public final class Economies {
  public static final int SMALL = 24;

  private Economies() {}

  public static List<Economy> forCount(int count, long seed) {
    List<Economy> core = readCore();
    if (count < 3) {
      throw new IllegalArgumentException("the sample needs at least 3 economies (Korea, Japan and one more), got " + count);
    }
    Economy row = core.get(core.size() - 1);
    List<Economy> named = core.subList(0, core.size() - 1);
    if (count <= SMALL) {
      List<Economy> out = new ArrayList<>(named.subList(0, count - 1));
      out.add(row);
      return byCode(out);
    }
    List<Economy> out = new ArrayList<>(named);
    Set<String> taken = new HashSet<>();
    Set<Integer> codes = new HashSet<>();
    for (Economy e : core) {
      taken.add(e.iso2());
      codes.add(e.code());
    }
    taken.add("TW");
    String[] iso2s = Locale.getISOCountries();
    Arrays.sort(iso2s);
    List<String> extra = new ArrayList<>();
    for (String iso2 : iso2s) {
      if (!taken.contains(iso2)) {
        extra.add(iso2);
      }
    }
    int wanted = count - named.size();
    if (wanted > extra.size()) {
      throw new IllegalArgumentException("at most " + (named.size() + extra.size()) + " economies are available, asked "
          + count);
    }
    double z = 0;
    for (int r = 0; r < wanted; r++) {
      z += zipf(r);
    }
    // Ranks by a seeded shuffle, so that large and small economies are spread across the alphabet.
    int[] rank = new int[wanted];
    for (int r = 0; r < wanted; r++) {
      rank[r] = r;
    }
    for (int r = wanted - 1; r > 0; r--) {
      int s = (int) (Noise.uniform(seed, 11, r) * (r + 1));
      int t = rank[r];
      rank[r] = rank[s];
      rank[s] = t;
    }
    int code = 4;
    for (int r = 0; r < wanted; r++) {
      String iso2 = extra.get(r);
      Locale l = new Locale("", iso2);
      while (codes.contains(code)) {
        code += 4;
      }
      codes.add(code);
      double share = zipf(rank[r]) / z;
      double lat = -40 + 100 * Noise.uniform(seed, 12, r);
      double lon = -120 + 270 * Noise.uniform(seed, 13, r);
      out.add(new Economy(code, l.getDisplayCountry(Locale.ENGLISH), iso2, l.getISO3Country(), row.gdpBn() * share,
          row.exportsBn() * share, lat, lon, row.goodsVaShare(), row.exportBoost(), row.importBoost(), true));
      code += 4;
    }
    return byCode(out);
  }

  /** BACI's files are sorted by exporter, importer and product code; the sample keeps its economies in code order. */
  private static List<Economy> byCode(List<Economy> economies) {
    List<Economy> sorted = new ArrayList<>(economies);
    sorted.sort(java.util.Comparator.comparingInt(Economy::code));
    return sorted;
  }

  private static double zipf(int rank) {
    return 1.0 / Math.pow(rank + 3, 1.1);
  }

  static List<Economy> readCore() {
    List<Economy> out = new ArrayList<>();
    for (String[] f : Resources.csv("economies.csv")) {
      out.add(new Economy(Integer.parseInt(f[0]), f[1], f[2], f[3], Double.parseDouble(f[4]), Double.parseDouble(f[5]),
          Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]), boosts(f[9]), boosts(f[10]),
          false));
    }
    return out;
  }

  private static Map<Integer, Double> boosts(String text) {
    Map<Integer, Double> m = new LinkedHashMap<>();
    if (text.isBlank()) {
      return m;
    }
    for (String kv : text.split(";")) {
      String[] p = kv.split(":");
      m.put(Integer.parseInt(p[0]), Double.parseDouble(p[1]));
    }
    return m;
  }

  /** The small CSV resources of this package: '#' comments, a header, commas, double quotes around commas. */
  static final class Resources {
    private Resources() {}

    static List<String[]> csv(String name) {
      try (InputStream in = Economies.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("resource org/ftasim/sample/" + name + " is missing from the build");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("#") || line.isBlank()) {
            continue;
          }
          if (header) {
            header = false;
            continue;
          }
          rows.add(Csv.split(line));
        }
        return rows;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
