package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.data.Offset;
import org.ftasim.TestSpark;
import org.ftasim.sample.TariffSample;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** ftasim tariffs end to end: hand-computed WITS averages, every kind of bad line, the sample world's schedules. */
class TariffsJobTest {
  private static final Offset<Double> EXACT = within(1e-9);
  private final SparkSession spark = TestSpark.session();

  private static final String AGREEMENTS = """
      staging:
        A: {type: immediate}
        B4: {type: linear, cuts: 4}
        X: {type: excluded}
      agreements:
        - id: AGR
          members:
            KOR: {entry_into_force: 2022-01-01}
            USA: {entry_into_force: 2022-01-01}
      """;

  private static final String MFN = """
      reporter,year,nomenclature,tariff_line,duty_type,av_rate,specific_duty,ave,trq
      KOR,2022,HS17,0101211000,AV,8.0,,,N
      KOR,2022,HS17,0101219000,AV,0,,,N
      KOR,2022,HS17,8542320000,AV,0,,,N
      KOR,2022,HS17,8703231000,SP,,1500000 KRW/u,10.0,N
      KOR,2022,HS17,8703239000,CP,6.0,100000 KRW/u,8.0,Y
      KOR,2022,HS17,8542320000,AV,0
      kor,2022,HS17,8542320000,AV,0,,,N
      KOR,20x2,HS17,8542320000,AV,0,,,N
      KOR,2022,HS17,85423,AV,1,,,N
      KOR,2022,HS17,8542320001,XX,1,,,N
      KOR,2022,HS17,8542320002,AV,abc,,,N
      KOR,2022,HS17,8542320003,AV,-1,,,N
      KOR,2022,HS17,8542320004,AV,NaN,,,N
      KOR,2022,HS17,8542320005,SP,,5 USD/kg,,N
      KOR,2022,HS17,8542320006,AV,1,,,maybe
      KOR,2022,HS17,8542320000,AV,5,,,N

      """;

  private static final String PREF = """
      agreement,importer,partners,tariff_line,base_rate,staging,trq
      AGR,KOR,ALL,0101211000,8.0,B4,N
      AGR,KOR,ALL,0101219000,0,A,N
      AGR,KOR,ALL,8703231000,10.0,A,N
      AGR,KOR,USA,8703239000,8.0,X,N
      NOPE,KOR,ALL,8542320000,0,A,N
      AGR,JPN,ALL,8542320000,0,A,N
      AGR,KOR,ALL,8542320000,0,B99,N
      """;

  private static final String BACI_COUNTRIES = "country_code,country_name,country_iso2,country_iso3\n"
      + "410,Rep. of Korea,KR,KOR\n392,Japan,JP,JPN\n842,USA,US,USA\n";
  private static final String BACI_PRODUCTS = "code,description\n010121,Horses\n854232,Memories\n870323,Cars\n";
  private static final String BACI = "t,i,j,k,v,q\n"
      + "2022,392,410,854232,3.000,1.0\n2022,392,410,870323,1.000,1.0\n"
      + "2022,842,410,010121,4.000,1.0\n2022,842,410,854232,2.000,1.0\n";

