package org.ftasim.sample;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sample's bilateral trade at HS6: a gravity model with product detail. For exporter i, importer j, product k
 * of chapter c and year t the expected flow is
 * <pre>
 *   e_ijk = V_ij(t) · s_ij(c) · w_ik / Σ_{k'∈c} w_ik'
 *   V_ij(t) = X_i(t) · g_ij / Σ_j' g_ij',   g_ij = GDP_j^0.85 · dist_ij^−0.8 · exp(0.4·agreement_ij + 0.25·ε_ij)
 *   s_ij(c) ∝ world_c · boost_ic · exp(0.6·ε_ic) · importBoost_jc · exp(0.4·ε_jc)
 *   w_ik = u_k · exp(0.6·ε_ik),  u_k lognormal(0, 1.1)
 * </pre>
 * (Anderson and van Wincoop 2003 for the aggregate; the product split follows the size and comparative-advantage
 * pattern of Hummels and Klenow 2005: big exporters sell more products, not only more of each). A flow is
 * present with probability p = 1 − exp(−e/τ) and then worth e/p · lognormal noise, so the expected value is kept
 * while small flows are mostly zero. Each exporter–importer total is rescaled to V_ij exactly. Korea–Japan totals
 * and their leading chapters are calibrated to published figures (Korea Customs Service, KITA).
 */
public final class SampleWorld implements Serializable {
  private static final double[] TRADE_INDEX_2015_2025 = {0.67, 0.65, 0.71, 0.78, 0.76, 0.71, 0.90, 1.00, 0.955, 0.97,
      1.00};
  /** Korea → Japan and Japan → Korea exports, USD bn, 2019–2023. */
  private static final Map<String, double[]> PAIR_TARGETS_2019 = Map.of(
      "KOR>JPN", new double[] {28.4, 25.1, 30.1, 30.6, 29.0},
      "JPN>KOR", new double[] {47.6, 45.9, 54.6, 54.7, 47.7});
  /** Leading chapters of Korea–Japan trade, shares of the pair's total (2022). */
  private static final Map<String, Map<Integer, Double>> PAIR_CHAPTERS = Map.of(
      "KOR>JPN", Map.of(27, 0.19, 85, 0.13, 84, 0.09, 72, 0.08, 39, 0.06, 87, 0.015),
      "JPN>KOR", Map.of(85, 0.20, 84, 0.17, 72, 0.09, 90, 0.08, 39, 0.065, 87, 0.035));
  private static final List<Set<String>> BLOCS = List.of(
      Set.of("DEU", "FRA", "ITA", "NLD"), Set.of("USA", "CAN", "MEX"), Set.of("KOR", "USA"),
      Set.of("JPN", "AUS", "CAN", "MEX", "NZL", "SGP", "VNM", "PER", "MYS", "CHL", "BRN", "GBR"),
      Set.of("SGP", "MYS", "VNM", "BRN", "IDN", "THA"),
      Set.of("KOR", "JPN", "CHN", "AUS", "NZL", "SGP", "MYS", "VNM", "BRN", "IDN", "THA"));
  private static final double NA_SHARE = 0.02;

  /** Receives the flows of one exporter: importer index, product index, USD, tonnes (NaN when not reported). */
  @FunctionalInterface
  public interface FlowSink {
    void accept(int importer, int product, double usd, double tonnes);
  }

  private final SampleSpec spec;
  private final List<Economy> economies;
  private final Nomenclature hs;
  private final double[] productWeight;
  private final double[][] importPreference;
  private final double[][] gravity;

  public SampleWorld(SampleSpec spec) {
    this.spec = spec;
    this.economies = Economies.forCount(spec.countries(), spec.seed());
    this.hs = Nomenclature.generate(spec.products());
    int n = economies.size();
    int p = hs.size();
    int chapters = hs.chapters().size();
    long seed = spec.seed();
    productWeight = new double[p];
    for (int k = 0; k < p; k++) {
      productWeight[k] = Math.exp(1.1 * Noise.normal(seed, 21, Noise.key(Long.parseLong(code(k)))));
    }
    importPreference = new double[n][chapters];
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < chapters; c++) {
        int chapter = hs.chapters().get(c).number();
        importPreference[j][c] = economies.get(j).importBoost().getOrDefault(chapter, 1.0)
            * Math.exp(0.4 * Noise.normal(seed, 22, Noise.key(j, c)));
      }
    }
    gravity = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          Economy a = economies.get(i);
          Economy b = economies.get(j);
          double bonus = sharesBloc(a.iso3(), b.iso3()) ? 0.4 : 0;
          gravity[i][j] = Math.pow(b.gdpBn(), 0.85) * Math.pow(distanceKm(a, b), -0.8)
              * Math.exp(bonus + 0.25 * Noise.normal(seed, 23, Noise.key(i, j)));
        }
      }
    }
  }

  public SampleSpec spec() {
    return spec;
  }

  public List<Economy> economies() {
    return economies;
  }

  public Nomenclature hs() {
    return hs;
  }

  private String code(int k) {
    return hs.products().get(k).code();
  }

  static double tradeIndex(int year) {
    int i = Math.max(0, Math.min(TRADE_INDEX_2015_2025.length - 1, year - 2015));
    return TRADE_INDEX_2015_2025[i];
  }

  /** Goods exports of i to j in {@code year}, USD. */
  public double pairTotalUsd(int year, int i, int j) {
    if (i == j) {
      return 0;
    }
    Economy a = economies.get(i);
    double[] target = PAIR_TARGETS_2019.get(a.iso3() + ">" + economies.get(j).iso3());
    if (target != null) {
      int y = year - 2019;
      return 1e9 * (y >= 0 && y < target.length ? target[y] : target[3] * tradeIndex(year));
    }
    double sum = 0;
    for (int jj = 0; jj < economies.size(); jj++) {
      sum += gravity[i][jj];
    }
    double exports = 1e9 * a.exportsBn() * tradeIndex(year) * Math.exp(0.03 * Noise.normal(spec.seed(), 24,
        Noise.key(i, year)));
    return exports * gravity[i][j] / sum;
  }

  /** Generates every flow of exporter {@code i} in {@code year}, importer by importer, products in code order. */
  public void flows(int year, int i, FlowSink sink) {
    long seed = spec.seed();
    int p = hs.size();
    int chapters = hs.chapters().size();
    Economy exporter = economies.get(i);
    double[] w = new double[p];
    double[] chapterWeight = new double[chapters];
    for (int k = 0; k < p; k++) {
      w[k] = productWeight[k] * Math.exp(0.6 * Noise.normal(seed, 31, Noise.key(i, k)));
      chapterWeight[hs.chapterIndex(k)] += w[k];
    }
    double[] supply = new double[chapters];
    for (int c = 0; c < chapters; c++) {
      Nomenclature.Chapter ch = hs.chapters().get(c);
      supply[c] = ch.tradePct() * exporter.exportBoost().getOrDefault(ch.number(), 1.0)
          * Math.exp(0.6 * Noise.normal(seed, 32, Noise.key(i, c)));
    }
    int[] keep = new int[p];
    double[] value = new double[p];
    double[] share = new double[chapters];
    for (int j = 0; j < economies.size(); j++) {
      if (j == i) {
        continue;
      }
      double total = pairTotalUsd(year, i, j);
      pairChapterShares(i, j, supply, share);
      int m = 0;
      double sum = 0;
      for (int k = 0; k < p; k++) {
        int c = hs.chapterIndex(k);
        double e = total * share[c] * w[k] / chapterWeight[c];
        double x = e / spec.flowScaleUsd();
        double u = Noise.uniform(seed, 33, Noise.key(i, j, k));
        // 1 − exp(−x) ≤ x: most cells are rejected without computing the exponential
        if (u >= x) {
          continue;
        }
        double present = -Math.expm1(-x);
        if (u >= present) {
          continue;
        }
        double v = e / present * Math.exp(0.35 * Noise.normal(seed, 34, Noise.key(year, i, j, k)) - 0.06125);
        keep[m] = k;
        value[m] = v;
        sum += v;
        m++;
      }
      double scale = sum > 0 ? total / sum : 0;
      for (int q = 0; q < m; q++) {
        int k = keep[q];
        double usd = value[q] * scale;
        double tonnes = Double.NaN;
        if (Noise.uniform(seed, 35, Noise.key(year, i, j, k)) >= NA_SHARE) {
          double usdPerKg = hs.chapters().get(hs.chapterIndex(k)).usdPerKg()
              * Math.exp(0.5 * Noise.normal(seed, 36, Noise.key(i, k)));
          tonnes = usd / usdPerKg / 1000;
        }
        sink.accept(j, k, usd, tonnes);
      }
    }
  }

  private void pairChapterShares(int i, int j, double[] supply, double[] share) {
    double sum = 0;
    for (int c = 0; c < share.length; c++) {
      share[c] = supply[c] * importPreference[j][c];
      sum += share[c];
    }
    Map<Integer, Double> fixed = PAIR_CHAPTERS.get(economies.get(i).iso3() + ">" + economies.get(j).iso3());
    if (fixed == null) {
      for (int c = 0; c < share.length; c++) {
        share[c] /= sum;
      }
      return;
    }
    Map<Integer, Integer> index = new HashMap<>();
    for (int c = 0; c < share.length; c++) {
      index.put(hs.chapters().get(c).number(), c);
    }
    double fixedTotal = 0;
    double rest = sum;
    for (Map.Entry<Integer, Double> f : fixed.entrySet()) {
      Integer c = index.get(f.getKey());
      if (c != null) {
        fixedTotal += f.getValue();
        rest -= share[c];
      }
    }
    for (int c = 0; c < share.length; c++) {
      Double f = fixed.get(hs.chapters().get(c).number());
      share[c] = f != null ? f : share[c] * (1 - fixedTotal) / rest;
    }
  }

  static boolean sharesBloc(String a, String b) {
    for (Set<String> bloc : BLOCS) {
      if (bloc.contains(a) && bloc.contains(b)) {
        return true;
      }
    }
    return false;
  }

  static double distanceKm(Economy a, Economy b) {
    double la = Math.toRadians(a.lat());
    double lb = Math.toRadians(b.lat());
    double dl = Math.toRadians(b.lon() - a.lon());
    double h = Math.sin((lb - la) / 2) * Math.sin((lb - la) / 2) + Math.cos(la) * Math.cos(lb) * Math.sin(dl / 2)
        * Math.sin(dl / 2);
    return Math.max(300, 2 * 6371 * Math.asin(Math.sqrt(h)));
  }
}
