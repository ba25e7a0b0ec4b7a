package org.ftasim.markets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.sector.SectorMap;
import org.ftasim.markets.spark.SmartEffects;
import org.ftasim.table.Tables;
import org.junit.jupiter.api.Test;

/**
 * SMART on Spark against cases worked by hand: Korea cuts its 8% tariff on Japan's goods to 0 while China keeps
 * paying 8%; imports from Japan 100, from China 50; η = 1.5, σ = 1.5.
 */
class SmartEffectsTest {
  private final SparkSession spark = TestSpark.session();

  private Dataset<Row> flows() {
    return spark.createDataFrame(List.of(
        RowFactory.create(2022, "JPN", "KOR", "281111", "H5", 100.0, null, "BACI", "f.csv", "r", "/d/f.csv", "1:00000000"),
        RowFactory.create(2022, "CHN", "KOR", "281111", "H5", 50.0, null, "BACI", "f.csv", "r", "/d/f.csv", "1:00000000"),
        RowFactory.create(2022, "JPN", "KOR", "870323", "H5", 10.0, null, "BACI", "f.csv", "r", "/d/f.csv", "1:00000000"),
        RowFactory.create(2021, "JPN", "KOR", "281111", "H5", 999.0, null, "BACI", "f.csv", "r", "/d/f.csv", "1:00000000")),
        Tables.TRADE_FLOWS.schema());
  }

  private Dataset<Row> effective() {
    return spark.createDataFrame(List.of(
        RowFactory.create("t", "baseline", 2030, "KOR", "MFN", "281111", 8.0, 8.0, "MFN", 1),
        RowFactory.create("t", "baseline", 2030, "KOR", "MFN", "870323", 8.0, 8.0, "MFN", 1),
        RowFactory.create("t", "fta", 2030, "KOR", "JPN", "281111", 0.0, 8.0, "KJFTA", 1),
        RowFactory.create("t", "fta", 2030, "KOR", "JPN", "870323", 8.0, 8.0, "MFN", 1)),
        Tables.TARIFF_EFFECTIVE.schema());
  }

  private Map<String, Row> run(double beta) {
    Dataset<Row> lines = SmartEffects.lines(flows(), 2022, effective(), "fta", 2030);
    Dataset<Row> none = spark.createDataFrame(List.<Row>of(), org.ftasim.jobs.SmartJob.ELASTICITIES);
    Map<String, Row> out = new HashMap<>();
    for (Row r : SmartEffects.effects(lines, none, 1.5, 1.5, beta, "run", "fta", 2030, 2022).collectAsList()) {
      out.put(r.getAs("exporter") + "|" + r.getAs("hs6"), r);
    }
    return out;
  }

  @Test
  void infiniteExportSupplyCreationDiversionRevenueAndSurplus() {
    Map<String, Row> e = run(Double.POSITIVE_INFINITY);
    assertThat(e).hasSize(3);
    double x = 1 / 1.08 - 1;                       // Japan's tariff factor change, all passed on to the price
    double mean = 100 * x / 150;                   // import-weighted price change of the market
    Row jpn = e.get("JPN|281111");
    Row chn = e.get("CHN|281111");
    assertThat(jpn.<Double>getAs("trade_creation_usd")).isCloseTo(-1.5 * 100 * x, within(1e-12));
    assertThat(chn.<Double>getAs("trade_creation_usd")).isCloseTo(0.0, within(0.0));
    assertThat(jpn.<Double>getAs("trade_diversion_usd")).isCloseTo(-1.5 * 100 * (x - mean), within(1e-12));
    assertThat(chn.<Double>getAs("trade_diversion_usd")).isCloseTo(-1.5 * 50 * (0 - mean), within(1e-12));
    assertThat(jpn.<Double>getAs("trade_diversion_usd") + chn.<Double>getAs("trade_diversion_usd"))
        .isCloseTo(0, within(1e-12));
    assertThat(jpn.<Double>getAs("price_effect_usd")).isCloseTo(0.0, within(0.0));
    assertThat(jpn.<Double>getAs("price_effect_pct")).isCloseTo(100 * x, within(1e-12));
    assertThat(jpn.<Double>getAs("revenue_before_usd")).isCloseTo(8.0, within(1e-12));
    assertThat(jpn.<Double>getAs("revenue_after_usd")).isCloseTo(0.0, within(0.0));
    double chnAfter = 50 + chn.<Double>getAs("trade_diversion_usd");
    assertThat(chn.<Double>getAs("revenue_after_usd")).isCloseTo(0.08 * chnAfter, within(1e-12));
    assertThat(jpn.<Double>getAs("consumer_surplus_usd")).isCloseTo(0.5 * 0.08 * -1.5 * 100 * x, within(1e-12));
    Row cars = e.get("JPN|870323");
    assertThat(cars.<Double>getAs("total_effect_usd")).as("no tariff change, no effect").isCloseTo(0.0, within(0.0));
    assertThat(cars.<Double>getAs("tariff_after")).isEqualTo(8.0);
  }

  /** A finite export-supply elasticity β: the price falls by the share β/(β+η) of the cut, the exporter gains the rest. */
  @Test
  void finiteExportSupplySplitsTheCutBetweenBuyerAndSeller() {
    Map<String, Row> e = run(2.0);
    double x = 1 / 1.08 - 1;
    double pi = x * 2.0 / (2.0 + 1.5);
    Row jpn = e.get("JPN|281111");
    assertThat(jpn.<Double>getAs("trade_creation_usd")).isCloseTo(-1.5 * 100 * pi, within(1e-12));
    assertThat(jpn.<Double>getAs("price_effect_usd")).isCloseTo(100 * (pi - x), within(1e-12));
    assertThat(jpn.<Double>getAs("price_effect_pct")).isCloseTo(100 * pi, within(1e-12));
  }

  @Test
  void theSummaryAddsTheLinesUpPerLevel() {
    Dataset<Row> effects = SmartEffects.effects(SmartEffects.lines(flows(), 2022, effective(), "fta", 2030),
        spark.createDataFrame(List.of(RowFactory.create("KOR", "281111", 2.5)), org.ftasim.jobs.SmartJob
            .ELASTICITIES), 1.5, 1.5, 99, "run", "fta", 2030, 2022);
    Map<Integer, String> sections = new HashMap<>();
    for (int ch = 1; ch <= 99; ch++) {
      sections.put(ch, org.ftasim.tariff.HsGroups.section(ch));
    }
    Map<String, Row> s = new HashMap<>();
    for (Row r : SmartEffects.summary(effects, SectorMap.bundled(), sections).collectAsList()) {
      s.put(r.getAs("exporter") + "|" + r.getAs("level") + "|" + r.getAs("code"), r);
    }
    Row total = s.get("JPN|total|ALL");
    assertThat(total.<Long>getAs("n_lines")).isEqualTo(2);
    assertThat(total.<Double>getAs("imports_usd")).isEqualTo(110.0);
    assertThat(s.get("JPN|hs2|28").<Double>getAs("trade_creation_usd"))
        .isEqualTo(total.<Double>getAs("trade_creation_usd"));
    assertThat(s).containsKeys("JPN|hs_section|VI", "JPN|sector|chemicals", "JPN|sector|autos", "CHN|total|ALL");
    Row jpn = effects.where("exporter = 'JPN' and hs6 = '281111'").first();
    assertThat(jpn.<Double>getAs("import_demand")).as("the file's elasticity for the market").isEqualTo(2.5);
  }
}
