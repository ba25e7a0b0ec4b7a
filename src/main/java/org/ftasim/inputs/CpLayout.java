package org.ftasim.inputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.ftasim.model.cp.CpData;

/**
 * Reads the Caliendo–Parro data layout (the replication data as restructured by the R package cp2015), a folder
 * of six CSV files:
 * <pre>
 *   trade.csv                    sector, exporter, importer, value, tariff, tariff_bln, tariff_cfl, d_bln, d_cfl
 *   intermediate_consumption.csv input, sector, region, value
 *   final_consumption.csv        sector, region, value
 *   value_added.csv              sector, region, value
 *   deficit.csv                  region, D
 *   theta.csv                    sector, value
 * </pre>
 * Regions are those of deficit.csv and sectors those of theta.csv, in file order. Every (region, sector) and
 * every (sector, exporter, importer) must appear exactly once; a missing or repeated entry, or a name not in
 * those lists, is an error naming the file and line.
 */
public final class CpLayout {
  private CpLayout() {}

  public static CpData read(Path dir) {
    CsvTable theta = CsvTable.read(dir.resolve("theta.csv"), "sector", "value");
    CsvTable deficit = CsvTable.read(dir.resolve("deficit.csv"), "region", "D");
    List<String> sectors = names(theta, "sector");
    List<String> regions = names(deficit, "region");
    int n = regions.size();
    int j = sectors.size();
    Map<String, Integer> r = index(regions);
    Map<String, Integer> s = index(sectors);

    double[] th = new double[j];
    for (int row = 0; row < theta.size(); row++) {
      th[s.get(theta.text(row, "sector"))] = theta.number(row, "value");
    }
    double[] d = new double[n];
    for (int row = 0; row < deficit.size(); row++) {
      d[r.get(deficit.text(row, "region"))] = deficit.number(row, "D");
    }

    CsvTable trade = CsvTable.read(dir.resolve("trade.csv"), "sector", "exporter", "importer", "value", "tariff",
        "tariff_bln", "tariff_cfl", "d_bln", "d_cfl");
    double[] value = new double[n * n * j];
    double[] tariff = new double[n * n * j];
    double[] tBln = new double[n * n * j];
    double[] tCfl = new double[n * n * j];
    double[] dBln = new double[n * n * j];
    double[] dCfl = new double[n * n * j];
    boolean[] seen = new boolean[n * n * j];
    CpData shape = shape(regions, sectors);
    for (int row = 0; row < trade.size(); row++) {
      int sec = lookup(trade, row, "sector", s);
      int exp = lookup(trade, row, "exporter", r);
      int imp = lookup(trade, row, "importer", r);
      int p = shape.pair(sec, imp, exp);
      once(trade, row, seen, p, "sector " + sectors.get(sec) + ", exporter " + regions.get(exp) + ", importer "
          + regions.get(imp));
      value[p] = trade.number(row, "value");
      tariff[p] = trade.number(row, "tariff");
      tBln[p] = trade.number(row, "tariff_bln");
      tCfl[p] = trade.number(row, "tariff_cfl");
      dBln[p] = trade.number(row, "d_bln");
      dCfl[p] = trade.number(row, "d_cfl");
    }
    complete(trade, seen, n * n * j, "every (sector, exporter, importer), domestic pairs included");

    CsvTable ic = CsvTable.read(dir.resolve("intermediate_consumption.csv"), "input", "sector", "region", "value");
    double[] io = new double[n * j * j];
    boolean[] seenIo = new boolean[n * j * j];
    for (int row = 0; row < ic.size(); row++) {
      int in = lookup(ic, row, "input", s);
      int sec = lookup(ic, row, "sector", s);
      int reg = lookup(ic, row, "region", r);
      int k = shape.io(reg, in, sec);
      once(ic, row, seenIo, k, "input " + sectors.get(in) + ", sector " + sectors.get(sec) + ", region "
          + regions.get(reg));
      io[k] = ic.number(row, "value");
    }
    complete(ic, seenIo, n * j * j, "every (input, sector, region)");

    double[] fc = regionSector(dir.resolve("final_consumption.csv"), shape, r, s);
    double[] va = regionSector(dir.resolve("value_added.csv"), shape, r, s);
    return new CpData(regions, sectors, value, tariff, tBln, tCfl, dBln, dCfl, io, va, fc, d, th);
  }

  private static CpData shape(List<String> regions, List<String> sectors) {
    int n = regions.size();
    int j = sectors.size();
    return new CpData(regions, sectors, new double[n * n * j], new double[n * n * j], new double[n * n * j],
        new double[n * n * j], new double[n * n * j], new double[n * n * j], new double[n * j * j],
        new double[n * j], new double[n * j], new double[n], new double[j]);
  }

