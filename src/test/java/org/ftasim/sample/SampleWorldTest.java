package org.ftasim.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ftasim.tariff.AgreementBook;
import org.ftasim.tariff.HsGroups;
import org.ftasim.tariff.StagingCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample world against the published facts it is calibrated to (tolerances as the sample-world issue states). */
class SampleWorldTest {
  private static SampleWorld world;
  private static TariffSample.Schedules schedules;

  @BeforeAll
  static void build() {
    world = new SampleWorld(SampleSpec.small(SampleSpec.DEFAULT_SEED, 2019, 2023));
    schedules = TariffSample.build(world);
  }

  private static int index(String iso) {
    for (int i = 0; i < world.economies().size(); i++) {
      if (world.economies().get(i).isoCode().equals(iso)) {
        return i;
      }
    }
    throw new AssertionError(iso);
  }

  private static Map<Integer, Double> chapters(int year, int i, int j) {
    Map<Integer, Double> m = new HashMap<>();
    world.flows(year, i, (imp, k, usd, t) -> {
      if (imp == j) {
        m.merge(world.hs().products().get(k).chapter(), usd, Double::sum);
      }
    });
    return m;
  }

  private static List<Integer> top(Map<Integer, Double> m, int n) {
    return m.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(n)
        .map(Map.Entry::getKey).toList();
  }

  @Test
  void koreaJapanTradeMatchesPublishedTotalsAndLeadingChapters() {
    int kor = index("KOR");
    int jpn = index("JPN");
    Map<Integer, Double> kj = chapters(2022, kor, jpn);
    Map<Integer, Double> jk = chapters(2022, jpn, kor);
    double kjTotal = kj.values().stream().mapToDouble(Double::doubleValue).sum();
    double jkTotal = jk.values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(kjTotal / 1e9).isCloseTo(30.6, within(3.06));
    assertThat(jkTotal / 1e9).isCloseTo(54.7, within(5.47));
    double kj2020 = chapters(2020, kor, jpn).values().stream().mapToDouble(Double::doubleValue).sum();
    double jk2020 = chapters(2020, jpn, kor).values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(kj2020 / 1e9).isCloseTo(25.1, within(2.51));
    assertThat(jk2020 / 1e9).isCloseTo(45.9, within(4.59));
    assertThat(top(kj, 5)).containsAll(List.of(27, 85, 84));
    assertThat(top(jk, 5)).containsAll(List.of(85, 84, 72));
  }

  @Test
  void theNomenclatureIsHsShapedWithAbout5000Codes() {
    assertThat(world.hs().size()).isBetween(4500, 5500);
    assertThat(world.hs().chapters()).hasSize(96).noneMatch(c -> c.number() == 77);
    assertThat(world.hs().products()).allMatch(p -> p.code().matches("\\d{6}"));
    assertThat(world.hs().products().stream().map(Nomenclature.Product::code))
        .contains("100630", "870323", "854232", "290543", "010110");
    long ag = world.hs().products().stream().filter(p -> HsGroups.isAgricultural(p.code())).count();
    assertThat((double) ag / world.hs().size()).isBetween(0.12, 0.16);
  }

  @Test
  void aRealisticShareOfFlowsIsZero() {
    int kor = index("KOR");
    long[] n = new long[1];
    world.flows(2022, kor, (j, k, usd, t) -> n[0]++);
    double cells = (world.economies().size() - 1.0) * world.hs().size();
    assertThat(n[0] / cells).as("Korea's nonzero share").isBetween(0.3, 0.95);
    int brn = index("BRN");
    n[0] = 0;
    world.flows(2022, brn, (j, k, usd, t) -> n[0]++);
    assertThat(n[0] / cells).as("Brunei's nonzero share").isLessThan(0.1);
  }

  /** Simple average over HS6 of the average of each HS6's national lines, for the products in {@code group}. */
  private static double average(String importer, Predicate<String> group) {
    Map<String, double[]> hs6 = new LinkedHashMap<>();
    for (TariffSample.Line l : schedules.mfn().get(importer)) {
      String code = l.code().substring(0, 6);
      if (group.test(code)) {
        double[] acc = hs6.computeIfAbsent(code, c -> new double[2]);
        acc[0] += l.applied();
        acc[1]++;
      }
    }
    return hs6.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElseThrow();
  }