  @Test
  void witsAveragesByHandAndEveryBadLineRejected() throws Exception {
    Path dir = TestSpark.newDir("tariff-files");
    Path baci = Files.createDirectories(dir.resolve("baci"));
    Files.writeString(baci.resolve("country_codes_V202401.csv"), BACI_COUNTRIES);
    Files.writeString(baci.resolve("product_codes_HS17_V202401.csv"), BACI_PRODUCTS);
    Files.writeString(baci.resolve("BACI_HS17_Y2022_V202401.csv"), BACI);
    Path tariffs = Files.createDirectories(dir.resolve("tariffs"));
    Files.writeString(tariffs.resolve("mfn.csv"), MFN);
    Files.writeString(tariffs.resolve("preferential_AGR.csv"), PREF);
    Files.writeString(tariffs.resolve("preferential_EMPTY.csv"), "");
    Files.writeString(dir.resolve("agreements.yaml"), AGREEMENTS);
    Path config = dir.resolve("tariffs.yaml");
    Files.writeString(config, "tariffs:\n  agreements: " + dir.resolve("agreements.yaml") + "\n  peak: 7.0\n");
    String wh = TestSpark.newDir("wh-tariffs").toString();
    assertThat(LauncherContractTest.run("ingest-flows", "--input", baci.toString(), "--warehouse", wh).code())
        .isZero();

    LauncherContractTest.Outcome o = LauncherContractTest.run("tariffs", "--config", config.toString(), "--input",
        tariffs.toString(), "--warehouse", wh);
    assertThat(o.code()).as(o.err()).isZero();
    var counts = o.summary(false).get("counts");
    assertThat(counts.get("first_year").asInt()).isEqualTo(2022);
    assertThat(counts.get("last_year").asInt()).as("B4 from 2022: last cut 2025").isEqualTo(2025);
    assertThat(counts.get("weight_year").asInt()).isEqualTo(2022);

    Warehouse w = new Warehouse(wh);
    Map<String, String> reasons = new HashMap<>();
    for (Row r : TableReader.read(spark, w, Tables.TARIFF_REJECTS).collectAsList()) {
      reasons.put(r.<String>getAs("source_file") + ":" + r.<Long>getAs("line_number"), r.getAs("reason_code"));
    }
    Map<String, String> expected = new LinkedHashMap<>();
    String[] mfnReasons = {"COLUMN_COUNT", "BAD_COUNTRY", "BAD_YEAR", "MALFORMED_LINE", "BAD_DUTY_TYPE", "BAD_NUMBER",
        "NEGATIVE_NUMBER", "NOT_FINITE", "MISSING_AVE", "BAD_FLAG", "DUPLICATE_KEY", "BLANK_LINE"};
    for (int i = 0; i < mfnReasons.length; i++) {
      expected.put("mfn.csv:" + (7 + i), mfnReasons[i]);
    }
    expected.put("preferential_AGR.csv:6", "UNKNOWN_AGREEMENT");
    expected.put("preferential_AGR.csv:7", "NOT_A_MEMBER");
    expected.put("preferential_AGR.csv:8", "UNKNOWN_STAGING");
    expected.put("preferential_EMPTY.csv:0", "EMPTY_FILE");
    assertThat(reasons).isEqualTo(expected);
    Dataset<Row> schedules = TableReader.read(spark, w, Tables.TARIFF_SCHEDULES);
    long mfnLines = MFN.lines().count();
    assertThat(schedules.where("source_file = 'mfn.csv'").count() + mfnReasons.length).isEqualTo(mfnLines - 1);
    assertThat(schedules.where("source_file = 'preferential_AGR.csv'").count() + 3).isEqualTo(PREF.lines().count() - 1);
    Row sp = schedules.where("tariff_line = '8703231000' and schedule = 'MFN'").first();
    assertThat(sp.<Double>getAs("rate")).isEqualTo(10.0);
    assertThat(sp.isNullAt(sp.fieldIndex("av_rate"))).isTrue();

    // HS6 rates: MFN 010121 (8+0)/2 = 4, 854232 0, 870323 (SP AVE 10 + CP AVE 8)/2 = 9.
    // From USA in 2022: 010121 (B4 one cut: 6, A: 0)/2 = 3, 854232 0 (no schedule), 870323 (A: 0, X: 8)/2 = 4.
    Map<String, Double> eff = new HashMap<>();
    for (Row r : TableReader.read(spark, w, Tables.TARIFF_EFFECTIVE).collectAsList()) {
      eff.put(r.<Integer>getAs("year") + "|" + r.getAs("exporter") + "|" + r.getAs("hs6"), r.getAs("rate"));
    }
    assertThat(eff.get("2022|MFN|010121")).isCloseTo(4.0, EXACT);
    assertThat(eff.get("2022|MFN|870323")).isCloseTo(9.0, EXACT);
    assertThat(eff.get("2022|USA|010121")).isCloseTo(3.0, EXACT);
    assertThat(eff.get("2023|USA|010121")).isCloseTo(2.0, EXACT);
    assertThat(eff.get("2025|USA|010121")).isCloseTo(0.0, EXACT);
    assertThat(eff.get("2022|USA|870323")).isCloseTo(4.0, EXACT);
    assertThat(eff).as("a preference that does not lower the rate leaves the MFN row to speak")
        .doesNotContainKey("2022|USA|854232");

    Map<String, Row> agg = new HashMap<>();
    for (Row r : TableReader.read(spark, w, Tables.TARIFF_AGGREGATES).where("year = 2022").collectAsList()) {
      agg.put(r.getAs("exporter") + "|" + r.getAs("level") + "|" + r.getAs("code"), r);
    }
    // MFN weights: Korea's imports from everyone in USD (BACI thousands x 1000): 010121 4000, 854232 5000, 870323 1000.
    Row total = agg.get("MFN|total|ALL");
    assertThat(total.<Long>getAs("n_lines")).isEqualTo(3);
    assertThat(total.<Double>getAs("simple_avg")).isCloseTo(13 / 3.0, EXACT);
    assertThat(total.<Double>getAs("weighted_avg")).isCloseTo((4 * 4000 + 9 * 1000) / 10000.0, EXACT);
    assertThat(total.<Double>getAs("duty_free_share")).isCloseTo(1 / 3.0, EXACT);
    assertThat(total.<Double>getAs("peak_share")).as("above 7%: 870323").isCloseTo(1 / 3.0, EXACT);
    assertThat(total.<Double>getAs("max_rate")).isCloseTo(9.0, EXACT);
    assertThat((Object) total.getAs("margin")).isNull();
    assertThat(total.<Double>getAs("weight_usd")).isCloseTo(10_000.0, EXACT);
    assertThat(agg.get("MFN|wto_group|AG").<Double>getAs("simple_avg")).isCloseTo(4.0, EXACT);
    assertThat(agg.get("MFN|wto_group|NAMA").<Double>getAs("simple_avg")).isCloseTo(4.5, EXACT);
    assertThat(agg.get("MFN|wto_group|NAMA").<Double>getAs("weighted_avg")).isCloseTo(9 * 1000 / 6000.0, EXACT);
    assertThat(agg.get("MFN|hs_section|XVII").<Double>getAs("simple_avg")).isCloseTo(9.0, EXACT);
    assertThat(agg.get("MFN|hs4|8542").<Long>getAs("n_lines")).isEqualTo(1);
    assertThat(agg.get("MFN|sector|autos").<Double>getAs("simple_avg")).isCloseTo(9.0, EXACT);
    // From USA: weights 010121 4000, 854232 2000; margin ((4-3) + 0 + (9-4))/3 = 2.
    Row usa = agg.get("USA|total|ALL");
    assertThat(usa.<Double>getAs("simple_avg")).isCloseTo(7 / 3.0, EXACT);
    assertThat(usa.<Double>getAs("weighted_avg")).isCloseTo(3 * 4000 / 6000.0, EXACT);
    assertThat(usa.<Double>getAs("margin")).isCloseTo(2.0, EXACT);
    assertThat(agg).doesNotContainKey("JPN|total|ALL");

    Path wrong = Files.createDirectories(dir.resolve("wrong"));
    Files.writeString(wrong.resolve("rates.csv"), "country,hs,rate\nKOR,010121,8\n");
    LauncherContractTest.Outcome bad = LauncherContractTest.run("tariffs", "--config", config.toString(), "--input",
        wrong.toString(), "--warehouse", wh);
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("rates.csv").contains(TariffSample.MFN_HEADER).contains(TariffSample.PREF_HEADER);
  }

