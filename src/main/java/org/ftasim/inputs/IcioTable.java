package org.ftasim.inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftasim.sector.IndustryMap;
import org.ftasim.config.UserException;
import org.ftasim.model.cp.CpData;

/**
 * An OECD Inter-Country Input-Output table as the OECD publishes it (ICIO 2023 edition, files {@code 2020.csv} and
 * {@code 2020_SML.csv}; the 2021 edition, {@code ICIO2021_2018.csv}), aggregated into the Caliendo–Parro model's
 * data in one pass over the file.
 *
 * <p>Layout (OECD, "OECD Inter-Country Input-Output Database", ReadMe of the 2023 release): the first column holds
 * the row labels and the header's first cell is not read. Columns {@code <ISO3>_<industry>} are intermediate use
 * by the 45 industries (2023: {@code A01_02} … {@code T}; 2021: {@code D01T02} … {@code D97T98}); columns
 * {@code <ISO3>_HFCE|NPISH|GGFC|GFCF|INVNT|DPABR} are final demand; a total column ({@code OUT} or {@code TOTAL})
 * is skipped. Rows {@code <ISO3>_<industry>} are the output of each country-industry at basic prices; then
 * {@code TLS} (taxes less subsidies on products paid by each column), {@code VA} and {@code OUT} (2021 also:
 * {@code TAXSUB}, {@code VALU}, {@code OUTPUT}). USD million. China and Mexico's split parts (CN1, CN2, MX1, MX2)
 * are summed into CHN and MEX.
 *
 * <p>Aggregation, for model regions r (listed countries, all others in the rest of the world) and sectors s
 * (through the {@link IndustryMap}):
 * <pre>
 *   trade_{r←o}^s        = Σ Z[(o,s),(r,·)] + Σ F[(o,s),(r,·)]      (exports of (o, s) to r, basic prices)
 *   intermediate_r^{k,s}  = Σ_q Z_q^k · (1 + TLS_q / Σ_k' Z_q^k')     (q: ICIO columns of r in sector s)
 *   final_r^k             = Σ_c F_c^k · (1 + TLS_c / Σ_k' F_c^k')       (c: countries of r, over their six columns)
 *   value_added_r^s       = Σ_q VA_q;  deficit_r = imports − exports at basic prices
 * </pre>
 * TLS is paid on a column's purchases, so it is spread over them in proportion to their basic values (the model's
 * input and final-demand values are at purchasers' prices, as in CP2015's data); a column with TLS but no
 * purchases charges it to its own sector. Inventory changes (INVNT) and direct purchases abroad (DPABR) are final
 * demand as published, negative entries included (they net against the other categories; how many there were is
 * reported); an aggregated final demand below zero stops the read, naming the cell.
 *
 * <p>The accounts must close: per model region and sector, purchases + TLS + VA = OUT and sales = OUT, within the
 * relative tolerance, else the read stops naming the worst cell, its gap and the ICIO cell inside it that is most
 * off.
 */
public final class IcioTable {
  /** The six final-demand categories of the 2021 and 2023 editions. */
  public static final List<String> FINAL_DEMAND = List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR");
  private static final Set<String> TOTAL_COLUMNS = Set.of("OUT", "TOTAL");
  private static final Map<String, String> ACCOUNT_ROWS = Map.of("TLS", "TLS", "TAXSUB", "TLS", "VA", "VA",
      "VALU", "VA", "OUT", "OUT", "OUTPUT", "OUT");
  private static final Map<String, String> MERGED = Map.of("CN1", "CHN", "CN2", "CHN", "MX1", "MEX", "MX2", "MEX");
  private static final String EXPECTED = "an OECD ICIO table: header ',<ISO3>_<industry>,…,<ISO3>_HFCE,…' (2023"
      + " edition: AUS_A01_02 … ROW_T; 2021 edition: AUS_D01T02 …), rows <ISO3>_<industry>, then TLS, VA and OUT";

  /** What the read made: the model's data and what was aggregated into it. */
  public record Aggregated(CpData data, List<String> countries, Map<String, String> regionOf, int edition,
      long cells, long negativeFinalDemand, double negativeFinalDemandUsd, double worstClosureGap) {}

  private IcioTable() {}

