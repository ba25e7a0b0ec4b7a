package org.ftasim.sample;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ftasim.table.TextFiles;
import org.ftasim.config.SectorMap;

/**
 * The sample's model data for one reference year in the Caliendo–Parro layout ({@code solve-cp} reads it, and a user
 * can put OECD ICIO or WIOD aggregates in its place): sector trade from the sample's own HS6 flows mapped through
 * {@code conf/sectors/ftasim-21.csv}, with the trade-weighted applied tariff of each (importer, exporter, sector);
 * value added, intermediate use and final demand built around it so that every account closes:
 * <pre>
 *   gross output Y_n^s = Σ_k input_n^{k,s} + VA_n^s = domestic sales_n^s + exports_n^s
 *   absorption A_n^s   = domestic sales + imports·(1 + τ) = Σ_s' input_n^{s,s'} + final_n^s
 *   Σ_s VA_n^s = GDP_n (USD million, 2022 = WDI), deficit D_n = Σ_s (imports − exports)
 * </pre>
 * Domestic sales of a goods sector follow world demand (w_s, the sector's share of world trade) scaled so that
 * goods value added is the economy's goods share of GDP; value-added shares of gross output are those of the
 * sector (γ_s about 0.3 for manufacturing, more for mining and agriculture); inputs are 30% own sector, 35%
 * services and the rest other goods in proportion to w. Services are large and not traded. Where an input row
 * would leave final demand below 5% of absorption, the excess input is bought from services instead.
 */
public final class ModelSample {
  /** What was written. */
  public record Written(int year, int regions, int sectors) {}

  private ModelSample() {}

  /** Value-added share of gross output by sector. */
  static double vaShare(String sector) {
    return switch (sector) {
      case "agriculture" -> 0.55;
      case "mining" -> 0.60;
      case "petroleum" -> 0.15;
      case "services" -> 0.55;
      default -> 0.30;
    };
  }

  /**
   * @param flows for each exporter i, bilateral sector trade USD [j · S + s] and Σ value × tariff (%) [same]
   */
  public static Written write(SampleWorld world, SectorMap sectors, int year, Map<Integer, double[][]> flows,
      TextFiles files, String dir) {
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

    StringBuilder trade = new StringBuilder("sector,exporter,importer,value,tariff,tariff_bln,tariff_cfl,d_bln,d_cfl\n");
    StringBuilder ic = new StringBuilder("input,sector,region,value\n");
    StringBuilder fd = new StringBuilder("sector,region,value\n");
    StringBuilder va = new StringBuilder("sector,region,value\n");
    StringBuilder deficit = new StringBuilder("region,D\n");
    double[][] domestic = new double[n][s];
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
      double[] output = new double[s];
      double[] value = new double[s];
      double goodsValue = 0;
      for (int q = 0; q < s; q++) {
        if (q != services) {
          domestic[r][q] = kappa * w[q];
          output[q] = domestic[r][q] + exports[q];
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

      // inputs[k][q]: input k used by sector q; goods sectors first, whose services purchases set how large the
      // services sector must be
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
      domestic[r][services] = output[services];
      double servicesCost = output[services] - value[services];
      for (int k = 0; k < s; k++) {
        inputs[k][services] = servicesCost * (k == services ? 0.6 : 0.4 * w[k] / goodsW);
      }
      double[] absorption = new double[s];
      for (int k = 0; k < s; k++) {
        absorption[k] = domestic[r][k] + imports[k] + duties[k];
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
      String region = e.isoCode();
      double d = 0;
      for (int k = 0; k < s; k++) {
        double use = 0;
        for (int q = 0; q < s; q++) {
          use += inputs[k][q];
          ic.append(names.get(k)).append(',').append(names.get(q)).append(',').append(region).append(',')
              .append(num(inputs[k][q])).append('\n');
        }
        double fin = absorption[k] - use;
        if (fin < 0) {
          throw new IllegalStateException("sample model data: final demand for " + names.get(k) + " in " + region
              + " would be negative (" + fin + "); the sample's calibration needs attention");
        }
        fd.append(names.get(k)).append(',').append(region).append(',').append(num(fin)).append('\n');
        va.append(names.get(k)).append(',').append(region).append(',').append(num(value[k])).append('\n');
        d += imports[k] - exports[k];
      }
      deficit.append(region).append(',').append(num(d)).append('\n');
    }
    for (int q = 0; q < s; q++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double v = i == j ? domestic[i][q] : x[i][j][q];
          String t = String.format(Locale.ROOT, "%.6f", i == j ? 0 : tau[i][j][q]);
          trade.append(names.get(q)).append(',').append(econ.get(i).isoCode()).append(',')
              .append(econ.get(j).isoCode()).append(',').append(num(v)).append(',').append(t).append(',').append(t)
              .append(',').append(t).append(",1,1\n");
        }
      }
    }
    StringBuilder theta = new StringBuilder("sector,value\n");
    for (String name : names) {
      theta.append(name).append(',').append(sectors.theta(name)).append('\n');
    }
    files.write(dir + "/trade.csv", trade.toString());
    files.write(dir + "/intermediate_consumption.csv", ic.toString());
    files.write(dir + "/final_consumption.csv", fd.toString());
    files.write(dir + "/value_added.csv", va.toString());
    files.write(dir + "/deficit.csv", deficit.toString());
    files.write(dir + "/theta.csv", theta.toString());
    return new Written(year, n, s);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
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