  @Test
  void mfnAveragesMatchWtoTariffProfiles() {
    Predicate<String> all = c -> true;
    Predicate<String> ag = HsGroups::isAgricultural;
    Predicate<String> nama = ag.negate();
    assertThat(average("KOR", all)).isCloseTo(13.4, within(1.34));
    assertThat(average("KOR", ag)).isCloseTo(57.0, within(5.7));
    assertThat(average("KOR", nama)).isCloseTo(6.6, within(0.66));
    assertThat(average("KOR", c -> c.startsWith("8703"))).isCloseTo(8.0, within(0.8));
    assertThat(average("KOR", c -> c.startsWith("8704"))).isCloseTo(10.0, within(1.0));
    assertThat(average("JPN", all)).isCloseTo(4.3, within(0.86));
    assertThat(average("JPN", ag)).isCloseTo(15.5, within(3.1));
    assertThat(average("JPN", nama)).isCloseTo(2.5, within(0.5));
    assertThat(average("JPN", c -> c.startsWith("85"))).isCloseTo(0.2, within(0.04));
    assertThat(average("JPN", c -> c.compareTo("86") >= 0 && c.compareTo("90") < 0)).isCloseTo(0.0, within(0.01));
    assertThat(average("JPN", c -> nama.test(c) && c.compareTo("28") >= 0 && c.compareTo("39") < 0))
        .isCloseTo(2.3, within(0.46));
    assertThat(schedules.mfn().get("KOR")).allMatch(l -> l.code().length() == 10);
    assertThat(schedules.mfn().get("JPN")).allMatch(l -> l.code().length() == 9);
    assertThat(schedules.mfn().get("USA")).allMatch(l -> l.code().length() == 6);
    assertThat(schedules.mfn().get("JPN")).anyMatch(l -> l.dutyType().equals("SP") && l.ave() > 0);
  }

  private static double finalFreeShare(String importer, String partner, Predicate<String> group) {
    AgreementBook book = AgreementBook.bundled();
    String[] cats = schedules.preferential().get("RCEP").get(importer).get(partner);
    List<TariffSample.Line> lines = schedules.mfn().get(importer);
    int n = 0;
    int free = 0;
    for (int q = 0; q < lines.size(); q++) {
      if (group.test(lines.get(q).code().substring(0, 6))) {
        StagingCategory c = book.agreement("RCEP").category(cats[q]);
        n++;
        free += lines.get(q).applied() == 0 || c.endsDutyFree() ? 1 : 0;
      }
    }
    return (double) free / n;
  }

