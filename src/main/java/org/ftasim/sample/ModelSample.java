package org.ftasim.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftasim.table.TextFiles;
import org.ftasim.sector.IndustryMap;
import org.ftasim.sector.SectorMap;
import org.ftasim.inputs.IcioTable;

/**
 * The sample's input-output data for one reference year, built at the level of OECD ICIO industries and written
 * twice: as an ICIO table in the OECD's layout ({@code icio/<year>.csv}, the 2023 edition's extended file with
 * China and Mexico in two parts; {@link #writeIcio}) and aggregated to the model's sectors in the Caliendo–Parro
 * layout {@code solve-cp} reads ({@code model/}). Both come from one set of accounts:
 * <pre>
 *   gross output Y_n^c = Σ_k input_n^{k,c} + VA_n^c = domestic sales_n^c + exports_n^c
 *   absorption A_n^c   = domestic sales + imports·(1 + τ) = Σ_c' input_n^{c,c'} + final_n^c
 *   Σ_c VA_n^c = GDP_n (USD million, 2022 = WDI), deficit D_n = Σ_c (imports − exports)
 * </pre>
 * over cells c: the ICIO goods industries HS codes reach ({@code conf/sectors/hs-icio.csv}, trade from the sample's
 * own HS6 flows with the trade-weighted applied tariff of each importer, exporter and industry) and one services
 * cell, not traded, split over the ICIO service industries in fixed shares. Domestic sales of a goods cell follow
 * world demand (w_c, its share of world trade) scaled so that goods value added is the economy's goods share of
 * GDP; value-added shares of gross output are those of the industry (γ about 0.3 for manufacturing, more for
 * mining and agriculture); inputs are 30% own cell, 35% services and the rest other goods in proportion to w.
 * Where an input row would leave final demand below 5% of absorption, the excess input is bought from services.
 *
 * <p>In the ICIO table purchases are at basic prices: cell k bought by column q from origin o is
 * input^{k,q}·x_o/A^k (domestic sales for o = n), and the duties on them are the column's TLS. The CP folder is the
 * aggregation {@link org.ftasim.inputs.IcioTable} documents (TLS spread over a column's purchases in proportion to
 * their basic values), so the two give the same model data.
 */
public final class ModelSample {
  /** What was written. */
  public record Written(int year, int regions, int sectors, int icioCountries) {}

  /** ICIO countries at most, the rest of the world included, as in the OECD's 2023 edition (76 + ROW). */
  static final int ICIO_COUNTRIES = 77;
  /** China's and Mexico's first parts (CN1, MX1) in the ICIO table: their share of each row and column. */
  static final double CN1_SHARE = 0.7;
  static final double MX1_SHARE = 0.6;

  private ModelSample() {}

  /** The sample's ICIO file for a year, relative to its folder, named as the OECD names the 2023 edition's files. */
  public static String icioFile(int year) {
    return "icio/" + year + ".csv";
  }

  /** Value-added share of gross output by ICIO industry (or the services cell). */
  static double vaShare(String industry) {
    if (industry.startsWith("A")) {
      return 0.55;
    }
    if (industry.startsWith("B")) {
      return 0.60;
    }
    return switch (industry) {
      case "C19" -> 0.15;
      case "services" -> 0.55;
      default -> 0.30;
    };
  }

  /** Each ICIO service industry's share of the sample's services (an OECD-economy-like structure). */
  static double serviceWeight(String industry) {
    return switch (industry) {
      case "D" -> 2;
      case "E" -> 1;
      case "F" -> 6;
      case "G" -> 12;
      case "H49" -> 3;
      case "H50", "H51", "H53", "T" -> 0.5;
      case "H52" -> 2;
      case "I" -> 3;
      case "J58T60", "R" -> 1;
      case "J61", "S" -> 1.5;
      case "J62_63" -> 2;
      case "K", "O", "Q" -> 6;
      case "L" -> 10;
      case "M", "P" -> 5;
      case "N" -> 4;
      default -> 0;
    };
  }

  /** One economy's accounts over the cells (USD million): see the class comment. */
  record Accounts(double[] domestic, double[][] inputs, double[] fin, double[] value, double[] output,
      double[] absorption, double[] basic) {}

  /** The sample's accounts for every economy, with bilateral cell trade x[i][j][c] and its tariffs. */
  record World(List<Economy> economies, List<String> cells, int services, double[][][] x, double[][][] tau,
      Accounts[] accounts) {}

