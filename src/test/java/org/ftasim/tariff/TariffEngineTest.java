package org.ftasim.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.ftasim.sector.SectorMap;
import org.junit.jupiter.api.Test;

/** Hand-computed rates: every staging type year by year, Japan's April cuts, exclusions, several agreements. */
class TariffEngineTest {
  private static final Offset<Double> EXACT = within(1e-12);

  private static final String BOOK = """
      staging:
        A: {type: immediate}
        B3: {type: linear, cuts: 3}
        B5: {type: linear, cuts: 5}
        B10: {type: linear, cuts: 10}
        B2: {type: linear, cuts: 2}
        H2B3: {type: linear, cuts: 3, hold: 2}
        R50: {type: partial, cuts: 2, target: 0.5}
        X: {type: excluded}
      agreements:
        - id: AB
          members:
            AAA: {entry_into_force: 2020-01-01}
            BBB: {entry_into_force: 2020-01-01}
        - id: JP
          members:
            JPN: {entry_into_force: 2020-01-01, cut_date: "04-01"}
            BBB: {entry_into_force: 2020-01-01}
        - id: OTHER
          utilisation: 0.8
          default_staging: A
          members:
            AAA: {entry_into_force: 2021-01-01}
            CCC: {entry_into_force: 2021-01-01}
        - id: PACT
          members:
            AAA: {entry_into_force: 2019-01-01}
            DDD: {entry_into_force: 2019-01-01}
            EEE: {entry_into_force: 2019-01-01}
            FFF: {entry_into_force: 2021-07-02}
      """;

  static AgreementBook book() throws IOException {
    return AgreementBook.read(new ByteArrayInputStream(BOOK.getBytes(StandardCharsets.UTF_8)), "test-book.yaml");
  }

  static Scenario scenario(AgreementBook book, String yaml) throws IOException {
    return Scenario.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-scenario.yaml", book);
  }

  /** Rates by "year|exporter|hs6". */
  static Map<String, Double> run(Scenario s, Scenario baseline, ImporterSchedule schedule, int from, int to) {
    Map<String, Double> out = new HashMap<>();
    new TariffEngine(s, baseline, SectorMap.bundled()).run(schedule, from, to,
        (year, exporter, hs6, rate, mfn, source, lines) -> out.put(year + "|" + exporter + "|" + hs6, rate));
    return out;
  }

  @Test
  void everyStagingTypeYearByYear() throws IOException {
    AgreementBook book = book();
    ImporterSchedule.Builder b = ImporterSchedule.builder("AAA");
    String[] cats = {"A", "B3", "B5", "H2B3", "R50", "X"};
    for (int i = 0; i < cats.length; i++) {
      String code = "84010" + i;
      b.mfn(2019, code, 10.0).preferential("AB", "ALL", code, 10.0, cats[i]);
    }
    Map<String, Double> r = run(Scenario.baseline(book), Scenario.baseline(book), b.build(), 2019, 2026);
    double[][] expected = {
        {10, 0, 0, 0, 0, 0, 0, 0},                       // A: duty free at entry into force (2020)
        {10, 20 / 3.0, 10 / 3.0, 0, 0, 0, 0, 0},         // B3: three equal cuts
        {10, 8, 6, 4, 2, 0, 0, 0},                       // B5
        {10, 10, 10, 20 / 3.0, 10 / 3.0, 0, 0, 0},       // base held for 2 cuts, then 3 equal cuts
        {10, 7.5, 5, 5, 5, 5, 5, 5},                     // halved in two cuts
        {10, 10, 10, 10, 10, 10, 10, 10}};               // excluded: MFN
    for (int i = 0; i < cats.length; i++) {
      for (int y = 2019; y <= 2026; y++) {
        Double v = r.get(y + "|BBB|84010" + i);
        double want = expected[i][y - 2019];
        assertThat(v == null ? 10.0 : v).as("%s in %d", cats[i], y).isCloseTo(want, EXACT);
      }
      assertThat(r.get("2019|MFN|84010" + i)).isEqualTo(10.0);
    }
    assertThat(r).doesNotContainKey("2019|BBB|840100");
  }

  @Test
  void aLateMemberGetsThePreferenceFromItsOwnEntryIntoForce() throws IOException {
    // DDD and FFF share PACT's ALL rows, but FFF joins on 2 July 2021 (182 days of MFN, then the first cut)
    AgreementBook book = book();
    ImporterSchedule s = ImporterSchedule.builder("AAA").mfn(2019, "290511", 10.0)
        .preferential("PACT", "ALL", "290511", 10.0, "A").build();
    Map<String, Double> r = run(Scenario.baseline(book), Scenario.baseline(book), s, 2020, 2022);
    assertThat(r.get("2020|DDD|290511")).isCloseTo(0.0, EXACT);
    assertThat(r).doesNotContainKey("2020|FFF|290511");
    assertThat(r.get("2021|DDD|290511")).isCloseTo(0.0, EXACT);
    assertThat(r.get("2021|FFF|290511")).isCloseTo(182 * 10.0 / 365, EXACT);
    assertThat(r.get("2022|FFF|290511")).isCloseTo(0.0, EXACT);
  }

  @Test
  void japansAprilCutsWeighTheYearByDays() throws IOException {
    AgreementBook book = book();
    ImporterSchedule s = ImporterSchedule.builder("JPN").mfn(2019, "850110000", 10.0)
        .preferential("JP", "ALL", "850110", 10.0, "B3").build();
    Map<String, Double> r = run(Scenario.baseline(book), Scenario.baseline(book), s, 2020, 2022);
    // 2020 is a leap year: 91 days (Jan-Mar) after the first cut, 275 after the second on 1 April.
    assertThat(r.get("2020|BBB|850110")).isCloseTo((91 * 20 / 3.0 + 275 * 10 / 3.0) / 366, EXACT);
    assertThat(r.get("2021|BBB|850110")).isCloseTo(90 * 10 / 3.0 / 365, EXACT);
    assertThat(r.get("2022|BBB|850110")).isCloseTo(0, EXACT);
  }