  @Test
  void rcepBetweenKoreaAndJapanIsStagedAsPublished() {
    Predicate<String> nama = c -> !HsGroups.isAgricultural(c);
    assertThat(finalFreeShare("KOR", "JPN", c -> true)).isCloseTo(0.83, within(0.083));
    double japanNamaFreeAtMfn = schedules.mfn().get("JPN").stream()
        .filter(l -> nama.test(l.code().substring(0, 6))).mapToDouble(l -> l.applied() == 0 ? 1 : 0).average()
        .orElseThrow();
    assertThat(japanNamaFreeAtMfn).isCloseTo(0.19, within(0.019));
    assertThat(finalFreeShare("JPN", "KOR", nama)).isCloseTo(0.92, within(0.092));
    String[] cats = schedules.preferential().get("RCEP").get("JPN").get("KOR");
    List<TariffSample.Line> jpn = schedules.mfn().get("JPN");
    List<String> excluded = new ArrayList<>();
    for (int q = 0; q < jpn.size(); q++) {
      if (cats[q].equals("E")) {
        excluded.add(jpn.get(q).code());
      }
    }
    for (String sensitive : List.of("1006", "1001", "0201", "0203", "0401", "0406", "1701")) {
      List<Integer> lines = new ArrayList<>();
      for (int q = 0; q < jpn.size(); q++) {
        if (jpn.get(q).code().startsWith(sensitive) && jpn.get(q).applied() > 0) {
          lines.add(q);
        }
      }
      assertThat(lines).as(sensitive).allMatch(q -> cats[q].equals("E"));
    }
    String[] korCats = schedules.preferential().get("RCEP").get("KOR").get("JPN");
    List<TariffSample.Line> kor = schedules.mfn().get("KOR");
    for (int q = 0; q < kor.size(); q++) {
      if (kor.get(q).code().startsWith("8703")) {
        assertThat(korCats[q]).as(kor.get(q).code()).isEqualTo("E");
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
    String a = baci(new SampleWorld(SampleSpec.small(7, 2022, 2022)), 2022, 3);
    String b = baci(new SampleWorld(SampleSpec.small(7, 2022, 2022)), 2022, 3);
    String c = baci(new SampleWorld(SampleSpec.small(8, 2022, 2022)), 2022, 3);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  private static String baci(SampleWorld w, int year, int exporter) {
    StringBuilder sb = new StringBuilder();
    w.flows(year, exporter, (j, k, usd, t) -> BaciFormat.append(sb, year, w.economies().get(exporter).code(),
        w.economies().get(j).code(), w.hs().products().get(k).code(), usd, t, false));
    return sb.toString();
  }

  /**
   * The sample's input-output data, written as an ICIO table and as a CP-layout folder: every account closes, GDP
   * is the WDI figure, the two files give the same model data (to 1e-9) and the same CP solution.
   */
  @Test
  void modelDataCloseEveryAccountMatchGdpAndSolve() throws Exception {
    org.ftasim.sector.IndustryMap industries = org.ftasim.sector.IndustryMap.bundled();
    org.ftasim.sector.SectorMap cells = org.ftasim.sector.SectorMap.industryLevel(industries);
    int year = 2022;
    ModelSample.RateTable rates = ModelSample.RateTable.build(world, schedules, AgreementBook.bundled(), cells, year);
    int n = world.economies().size();
    int s = cells.sectors().size();
    Map<Integer, double[][]> flows = new HashMap<>();
    for (int i = 0; i < n; i++) {
      double[][] acc = new double[2][n * s];
      int exporter = i;
      world.flows(year, i, (j, k, usd, t) -> {
        int cell = j * s + rates.sectorOfProduct()[k];
        acc[0][cell] += usd;
        acc[1][cell] += usd * rates.rate(j, exporter, k);
      });
      flows.put(i, acc);
    }
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sample-model");
    ModelSample.Written written = ModelSample.write(world, industries, cells, year, flows,
        new org.ftasim.table.TextFiles(new org.apache.hadoop.conf.Configuration()), dir.toString());
    assertThat(written.icioCountries()).isEqualTo(n);
    org.ftasim.model.cp.CpData d = org.ftasim.inputs.CpLayout.read(dir.resolve("model"));
    org.ftasim.inputs.IcioTable.Aggregated icio;
    try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(dir.resolve(ModelSample.icioFile(year)))) {
      icio = org.ftasim.inputs.IcioTable.read(in, "icio", industries, List.of(), "ROW", 1e-12);
    }
    org.ftasim.model.cp.CpData fromIcio = icio.data();
    assertThat(icio.countries()).hasSize(n).contains("CHN", "MEX");
    assertThat(fromIcio.regions()).containsExactlyInAnyOrderElementsOf(d.regions());
    assertThat(fromIcio.sectors()).isEqualTo(d.sectors());
    assertSame(d, fromIcio);
    int kor = d.regions().indexOf("KOR");
    int jpn = d.regions().indexOf("JPN");
    int services = d.sectors().indexOf("services");
    double[] gdp = new double[d.n()];
    double[] purchases = new double[d.n()];
    double[] absorbed = new double[d.n()];
    double worldVa = 0;
    double worldServicesVa = 0;
    for (int r = 0; r < d.n(); r++) {
      for (int q = 0; q < d.j(); q++) {
        gdp[r] += d.valueAdded()[d.rs(r, q)];
        double output = d.valueAdded()[d.rs(r, q)];
        double absorption = d.finalDemand()[d.rs(r, q)];
        for (int k = 0; k < d.j(); k++) {
          output += d.intermediate()[d.io(r, k, q)];
          absorption += d.intermediate()[d.io(r, q, k)];
        }
        double sales = 0;
        for (int o = 0; o < d.n(); o++) {
          sales += d.trade()[d.pair(q, o, r)];
          purchases[r] += d.trade()[d.pair(q, r, o)] * (1 + d.tariff()[d.pair(q, r, o)]);
          if (q == services && o != r) {
            assertThat(d.trade()[d.pair(q, o, r)]).isZero();
          }
        }
        assertThat(sales).as("sales = output, %s %s", d.regions().get(r), d.sectors().get(q))
            .isCloseTo(output, within(1e-5 * output + 1e-3));
        absorbed[r] += absorption;
        assertThat(d.finalDemand()[d.rs(r, q)]).isGreaterThanOrEqualTo(0);
      }
      // what a region buys, duties included, is what it uses: in total (TLS moves duties between a column's inputs)
      assertThat(purchases[r]).as("purchases = absorption, %s", d.regions().get(r))
          .isCloseTo(absorbed[r], within(1e-5 * absorbed[r]));
      worldVa += gdp[r];
      worldServicesVa += d.valueAdded()[d.rs(r, services)];
    }
    assertThat(gdp[kor]).isCloseTo(1_673_000, within(167_300.0));
    assertThat(gdp[jpn]).isCloseTo(4_231_000, within(423_100.0));
    assertThat(worldServicesVa / worldVa).isBetween(0.55, 0.8);

    // Korea–Japan tariffs to zero: the model solves on the sample's data
    double[] cf = d.tariff().clone();
    for (int q = 0; q < d.j(); q++) {
      cf[d.pair(q, kor, jpn)] = 0;
      cf[d.pair(q, jpn, kor)] = 0;
    }
    org.ftasim.model.cp.CpComparison c = org.ftasim.model.cp.CaliendoParro.run(d.withTariffs(d.tariff(), cf),
        org.ftasim.model.cp.CaliendoParro.Deficits.KEEP, new org.ftasim.model.cp.CpSolver.Options(1e-13, 20000, 5, 1.0,
            0.15));
    assertThat(c.baseline().diagnostics().converged()).isTrue();
    assertThat(c.counterfactual().diagnostics().converged()).isTrue();
    assertThat(c.welfarePct(kor)).isBetween(-2.0, 2.0);

    // the same solution from the ICIO table's data (its regions in its own order)
    int[] at = new int[d.n()];
    for (int r = 0; r < d.n(); r++) {
      at[r] = fromIcio.regions().indexOf(d.regions().get(r));
    }
    double[] t0 = new double[fromIcio.trade().length];
    double[] t1 = new double[fromIcio.trade().length];
    for (int q = 0; q < d.j(); q++) {
      for (int m = 0; m < d.n(); m++) {
        for (int i = 0; i < d.n(); i++) {
          t0[fromIcio.pair(q, at[m], at[i])] = d.tariff()[d.pair(q, m, i)];
          t1[fromIcio.pair(q, at[m], at[i])] = cf[d.pair(q, m, i)];
        }
      }
    }
    // an ICIO table has no tariffs: the observed ones come from the tariff stage, as model-inputs does
    org.ftasim.model.cp.CpData icioTariffs = new org.ftasim.model.cp.CpData(fromIcio.regions(), fromIcio.sectors(),
        fromIcio.trade(), t0, t0, t1, fromIcio.icebergBaseline(), fromIcio.icebergCounterfactual(),
        fromIcio.intermediate(), fromIcio.valueAdded(), fromIcio.finalDemand(), fromIcio.deficit(), fromIcio.theta());
    org.ftasim.model.cp.CpComparison c2 = org.ftasim.model.cp.CaliendoParro.run(icioTariffs,
        org.ftasim.model.cp.CaliendoParro.Deficits.KEEP, new org.ftasim.model.cp.CpSolver.Options(1e-13, 20000, 5, 1.0,
            0.15));
    for (int r = 0; r < d.n(); r++) {
      assertThat(c2.welfarePct(at[r])).as("welfare %s", d.regions().get(r)).isCloseTo(c.welfarePct(r), within(1e-9));
    }
  }

  /** Two model data sets with the same regions (in any order) and sectors agree to 1e-9 relative, cell by cell. */
  private static void assertSame(org.ftasim.model.cp.CpData a, org.ftasim.model.cp.CpData b) {
    int[] at = new int[a.n()];
    for (int r = 0; r < a.n(); r++) {
      at[r] = b.regions().indexOf(a.regions().get(r));
    }
    for (int r = 0; r < a.n(); r++) {
      String where = a.regions().get(r);
      assertThat(b.deficit()[at[r]]).as("deficit %s", where).isCloseTo(a.deficit()[r], close(a.deficit()[r]));
      for (int q = 0; q < a.j(); q++) {
        assertThat(b.valueAdded()[b.rs(at[r], q)]).as("va %s %d", where, q)
            .isCloseTo(a.valueAdded()[a.rs(r, q)], close(a.valueAdded()[a.rs(r, q)]));
        assertThat(b.finalDemand()[b.rs(at[r], q)]).as("final %s %d", where, q)
            .isCloseTo(a.finalDemand()[a.rs(r, q)], close(a.finalDemand()[a.rs(r, q)]));
        for (int k = 0; k < a.j(); k++) {
          assertThat(b.intermediate()[b.io(at[r], k, q)]).as("input %s %d %d", where, k, q)
              .isCloseTo(a.intermediate()[a.io(r, k, q)], close(a.intermediate()[a.io(r, k, q)]));
        }
        for (int i = 0; i < a.n(); i++) {
          assertThat(b.trade()[b.pair(q, at[r], at[i])]).as("trade %s %s %d", where, a.regions().get(i), q)
              .isCloseTo(a.trade()[a.pair(q, r, i)], close(a.trade()[a.pair(q, r, i)]));
        }
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> close(double v) {
    return within(1e-9 * Math.max(1, Math.abs(v)));
  }

  /**
   * The MFN schedules of the economies without preferential lines (EU members, India, Taiwan) come as a WITS/TRAINS
   * export that WITS's reader takes whole: every row parses, and its rate is the HS6 average of the national lines,
   * the same double the tariff engine computes from them.
   */
  @Test
  void theWitsExportParsesBackToTheHs6AveragesOfTheNationalLines() {
    Map<String, List<TariffSample.Line>> wits = new LinkedHashMap<>();
    schedules.mfn().forEach((iso, lines) -> {
      if (TariffSample.inWitsExport(iso, schedules)) {
        wits.put(iso, lines);
      }
    });
    assertThat(wits.keySet()).containsExactlyInAnyOrder("DEU", "FRA", "ITA", "NLD", "TWN", "IND");
    StringBuilder out = new StringBuilder();
    long rows = TariffSample.witsExport(world, wits, out);
    String[] lines = out.toString().split("\r\n");
    assertThat(lines).hasSize((int) rows + 1);
    int[] at = org.ftasim.tariff.TariffFiles.witsColumns(org.ftasim.table.Csv.split(lines[0]));
    assertThat(at).isNotNull();
    Map<String, Double> parsed = new HashMap<>();
    int repaired = 0;
    for (int i = 1; i < lines.length; i++) {
      org.ftasim.tariff.TariffFiles.Parsed p = org.ftasim.tariff.TariffFiles.wits(at, lines[i]);
      assertThat(p.reject()).as(lines[i]).isNull();
      repaired += p.repaired() ? 1 : 0;
      Object[] v = p.values();
      parsed.put(v[1] + "|" + v[3] + "|" + v[5], (Double) v[10]);
    }
    assertThat(repaired).isPositive();
    org.ftasim.tariff.ImporterSchedule.Builder india = org.ftasim.tariff.ImporterSchedule.builder("IND");
    wits.get("IND").forEach(l -> india.mfn(2019, l.code(), l.applied()));
    org.ftasim.tariff.TariffEngine engine = new org.ftasim.tariff.TariffEngine(
        org.ftasim.tariff.Scenario.baseline(AgreementBook.bundled()),
        org.ftasim.tariff.Scenario.baseline(AgreementBook.bundled()), org.ftasim.sector.SectorMap.bundled());
    int[] checked = {0};
    engine.run(india.build(), 2019, 2019, (y, exporter, hs6, rate, mfn, source, n) -> {
      if (exporter.equals("MFN")) {
        assertThat(parsed.get("IND|2019|" + hs6)).as(hs6).isEqualTo(rate);
        checked[0]++;
      }
    });
    assertThat(checked[0]).isEqualTo(world.hs().size());
  }
}