  @Test
  void aRepeatedKeyKeepsItsFirstLineByFileNameThenLineAcrossFiles() throws Exception {
    Path dir = TestSpark.newDir("tariff-repeats");
    String header = "reporter,year,nomenclature,tariff_line,duty_type,av_rate,specific_duty,ave,trq\n";
    Path a = dir.resolve("a_mfn.csv");
    Files.writeString(a, header + "KOR,2022,HS17,0101211000,AV,1,,,N\nKOR,2022,HS17,0101211000,AV,2,,,N\n"
        + "KOR,2022,HS17,0101219000,AV,3,,,N\n");
    Path b = dir.resolve("b_mfn.csv");
    Files.writeString(b, header + "KOR,2022,HS17,8542320000,AV,4,,,N\nKOR,2022,HS17,0101211000,AV,5,,,N\n"
        + "KOR,2022,HS17,0101211000,AV,6,,,N\n");
    String wh = TestSpark.newDir("wh-tariff-repeats").toString();
    // b is given first: the first line of a key is by file name, not by the order of the inputs
    LauncherContractTest.Outcome o = LauncherContractTest.run("tariffs", "--input", b.toString(), "--input",
        a.toString(), "--warehouse", wh);
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.summary(false).get("counts").get("rejects_DUPLICATE_KEY").asLong()).isEqualTo(3);

    Warehouse w = new Warehouse(wh);
    Map<String, String> rejects = new HashMap<>();
    for (Row r : TableReader.read(spark, w, Tables.TARIFF_REJECTS).collectAsList()) {
      rejects.put(r.<String>getAs("source_file") + ":" + r.<Long>getAs("line_number"), r.getAs("message"));
    }
    assertThat(rejects).containsOnlyKeys("a_mfn.csv:3", "b_mfn.csv:3", "b_mfn.csv:4");
    assertThat(rejects.get("b_mfn.csv:4")).contains("KOR|2022|0101211000").contains("the first is kept");
    Map<String, Double> kept = new HashMap<>();
    for (Row r : TableReader.read(spark, w, Tables.TARIFF_SCHEDULES).collectAsList()) {
      kept.put(r.<String>getAs("source_file") + ":" + r.<Long>getAs("line_number"), r.getAs("rate"));
    }
    assertThat(kept).isEqualTo(Map.of("a_mfn.csv:2", 1.0, "a_mfn.csv:4", 3.0, "b_mfn.csv:2", 4.0));
  }
}