  @Test
  void bestOfSeveralAgreementsUtilisationAndNationalLines() throws IOException {
    AgreementBook book = book();
    ImporterSchedule s = ImporterSchedule.builder("AAA")
        .mfn(2019, "0101210010", 8.0).mfn(2019, "0101210090", 0.0)   // one HS6, two national lines
        .mfn(2019, "2905110000", 10.0)
        .preferential("AB", "ALL", "2905110000", 10.0, "B5")
        .preferential("PACT", "ALL", "290511", 10.0, "B10")          // an HS6 row covers its national lines
        .preferential("PACT", "EEE", "290511", 10.0, "A")            // a partner's own row wins over ALL
        .build();
    Map<String, Double> r = run(Scenario.baseline(book), Scenario.baseline(book), s, 2021, 2021);
    assertThat(r.get("2021|MFN|010121")).isCloseTo(4.0, EXACT);              // WITS: mean of the lines
    assertThat(r.get("2021|BBB|290511")).isCloseTo(6.0, EXACT);              // AB B5, second year
    assertThat(r.get("2021|DDD|290511")).isCloseTo(10 * (1 - 3 / 10.0), EXACT);  // PACT B10, third cut
    assertThat(r.get("2021|EEE|290511")).isCloseTo(0.0, EXACT);
    // OTHER: default staging A, 80% of trade uses it: 0.8 · 0 + 0.2 · 8 on the dutiable line.
    assertThat(r.get("2021|CCC|010121")).isCloseTo((0.2 * 8 + 0) / 2, EXACT);
    assertThat(r.get("2021|CCC|290511")).isCloseTo(2.0, EXACT);
  }

  @Test
  void aScenarioStartsFromTheAppliedRateAndExcludesLines() throws IOException {
    AgreementBook book = book();
    Scenario base = Scenario.baseline(book);
    Scenario fta = scenario(book, """
        id: aaa-bbb-fta
        agreements:
          - id: NEWFTA
            members:
              AAA: {entry_into_force: 2023-01-01}
              BBB: {entry_into_force: 2023-01-01}
            default_staging: B2
            exclude: [AG, "8703"]
        """);
    ImporterSchedule s = ImporterSchedule.builder("AAA")
        .mfn(2019, "290511", 10.0).mfn(2019, "870321", 8.0).mfn(2019, "020110", 40.0)
        .preferential("AB", "ALL", "290511", 10.0, "B10")
        .preferential("AB", "ALL", "870321", 8.0, "B10")
        .preferential("AB", "ALL", "020110", 40.0, "B5")
        .build();
    Map<String, Double> b = run(base, base, s, 2022, 2025);
    Map<String, Double> f = run(fta, base, s, 2022, 2025);
    assertThat(f).doesNotContainKey("2022|BBB|290511").doesNotContainKey("2023|MFN|290511");
    // AB's B10 rate the day before the FTA: 10 · (1 − 3/10) = 7; the FTA halves that, then ends it.
    assertThat(b.get("2023|BBB|290511")).isCloseTo(6.0, EXACT);
    assertThat(f.get("2023|BBB|290511")).isCloseTo(3.5, EXACT);
    assertThat(f.get("2024|BBB|290511")).isCloseTo(0.0, EXACT);
    for (String hs : List.of("870321", "020110")) {
      for (int y = 2023; y <= 2025; y++) {
        assertThat(f.get(y + "|BBB|" + hs)).as(hs + " excluded in " + y).isEqualTo(b.get(y + "|BBB|" + hs));
      }
    }
  }

  @Test
  void anAccessionCoversOnlyPairsWithTheAcceedingMember() throws IOException {
    AgreementBook book = book();
    Scenario join = scenario(book, """
        id: kor-joins-pact
        agreements:
          - id: PACT
            members:
              KOR: {entry_into_force: 2027-01-01}
        """);
    assertThat(join.book().agreement("PACT").members()).containsKeys("AAA", "DDD", "EEE", "KOR");
    Scenario accession = scenario(book, """
        id: kor-accedes
        agreements:
          - id: PACT-KOR
            accession: KOR
            default_staging: A
            members:
              KOR: {entry_into_force: 2027-01-01}
              AAA: {entry_into_force: 2019-01-01}
              DDD: {entry_into_force: 2019-01-01}
        """);
    ImporterSchedule s = ImporterSchedule.builder("AAA").mfn(2019, "290511", 10.0).build();
    Map<String, Double> r = run(accession, Scenario.baseline(book), s, 2027, 2027);
    assertThat(r).containsOnlyKeys("2027|KOR|290511");
    assertThat(r.get("2027|KOR|290511")).isCloseTo(0.0, EXACT);
    assertThat(accession.touched()).isEqualTo(Set.of("PACT-KOR"));
  }

  @Test
  void phaseInEndsWithTheLongestCategoryUsed() throws IOException {
    AgreementBook book = book();
    Scenario base = Scenario.baseline(book);
    // AB: B5 from 2020 → last cut 2024. JP: B3 with April cuts → cuts 2020-01-01, 2020-04-01, 2021-04-01: the final
    // rate holds all year from 2022.
    assertThat(TariffEngine.phaseInEnd(base, Map.of("AB", Set.of("B5", "A"), "JP", Set.of("B3")))).isEqualTo(2024);
    assertThat(TariffEngine.phaseInEnd(base, Map.of("JP", Set.of("B3")))).isEqualTo(2022);
  }
}