  /**
   * Capital's share of value added by (region, sector), from a CSV file {@code sector, region, value}: a row names a
   * sector and a region of {@code data}, or ALL for either; a cell takes its most specific row (sector and region,
   * then region with ALL sectors, then sector in ALL regions, then ALL, ALL). Every cell must be covered, no
   * (sector, region) given twice, and every value at least 0 and below 1.
   */
  public static double[] capitalShares(Path file, CpData data) {
    CsvTable t = CsvTable.read(file, "sector", "region", "value");
    Map<String, Integer> r = index(data.regions());
    Map<String, Integer> s = index(data.sectors());
    int n = data.n();
    int j = data.j();
    // specificity 3: sector and region; 2: region, ALL sectors; 1: sector, ALL regions; 0: ALL, ALL
    double[][] bySpecificity = new double[4][n * j];
    boolean[][] given = new boolean[4][n * j];
    for (int row = 0; row < t.size(); row++) {
      boolean allSectors = t.text(row, "sector").equals("ALL");
      boolean allRegions = t.text(row, "region").equals("ALL");
      int sec = allSectors ? -1 : lookup(t, row, "sector", s);
      int reg = allRegions ? -1 : lookup(t, row, "region", r);
      double v = t.number(row, "value");
      if (!(v >= 0 && v < 1)) {
        throw InputsErrors.badCapitalShare(t.file().toString(), t.line(row), v);
      }
      int level = (allSectors ? 0 : 1) + (allRegions ? 0 : 2);
      for (int m = 0; m < n; m++) {
        for (int k = 0; k < j; k++) {
          if ((reg < 0 || reg == m) && (sec < 0 || sec == k)) {
            int cell = data.rs(m, k);
            if (given[level][cell]) {
              throw InputsErrors.capitalShareTwice(t.file().toString(), t.line(row), t.text(row, "sector"), t.text(row,
                  "region"));
            }
            given[level][cell] = true;
            bySpecificity[level][cell] = v;
          }
        }
      }
    }
    double[] out = new double[n * j];
    for (int cell = 0; cell < out.length; cell++) {
      int level = 3;
      while (level >= 0 && !given[level][cell]) {
        level--;
      }
      if (level < 0) {
        throw InputsErrors.noCapitalShare(t.file().toString(), data.regions().get(cell / j),
            data.sectors().get(cell % j));
      }
      out[cell] = bySpecificity[level][cell];
    }
    return out;
  }

  private static double[] regionSector(Path file, CpData shape, Map<String, Integer> r, Map<String, Integer> s) {
    CsvTable t = CsvTable.read(file, "sector", "region", "value");
    double[] out = new double[shape.n() * shape.j()];
    boolean[] seen = new boolean[out.length];
    for (int row = 0; row < t.size(); row++) {
      int sec = lookup(t, row, "sector", s);
      int reg = lookup(t, row, "region", r);
      int k = shape.rs(reg, sec);
      once(t, row, seen, k, "sector " + shape.sectors().get(sec) + ", region " + shape.regions().get(reg));
      out[k] = t.number(row, "value");
    }
    complete(t, seen, out.length, "every (sector, region)");
    return out;
  }

  private static List<String> names(CsvTable t, String column) {
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (int row = 0; row < t.size(); row++) {
      if (!set.add(t.text(row, column))) {
        throw InputsErrors.nameTwice(t.file().toString(), t.line(row), column, t.text(row, column));
      }
    }
    if (set.isEmpty()) {
      throw InputsErrors.noNames(t.file().toString(), column);
    }
    return new ArrayList<>(set);
  }

  private static Map<String, Integer> index(List<String> names) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), i);
    }
    return m;
  }

  private static int lookup(CsvTable t, int row, String column, Map<String, Integer> known) {
    Integer i = known.get(t.text(row, column));
    if (i == null) {
      throw InputsErrors.notListed(t.file().toString(), t.line(row), column, t.text(row, column),
          column.equals("sector") || column.equals("input") ? "theta.csv" : "deficit.csv");
    }
    return i;
  }

  private static void once(CsvTable t, int row, boolean[] seen, int k, String what) {
    if (seen[k]) {
      throw InputsErrors.cellTwice(t.file().toString(), t.line(row), what);
    }
    seen[k] = true;
  }

  private static void complete(CsvTable t, boolean[] seen, int expected, String what) {
    int have = 0;
    for (boolean b : seen) {
      have += b ? 1 : 0;
    }
    if (have != expected) {
      int first = Arrays.asList(toObjects(seen)).indexOf(Boolean.FALSE);
      throw InputsErrors.rowsMissing(t.file().toString(), have, expected, what, first);
    }
  }

  private static Boolean[] toObjects(boolean[] a) {
    Boolean[] o = new Boolean[a.length];
    for (int i = 0; i < a.length; i++) {
      o[i] = a[i];
    }
    return o;
  }
}