  /**
   * @param cells the industry-level map the flows were summed with ({@link SectorMap#industryLevel})
   * @param flows for each exporter i, bilateral cell trade USD [j · C + c] and Σ value × tariff (%) [same]
   */
  public static Written write(SampleWorld world, IndustryMap industries, SectorMap cells, int year,
      Map<Integer, double[][]> flows, TextFiles files, String dir) {
    World w = accounts(world, cells, year, flows);
    writeCp(w, industries, files, dir + "/model");
    int countries = writeIcio(w, industries, files, dir + "/" + icioFile(year));
    return new Written(year, w.economies().size(), industries.sectors().size(), countries);
  }

  static World accounts(SampleWorld world, SectorMap sectors, int year, Map<Integer, double[][]> flows) {
    List<Economy> econ = world.economies();
    int n = econ.size();
    List<String> names = sectors.sectors();
    int s = names.size();
    int services = names.indexOf(sectors.nonTraded());
    double[][][] x = new double[n][n][s];
    double[][][] tau = new double[n][n][s];
    for (Map.Entry<Integer, double[][]> e : flows.entrySet()) {
      int i = e.getKey();
      for (int j = 0; j < n; j++) {
        for (int q = 0; q < s; q++) {
          double v = e.getValue()[0][j * s + q] / 1e6;
          x[i][j][q] = v;
          tau[i][j][q] = v > 0 ? e.getValue()[1][j * s + q] / 1e6 / v / 100 : 0;
        }
      }
    }
    double[] w = new double[s];
    double wSum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int q = 0; q < s; q++) {
          w[q] += x[i][j][q];
          wSum += x[i][j][q];
        }
      }
    }
    for (int q = 0; q < s; q++) {
      w[q] /= wSum;
    }
    double[] gamma = new double[s];
    for (int q = 0; q < s; q++) {
      gamma[q] = vaShare(names.get(q));
    }
    Accounts[] accounts = new Accounts[n];
    for (int r = 0; r < n; r++) {
      Economy e = econ.get(r);
      // GDP moves with the square root of the trade index around its 2022 level
      double gdp = e.gdpBn() * 1000 * Math.sqrt(SampleWorld.tradeIndex(year));
      double[] exports = new double[s];
      double[] imports = new double[s];
      double[] duties = new double[s];
      for (int o = 0; o < n; o++) {
        for (int q = 0; q < s; q++) {
          exports[q] += x[r][o][q];
          imports[q] += x[o][r][q];
          duties[q] += x[o][r][q] * tau[o][r][q];
        }
      }
      double goodsVa = e.goodsVaShare() * gdp;
      double gammaExports = 0;
      double gammaW = 0;
      for (int q = 0; q < s; q++) {
        if (q != services) {
          gammaExports += gamma[q] * exports[q];
          gammaW += gamma[q] * w[q];
        }
      }
      double kappa = Math.max(0.05 * goodsVa / gammaW, (goodsVa - gammaExports) / gammaW);
      double[] domestic = new double[s];
      double[] output = new double[s];
      double[] value = new double[s];
      double goodsValue = 0;
      for (int q = 0; q < s; q++) {
        if (q != services) {
          domestic[q] = kappa * w[q];
          output[q] = domestic[q] + exports[q];
          value[q] = gamma[q] * output[q];
          goodsValue += value[q];
        }
      }
      double rho = goodsValue > 0.8 * gdp ? 0.8 * gdp / goodsValue : 1;
      for (int q = 0; q < s; q++) {
        value[q] *= rho;
      }
      goodsValue *= rho;
      value[services] = gdp - goodsValue;

      // inputs[k][q]: input k used by cell q; goods cells first, whose services purchases set how large the
      // services cell must be
      double[][] inputs = new double[s][s];
      double goodsW = 0;
      for (int k = 0; k < s; k++) {
        goodsW += k != services ? w[k] : 0;
      }
      for (int q = 0; q < s; q++) {
        if (q != services) {
          double cost = output[q] - value[q];
          for (int k = 0; k < s; k++) {
            double share = k == q ? 0.30 : k == services ? 0.35 : 0.35 * w[k] / (goodsW - w[q]);
            inputs[k][q] = cost * share;
          }
        }
      }
      double servicesToGoods = 0;
      for (int q = 0; q < s; q++) {
        servicesToGoods += q != services ? inputs[services][q] : 0;
      }
      // final demand for services stays at least 30% of their output: F = VA·(0.4/γ + 0.6) − servicesToGoods
      double ratio = servicesToGoods / value[services];
      double gammaServices = ratio > 0.6 ? Math.min(gamma[services], 0.1 / (ratio - 0.6)) : gamma[services];
      output[services] = value[services] / gammaServices;
      domestic[services] = output[services];
      double servicesCost = output[services] - value[services];
      for (int k = 0; k < s; k++) {
        inputs[k][services] = servicesCost * (k == services ? 0.6 : 0.4 * w[k] / goodsW);
      }
      double[] absorption = new double[s];
      double[] basic = new double[s];
      for (int k = 0; k < s; k++) {
        absorption[k] = domestic[k] + imports[k] + duties[k];
        basic[k] = domestic[k] + imports[k];
        double use = 0;
        for (int q = 0; q < s; q++) {
          use += inputs[k][q];
        }
        if (k != services && use > 0.95 * absorption[k]) {
          double f = 0.95 * absorption[k] / use;
          for (int q = 0; q < s; q++) {
            inputs[services][q] += inputs[k][q] * (1 - f);
            inputs[k][q] *= f;
          }
        }
      }
      double[] fin = new double[s];
      for (int k = 0; k < s; k++) {
        double use = 0;
        for (int q = 0; q < s; q++) {
          use += inputs[k][q];
        }
        fin[k] = absorption[k] - use;
        if (fin[k] < 0) {
          throw new IllegalStateException("sample model data: final demand for " + names.get(k) + " in "
              + e.isoCode() + " would be negative (" + fin[k] + "); the sample's calibration needs attention");
        }
      }
      accounts[r] = new Accounts(domestic, inputs, fin, value, output, absorption, basic);
    }
    return new World(econ, names, services, x, tau, accounts);
  }

  /** The accounts aggregated to the model's sectors in the CP layout, by the rule of the ICIO reader. */
  static void writeCp(World w, IndustryMap industries, TextFiles files, String dir) {
    List<String> sectors = industries.sectors();
    int n = w.economies().size();
    int c = w.cells().size();
    int j = sectors.size();
    int[] sectorOf = new int[c];
    for (int q = 0; q < c; q++) {
      String cell = w.cells().get(q);
      sectorOf[q] = sectors.indexOf(q == w.services() ? cell : industries.sectorOf(cell));
    }
    StringBuilder trade = new StringBuilder("sector,exporter,importer,value,tariff,tariff_bln,tariff_cfl,d_bln,d_cfl\n");
    StringBuilder ic = new StringBuilder("input,sector,region,value\n");
    StringBuilder fd = new StringBuilder("sector,region,value\n");
    StringBuilder va = new StringBuilder("sector,region,value\n");
    StringBuilder deficit = new StringBuilder("region,D\n");
    // regions in the order of the ICIO table (alphabetical), so that both give the model the same order
    Integer[] order = new Integer[n];
    for (int r = 0; r < n; r++) {
      order[r] = r;
    }
    java.util.Arrays.sort(order, (a, b) -> w.economies().get(a).isoCode().compareTo(w.economies().get(b).isoCode()));
    for (int r : order) {
      Accounts a = w.accounts()[r];
      double[][] io = new double[j][j];
      for (int q = 0; q < c; q++) {
        double[] z = new double[c];
        double zSum = 0;
        double paid = 0;
        for (int k = 0; k < c; k++) {
          z[k] = a.inputs()[k][q] * basicShare(a, k);
          zSum += z[k];
          paid += a.inputs()[k][q];
        }
        double markup = zSum > 0 ? 1 + (paid - zSum) / zSum : 1;
        for (int k = 0; k < c; k++) {
          io[sectorOf[k]][sectorOf[q]] += z[k] * markup;
        }
      }
      double[] fin = new double[j];
      double fSum = 0;
      double fPaid = 0;
      for (int k = 0; k < c; k++) {
        fSum += a.fin()[k] * basicShare(a, k);
        fPaid += a.fin()[k];
      }
      double fMarkup = fSum > 0 ? 1 + (fPaid - fSum) / fSum : 1;
      double[] value = new double[j];
      double d = 0;
      for (int k = 0; k < c; k++) {
        fin[sectorOf[k]] += a.fin()[k] * basicShare(a, k) * fMarkup;
        value[sectorOf[k]] += a.value()[k];
        for (int o = 0; o < n; o++) {
          d += w.x()[o][r][k] - w.x()[r][o][k];
        }
      }
      String region = w.economies().get(r).isoCode();
      for (int k = 0; k < j; k++) {
        for (int q = 0; q < j; q++) {
          ic.append(sectors.get(k)).append(',').append(sectors.get(q)).append(',').append(region).append(',')
              .append(num(io[k][q])).append('\n');
        }
        fd.append(sectors.get(k)).append(',').append(region).append(',').append(num(fin[k])).append('\n');
        va.append(sectors.get(k)).append(',').append(region).append(',').append(num(value[k])).append('\n');
      }
      deficit.append(region).append(',').append(num(d)).append('\n');
    }
    for (int s = 0; s < j; s++) {
      for (int i = 0; i < n; i++) {
        for (int m = 0; m < n; m++) {
          double v = 0;
          double duty = 0;
          for (int q = 0; q < c; q++) {
            if (sectorOf[q] == s) {
              double x = i == m ? w.accounts()[i].domestic()[q] : w.x()[i][m][q];
              v += x;
              duty += i == m ? 0 : x * w.tau()[i][m][q];
            }
          }
          String t = String.format(Locale.ROOT, "%.6f", v > 0 ? duty / v : 0);
          trade.append(sectors.get(s)).append(',').append(w.economies().get(i).isoCode()).append(',')
              .append(w.economies().get(m).isoCode()).append(',').append(num(v)).append(',').append(t).append(',')
              .append(t).append(',').append(t).append(",1,1\n");
        }
      }
    }
    StringBuilder theta = new StringBuilder("sector,value\n");
    for (String name : sectors) {
      theta.append(name).append(',').append(industries.theta(name)).append('\n');
    }
    files.write(dir + "/trade.csv", trade.toString());
    files.write(dir + "/intermediate_consumption.csv", ic.toString());
    files.write(dir + "/final_consumption.csv", fd.toString());
    files.write(dir + "/value_added.csv", va.toString());
    files.write(dir + "/deficit.csv", deficit.toString());
    files.write(dir + "/theta.csv", theta.toString());
  }

  /** The basic-price share of a cell's absorption: what is left of a purchase once its duties are taken out. */
  private static double basicShare(Accounts a, int k) {
    return a.absorption()[k] > 0 ? a.basic()[k] / a.absorption()[k] : 1;
  }

  /**
   * The accounts as an OECD ICIO table: the economies (at most {@link #ICIO_COUNTRIES} − 1 of them by GDP, the
   * others summed into ROW) × the map's industries, China and Mexico in two parts (CN1/CN2, MX1/MX2) for their
   * industry rows and columns, six final-demand columns per country, TLS, VA and OUT rows and an OUT column.
   *
   * @return the countries of the table, ROW included
   */
  static int writeIcio(World w, IndustryMap industries, TextFiles files, String file) {
    Countries countries = countries(w.economies());
    Industries inds = industries(w, industries);
    Basic basic = basic(w, countries);
    List<String> label = new ArrayList<>();
    List<Integer> partGroup = new ArrayList<>();
    List<Double> partShare = new ArrayList<>();
    for (int g : countries.order()) {
      String name = countries.names().get(g);
      double first = name.equals("CHN") ? CN1_SHARE : name.equals("MEX") ? MX1_SHARE : 1;
      String prefix = name.equals("CHN") ? "CN" : "MX";
      for (int part = 0; part < (first < 1 ? 2 : 1); part++) {
        label.add(first < 1 ? prefix + (part + 1) : name);
        partGroup.add(g);
        partShare.add(first < 1 ? (part == 0 ? first : 1 - first) : 1.0);
      }
    }
    int parts = label.size();
    int h = inds.codes().size();
    StringBuilder header = new StringBuilder("V1");
    for (int p = 0; p < parts; p++) {
      for (String ind : inds.codes()) {
        header.append(',').append(label.get(p)).append('_').append(ind);
      }
    }
    for (int g : countries.order()) {
      for (String cat : IcioTable.FINAL_DEMAND) {
        header.append(',').append(countries.names().get(g)).append('_').append(cat);
      }
    }
    header.append(",OUT\n");
    try (Writer out = new BufferedWriter(new OutputStreamWriter(files.create(file), StandardCharsets.UTF_8), 1 << 20)) {
      out.write(header.toString());
      StringBuilder line = new StringBuilder(1 << 16);
      for (int p = 0; p < parts; p++) {
        int g = partGroup.get(p);
        for (int k = 0; k < h; k++) {
          line.setLength(0);
          line.append(label.get(p)).append('_').append(inds.codes().get(k));
          int cell = inds.cellOf()[k];
          double rowShare = partShare.get(p) * inds.share()[k];
          double sum = 0;
          for (int p2 = 0; p2 < parts; p2++) {
            int g2 = partGroup.get(p2);
            for (int k2 = 0; k2 < h; k2++) {
              int cell2 = inds.cellOf()[k2];
              double v = cell < 0 || cell2 < 0 ? 0
                  : basic.z()[g][cell][g2][cell2] * rowShare * partShare.get(p2) * inds.share()[k2];
              sum += v;
              plain(line.append(','), v);
            }
          }
          for (int g2 : countries.order()) {
            double fin = cell < 0 ? 0 : basic.f()[g][cell][g2] * rowShare;
            for (String cat : IcioTable.FINAL_DEMAND) {
              double v = fin * finalShare(inds.codes().get(k), cat);
              sum += v;
              plain(line.append(','), v);
            }
          }
          plain(line.append(','), sum);
          out.append(line.append('\n'));
        }
      }
      double[][][] account = {basic.tls(), basic.va(), basic.out()};
      String[] labels = {"TLS", "VA", "OUT"};
      for (int a = 0; a < 3; a++) {
        line.setLength(0);
        line.append(labels[a]);
        for (int p = 0; p < parts; p++) {
          for (int k = 0; k < h; k++) {
            int cell = inds.cellOf()[k];
            plain(line.append(','), cell < 0 ? 0 : account[a][partGroup.get(p)][cell] * partShare.get(p)
                * inds.share()[k]);
          }
        }
        for (int g : countries.order()) {
          for (String cat : IcioTable.FINAL_DEMAND) {
            plain(line.append(','), a == 0 ? basic.tlsFinal()[g] * finalShare("", cat) : 0);
          }
        }
        out.append(line.append(",\n"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return countries.names().size();
  }

  /**
   * The table's countries: the economies by GDP, at most {@link #ICIO_COUNTRIES} − 1 of their own and the others
   * in ROW; {@code order} lists them alphabetically with ROW last, as the OECD does.
   */
  private record Countries(int[] group, List<String> names, List<Integer> order) {}

  private static Countries countries(List<Economy> econ) {
    int n = econ.size();
    List<Integer> byGdp = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      byGdp.add(r);
    }
    byGdp.sort((a, b) -> Double.compare(econ.get(b).gdpBn(), econ.get(a).gdpBn()));
    boolean rest = n > ICIO_COUNTRIES;
    int own = rest ? ICIO_COUNTRIES - 1 : n;
    int[] group = new int[n];
    List<String> names = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      group[byGdp.get(p)] = Math.min(p, own);
      if (p < own) {
        names.add(econ.get(byGdp.get(p)).isoCode());
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < own; g++) {
      order.add(g);
    }
    order.sort((a, b) -> names.get(a).compareTo(names.get(b)));
    if (rest) {
      names.add("ROW");
      order.add(own);
    }
    return new Countries(group, names, order);
  }

  /** Each ICIO industry's cell (−1: none, as B09) and its share of it (service industries split the services). */
  private record Industries(List<String> codes, int[] cellOf, double[] share) {}

  private static Industries industries(World w, IndustryMap industries) {
    List<String> codes = industries.industries();
    int[] cellOf = new int[codes.size()];
    double[] share = new double[codes.size()];
    String nonTraded = w.cells().get(w.services());
    double serviceTotal = 0;
    for (int k = 0; k < codes.size(); k++) {
      String code = codes.get(k);
      int cell = w.cells().indexOf(code);
      if (cell >= 0) {
        cellOf[k] = cell;
        share[k] = 1;
      } else if (industries.sectorOf(code).equals(nonTraded)) {
        cellOf[k] = w.services();
        share[k] = serviceWeight(code);
        serviceTotal += share[k];
      } else {
        cellOf[k] = -1;
      }
    }
    for (int k = 0; k < codes.size(); k++) {
      if (cellOf[k] == w.services()) {
        share[k] /= serviceTotal;
      }
    }
    return new Industries(codes, cellOf, share);
  }

  /**
   * The accounts by country group at basic prices: z[o][k][m][q] cell k of group o bought by cell q of group m,
   * f[o][k][m] its final demand, the duties as TLS of each column and of final demand, VA and OUT.
   */
  private record Basic(double[][][][] z, double[][][] f, double[][] tls, double[] tlsFinal, double[][] va,
      double[][] out) {}

  private static Basic basic(World w, Countries countries) {
    int n = w.economies().size();
    int groups = countries.names().size();
    int c = w.cells().size();
    int[] group = countries.group();
    Basic b = new Basic(new double[groups][c][groups][c], new double[groups][c][groups], new double[groups][c],
        new double[groups], new double[groups][c], new double[groups][c]);
    for (int m = 0; m < n; m++) {
      Accounts a = w.accounts()[m];
      int gm = group[m];
      for (int k = 0; k < c; k++) {
        double absorption = a.absorption()[k];
        if (absorption <= 0) {
          continue;
        }
        for (int o = 0; o < n; o++) {
          double from = o == m ? a.domestic()[k] : w.x()[o][m][k];
          if (from == 0) {
            continue;
          }
          double part = from / absorption;
          for (int q = 0; q < c; q++) {
            b.z()[group[o]][k][gm][q] += a.inputs()[k][q] * part;
          }
          b.f()[group[o]][k][gm] += a.fin()[k] * part;
        }
        double dutyShare = 1 - a.basic()[k] / absorption;
        for (int q = 0; q < c; q++) {
          b.tls()[gm][q] += a.inputs()[k][q] * dutyShare;
        }
        b.tlsFinal()[gm] += a.fin()[k] * dutyShare;
      }
      for (int q = 0; q < c; q++) {
        b.va()[gm][q] += a.value()[q];
        b.out()[gm][q] += a.output()[q];
      }
    }
    return b;
  }

  /**
   * How the sample splits final demand over the six categories: equipment and construction partly investment,
   * services partly government; the TLS of final demand (industry "") in proportion to household consumption.
   */
  static double finalShare(String industry, String category) {
    boolean equipment = industry.matches("C2[5-9]|C30|F");
    boolean government = industry.matches("O|P|Q");
    return switch (category) {
      case "HFCE" -> equipment ? 0.6 : government ? 0.2 : 0.97;
      case "NPISH" -> equipment ? 0 : 0.01;
      case "GGFC" -> government ? 0.79 : equipment ? 0 : 0.02;
      case "GFCF" -> equipment ? 0.39 : 0;
      case "INVNT" -> equipment ? 0.01 : 0;
      default -> 0;
    };
  }

  /** A number in plain notation with the fewest digits that read back as the same double; "0" for zero. */
  private static void plain(StringBuilder sb, double v) {
    if (v == 0) {
      sb.append('0');
      return;
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e7) {
      sb.append(Double.toString(v));
    } else {
      sb.append(new java.math.BigDecimal(Double.toString(v)).toPlainString());
    }
  }

  private static String num(double v) {
    StringBuilder sb = new StringBuilder();
    plain(sb, v);
    return sb.toString();
  }

  /** Applied HS6 tariffs (%) by importer: MFN for every exporter, and per (importer, exporter) pair with a preference. */
  public record RateTable(double[][] mfn, Map<Long, double[]> pairs, int[] sectorOfProduct) implements Serializable {

    public double rate(int importer, int exporter, int product) {
      double[] p = pairs.get((long) importer * 100_000 + exporter);
      return p != null ? p[product] : mfn[importer][product];
    }

    public static RateTable build(SampleWorld world, TariffSample.Schedules schedules,
        org.ftasim.tariff.AgreementBook book, SectorMap sectors, int year) {
      List<Economy> econ = world.economies();
      int n = econ.size();
      double[][] mfn = new double[n][];
      Map<Long, double[]> pairs = new HashMap<>();
      for (int j = 0; j < n; j++) {
        String importer = econ.get(j).isoCode();
        mfn[j] = schedules.hs6Applied(importer, "", year, book, world.hs());
        for (int i = 0; i < n; i++) {
          String exporter = econ.get(i).isoCode();
          boolean any = false;
          for (org.ftasim.tariff.Agreement a : book.agreements().values()) {
            any |= a.covers(importer, exporter, year);
          }
          if (any) {
            pairs.put((long) j * 100_000 + i, schedules.hs6Applied(importer, exporter, year, book, world.hs()));
          }
        }
      }
      int[] sectorOf = new int[world.hs().size()];
      for (int k = 0; k < sectorOf.length; k++) {
        String sector = sectors.sectorOf(world.hs().products().get(k).code());
        if (sector == null) {
          throw new IllegalStateException("HS " + world.hs().products().get(k).code() + " has no sector in the map");
        }
        sectorOf[k] = sectors.sectors().indexOf(sector);
      }
      return new RateTable(mfn, pairs, sectorOf);
    }
  }
}