  /**
   * @param regions model regions (countries of the table); empty: every country of the table is a region
   * @param restOfWorld the region of the countries not listed
   * @param tolerance the relative gap the accounts may have after aggregation
   */
  public static Aggregated read(BufferedReader in, String file, IndustryMap map, List<String> regions,
      String restOfWorld, double tolerance) throws IOException {
    String header = in.readLine();
    if (header == null) {
      throw InputsErrors.emptyIcio(file, EXPECTED);
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    String[] names = fields(header);
    Columns cols = columns(names, file, map);
    List<String> countries = cols.countries;
    List<String> regionList = regions.isEmpty() ? countries : regionList(regions, countries, restOfWorld, file);
    Map<String, String> regionOf = new LinkedHashMap<>();
    Map<String, Integer> regionIndex = new HashMap<>();
    for (int r = 0; r < regionList.size(); r++) {
      regionIndex.put(regionList.get(r), r);
    }
    for (String c : countries) {
      regionOf.put(c, regionIndex.containsKey(c) ? c : restOfWorld);
    }
    List<String> sectors = map.sectors();
    Map<String, Integer> sectorIndex = new HashMap<>();
    for (int s = 0; s < sectors.size(); s++) {
      sectorIndex.put(sectors.get(s), s);
    }
    int n = regionList.size();
    int j = sectors.size();
    int width = names.length;
    int[] colRegion = new int[width];
    int[] colSector = new int[width];
    int[] colCountry = new int[width];
    Map<String, Integer> countryIndex = new HashMap<>();
    for (int c = 0; c < countries.size(); c++) {
      countryIndex.put(countries.get(c), c);
    }
    for (int k = 1; k < width; k++) {
      colCountry[k] = cols.country[k] == null ? -1 : countryIndex.get(cols.country[k]);
      colRegion[k] = cols.country[k] == null ? -1 : regionIndex.get(regionOf.get(cols.country[k]));
      colSector[k] = cols.industry[k] == null ? -1 : sectorIndex.get(map.sectorOf(cols.industry[k]));
    }

    CpData shape = new CpData(regionList, sectors, new double[n * n * j], new double[n * n * j],
        new double[n * n * j], new double[n * n * j], ones(n * n * j), ones(n * n * j), new double[n * j * j],
        new double[n * j], new double[n * j], new double[n], thetas(map, sectors));
    double[] trade = shape.trade();
    double[][] purchases = new double[width][j];
    double[][] finalBasic = new double[countries.size()][j];
    double[] tls = new double[width];
    double[] va = new double[width];
    double[] out = new double[width];
    boolean[] accountSeen = new boolean[3];
    Map<String, double[]> sales = new LinkedHashMap<>();
    Set<String> rowsSeen = new LinkedHashSet<>();
    long cells = 0;
    long negativeFinal = 0;
    double negativeFinalUsd = 0;
    String line;
    int no = 1;
    double[] values = new double[width];
    while ((line = in.readLine()) != null) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      String label = parseRow(line, values, width, file, no, names);
      cells += width - 1;
      String account = ACCOUNT_ROWS.get(label);
      if (account != null) {
        int a = account.equals("TLS") ? 0 : account.equals("VA") ? 1 : 2;
        if (accountSeen[a]) {
          throw InputsErrors.icioRowTwice(file, no, label);
        }
        accountSeen[a] = true;
        double[] target = a == 0 ? tls : a == 1 ? va : out;
        for (int k = 1; k < width; k++) {
          if (a == 2 && cols.industry[k] != null && !(values[k] >= 0)) {
            throw InputsErrors.negativeOutput(file, no, names[k], values[k]);
          }
          target[k] = values[k];
        }
        continue;
      }
      int cut = label.indexOf('_');
      String industry = cut > 0 ? map.canonical(label.substring(cut + 1)) : null;
      if (industry == null) {
        throw InputsErrors.notAnIcioRow(file, no, label, map.source(), EXPECTED);
      }
      String country = country(label.substring(0, cut));
      if (!countryIndex.containsKey(country)) {
        throw InputsErrors.rowWithoutColumns(file, no, label, country, EXPECTED);
      }
      if (!rowsSeen.add(label)) {
        throw InputsErrors.icioRowTwice(file, no, label);
      }
      int origin = regionIndex.get(regionOf.get(country));
      int s = sectorIndex.get(map.sectorOf(industry));
      double rowSum = 0;
      for (int k = 1; k < width; k++) {
        double v = values[k];
        if (v == 0) {
          continue;
        }
        int dest = colRegion[k];
        if (dest < 0) {
          continue;
        }
        rowSum += v;
        trade[shape.pair(s, dest, origin)] += v;
        if (colSector[k] >= 0) {
          purchases[k][s] += v;
        } else {
          finalBasic[colCountry[k]][s] += v;
          if (v < 0) {
            negativeFinal++;
            negativeFinalUsd += v;
          }
        }
      }
      sales.put(label, new double[] {rowSum, origin, s});
    }
    for (int a = 0; a < 3; a++) {
      if (!accountSeen[a]) {
        throw InputsErrors.noAccountRow(file, List.of("TLS", "VA", "OUT").get(a), EXPECTED);
      }
    }
    for (int k = 1; k < width; k++) {
      if (cols.industry[k] != null && !sales.containsKey(names[k])) {
        throw InputsErrors.columnWithoutRow(file, names[k], EXPECTED);
      }
    }

    double[] io = shape.intermediate();
    double[] value = shape.valueAdded();
    double[] fin = shape.finalDemand();
    double[] bought = new double[n * j];
    double[] output = new double[n * j];
    double[] sold = new double[n * j];
    for (int k = 1; k < width; k++) {
      int r = colRegion[k];
      int s = colSector[k];
      if (s < 0) {
        continue;
      }
      double basic = 0;
      for (int in2 = 0; in2 < j; in2++) {
        basic += purchases[k][in2];
      }
      if (basic == 0 && tls[k] != 0) {
        io[shape.io(r, s, s)] += tls[k];
      } else if (basic != 0) {
        double markup = 1 + tls[k] / basic;
        for (int in2 = 0; in2 < j; in2++) {
          io[shape.io(r, in2, s)] += purchases[k][in2] * markup;
        }
      }
      value[shape.rs(r, s)] += va[k];
      output[shape.rs(r, s)] += out[k];
      bought[shape.rs(r, s)] += basic + tls[k] + va[k];
    }
    double[] finalTls = new double[countries.size()];
    for (int k = 1; k < width; k++) {
      if (colSector[k] < 0 && colCountry[k] >= 0) {
        finalTls[colCountry[k]] += tls[k];
      }
    }
    for (int c = 0; c < countries.size(); c++) {
      int r = regionIndex.get(regionOf.get(countries.get(c)));
      double basic = 0;
      for (int s = 0; s < j; s++) {
        basic += finalBasic[c][s];
      }
      double markup = basic != 0 ? 1 + finalTls[c] / basic : 1;
      for (int s = 0; s < j; s++) {
        fin[shape.rs(r, s)] += finalBasic[c][s] * markup;
      }
    }
    for (double[] row : sales.values()) {
      sold[shape.rs((int) row[1], (int) row[2])] += row[0];
    }
    double worst = closure(shape, bought, sold, output, tolerance, file, names, cols, purchases, tls, va, out, sales);
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < j; s++) {
        if (fin[shape.rs(r, s)] < 0) {
          throw InputsErrors.negativeFinalDemand(file, regionList.get(r), sectors.get(s), fin[shape.rs(r, s)]);
        }
      }
    }
    double[] deficit = shape.deficit();
    for (int s = 0; s < j; s++) {
      for (int m = 0; m < n; m++) {
        for (int i = 0; i < n; i++) {
          if (m != i) {
            double v = trade[shape.pair(s, m, i)];
            deficit[m] += v;
            deficit[i] -= v;
          }
        }
      }
    }
    return new Aggregated(shape, countries, regionOf, cols.edition, cells, negativeFinal, negativeFinalUsd, worst);
  }

  /** The largest relative gap of the two identities, or a UserException naming the worst cell beyond tolerance. */
  private static double closure(CpData shape, double[] bought, double[] sold, double[] output, double tolerance,
      String file, String[] names, Columns cols, double[][] purchases, double[] tls, double[] va, double[] out,
      Map<String, double[]> sales) {
    double worst = 0;
    int worstCell = -1;
    boolean worstIsSales = false;
    for (int c = 0; c < output.length; c++) {
      double scale = Math.max(Math.abs(output[c]), Math.max(Math.abs(bought[c]), Math.abs(sold[c])));
      if (scale == 0) {
        continue;
      }
      double g1 = Math.abs(bought[c] - output[c]) / scale;
      double g2 = Math.abs(sold[c] - output[c]) / scale;
      if (Math.max(g1, g2) > worst) {
        worst = Math.max(g1, g2);
        worstCell = c;
        worstIsSales = g2 > g1;
      }
    }
    if (worst <= tolerance) {
      return worst;
    }
    int r = worstCell / shape.j();
    int s = worstCell % shape.j();
    String region = shape.regions().get(r);
    String sector = shape.sectors().get(s);
    String inside = worstIcioCell(names, cols, purchases, tls, va, out, sales, worstIsSales);
    double side = worstIsSales ? sold[worstCell] : bought[worstCell];
    throw InputsErrors.accountsDoNotClose(file, region, sector, worstIsSales ? "sales" : "purchases + TLS + VA", side,
        output[worstCell], worst, tolerance, inside);
  }

  private static String worstIcioCell(String[] names, Columns cols, double[][] purchases, double[] tls, double[] va,
      double[] out, Map<String, double[]> sales, boolean bySales) {
    String name = "none";
    double worst = -1;
    for (int k = 1; k < names.length; k++) {
      if (cols.industry[k] == null) {
        continue;
      }
      double have;
      if (bySales) {
        have = sales.get(names[k])[0];
      } else {
        have = tls[k] + va[k];
        for (double p : purchases[k]) {
          have += p;
        }
      }
      double gap = Math.abs(have - out[k]) / Math.max(Math.abs(out[k]), 1e-300);
      if (gap > worst) {
        worst = gap;
        name = String.format(java.util.Locale.ROOT, "%s (%s %.9g, OUT %.9g)", names[k],
            bySales ? "row sum" : "column sum", have, out[k]);
      }
    }
    return name;
  }

  private static List<String> regionList(List<String> regions, List<String> countries, String restOfWorld,
      String file) {
    List<String> out = new ArrayList<>();
    for (String r : regions) {
      if (!countries.contains(r)) {
        throw InputsErrors.notACountry(r, file, countries);
      }
      if (!r.equals(restOfWorld)) {
        out.add(r);
      }
    }
    if (out.size() < countries.size()) {
      out.add(restOfWorld);
    }
    return out;
  }

  /** Each column's country (CN1, CN2 → CHN; MX1, MX2 → MEX) and industry (2023 code); null where it has none. */
  private static final class Columns {
    final String[] country;
    final String[] industry;
    final List<String> countries = new ArrayList<>();
    int edition;

    Columns(int width) {
      country = new String[width];
      industry = new String[width];
    }
  }

  private static Columns columns(String[] names, String file, IndustryMap map) {
    Columns cols = new Columns(names.length);
    Set<String> countries = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    boolean any = false;
    for (int k = 1; k < names.length; k++) {
      String name = names[k];
      if (TOTAL_COLUMNS.contains(name)) {
        continue;
      }
      int cut = name.indexOf('_');
      if (cut <= 0 || cut == name.length() - 1) {
        throw InputsErrors.notAnIcioColumn(file, k + 1, name, EXPECTED);
      }
      if (!seen.add(name)) {
        throw InputsErrors.icioColumnTwice(file, name);
      }
      String country = country(name.substring(0, cut));
      String rest = name.substring(cut + 1);
      cols.country[k] = country;
      countries.add(country);
      if (FINAL_DEMAND.contains(rest)) {
        continue;
      }
      String industry = map.canonical(rest);
      if (industry == null) {
        throw InputsErrors.unknownIndustry(file, name, rest, map.source(), EXPECTED);
      }
      cols.industry[k] = industry;
      cols.edition = rest.equals(industry) ? 2023 : 2021;
      any = true;
    }
    if (!any) {
      throw InputsErrors.noIcioColumns(file, EXPECTED);
    }
    cols.countries.addAll(countries);
    return cols;
  }

  private static String country(String code) {
    return MERGED.getOrDefault(code, code);
  }

  /** Parses a data line into values[1..], returning its label; an empty cell is 0, anything else not a number stops. */
  private static String parseRow(String line, double[] values, int width, String file, int no, String[] names) {
    int k = 0;
    int start = 0;
    int len = line.length();
    String label = null;
    while (true) {
      int end = line.indexOf(',', start);
      if (end < 0) {
        end = len;
      }
      if (k >= width) {
        if (end == len && start == len) {
          break;
        }
        throw InputsErrors.tooManyFields(file, no, width, EXPECTED);
      }
      int a = start;
      int b = end;
      if (b - a >= 2 && line.charAt(a) == '"' && line.charAt(b - 1) == '"') {
        a++;
        b--;
      }
      if (k == 0) {
        label = line.substring(a, b).trim();
      } else if (a == b) {
        values[k] = 0;
      } else {
        double v;
        try {
          v = Double.parseDouble(line.substring(a, b));
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          throw InputsErrors.notANumberCell(file, no, label, names[k], line.substring(a, b));
        }
        values[k] = v;
      }
      k++;
      if (end == len) {
        break;
      }
      start = end + 1;
    }
    if (k < width) {
      throw InputsErrors.tooFewFields(file, no, label, k, width, EXPECTED);
    }
    return label;
  }

  private static String[] fields(String header) {
    String[] f = header.split(",", -1);
    for (int i = 0; i < f.length; i++) {
      String s = f[i].trim();
      if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
        s = s.substring(1, s.length() - 1);
      }
      f[i] = s;
    }
    int w = f.length;
    while (w > 1 && f[w - 1].isEmpty()) {
      w--;
    }
    return Arrays.copyOf(f, w);
  }

  private static double[] ones(int size) {
    double[] a = new double[size];
    Arrays.fill(a, 1);
    return a;
  }

  private static double[] thetas(IndustryMap map, List<String> sectors) {
    return sectors.stream().mapToDouble(map::theta).toArray();
  }
}
