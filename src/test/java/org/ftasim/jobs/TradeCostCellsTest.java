package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.sector.SectorMap;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** From scenario_trade_costs to d̂ per model cell: each kind of size, staging shares, several measures, estimates. */
class TradeCostCellsTest {
  private static final SparkSession spark = TestSpark.session();

  private static Row measure(String id, int year, String exp, String imp, String sector, double share, String kind,
      Double cut, Double base, Double iceberg, Double beta, String run, String term) {
    return RowFactory.create("t", "s", id, year, exp, imp, sector, share, kind, cut, base, iceberg, beta, run, term,
        null);
  }

  private static Row rent(String scenario, String id, int year, String exp, String imp, String sector, double share,
      double cut, double base) {
    return RowFactory.create("t", scenario, id, year, exp, imp, sector, share, "ave", cut, base, null, null, null,
        null, "rent");
  }

  @Test
  void everySizeAndTheProductOverMeasures() {
    Warehouse wh = new Warehouse(TestSpark.newDir("wh-ntm").toString());
    List<Row> rows = new ArrayList<>();
    rows.add(measure("ave", 2030, "KOR", "JPN", "ALL", 0.5, "ave", 2.8, 10.0, null, null, null, null));
    rows.add(measure("ice", 2030, "KOR", "JPN", "electronics", 1.0, "iceberg", null, null, 0.97, null, null, null));
    rows.add(measure("rta", 2030, "JPN", "KOR", "chemicals", 1.0, "rta_effect", null, null, null, 0.5, null, null));
    rows.add(measure("est", 2030, "JPN", "KOR", "autos", 0.25, "estimate", null, null, null, null, "g1", "RTA"));
    rows.add(measure("row", 2030, "KOR", "VNM", "ALL", 1.0, "iceberg", null, null, 0.9, null, null, null));
    TableWriter.append(spark.createDataFrame(rows, Tables.SCENARIO_TRADE_COSTS.schema()), wh,
        Tables.SCENARIO_TRADE_COSTS);
    List<Object> cov = List.of(0.01);
    TableWriter.append(spark.createDataFrame(List.of(RowFactory.create("g1", "trade ~ RTA | pair", "RTA", 0.6, 0.1,
        6.0, 0.0, "robust", scala.jdk.javaapi.CollectionConverters.asScala(cov).toSeq(), 0, 100L, 0L, 0L, null, 5,
        1.0, true)), Tables.GRAVITY_ESTIMATES.schema()), wh, Tables.GRAVITY_ESTIMATES);

    SectorMap sectors = SectorMap.bundled();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<Row> cells = ModelInputsJob.tradeCostCells(spark, wh, new PrintStream(err, true, StandardCharsets.UTF_8),
        List.of("s"), List.of(2030), List.of("KOR", "JPN", "rest_of_world"), sectors.sectors(), sectors).iceberg();
    double ave = Math.pow(1.072 / 1.10, 0.5);
    assertThat(d(cells, "JPN", "KOR", "food")).isCloseTo(ave, within(1e-12));
    assertThat(d(cells, "JPN", "KOR", "electronics")).isCloseTo(ave * 0.97, within(1e-12));
    assertThat(d(cells, "KOR", "JPN", "chemicals")).isCloseTo(Math.exp(-0.5 / sectors.theta("chemicals")),
        within(1e-12));
    assertThat(d(cells, "KOR", "JPN", "autos")).isCloseTo(Math.pow(Math.exp(-0.6 / sectors.theta("autos")), 0.25),
        within(1e-12));
    assertThat(d(cells, "JPN", "KOR", sectors.nonTraded())).isNaN();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 trade-cost pairs have a country that is not a model"
        + " region").contains("row KOR:VNM");

    TableWriter.append(spark.createDataFrame(List.of(measure("bad", 2030, "KOR", "JPN", "autos", 1.0, "estimate",
        null, null, null, null, "g1", "FTA")), Tables.SCENARIO_TRADE_COSTS.schema()), wh, Tables.SCENARIO_TRADE_COSTS);
    assertThatThrownBy(() -> ModelInputsJob.tradeCostCells(spark, wh, new PrintStream(new ByteArrayOutputStream()),
        List.of("s"), List.of(2030), List.of("KOR", "JPN"), sectors.sectors(), sectors))
        .hasMessageContaining("from_estimate g1/FTA").hasMessageContaining("no term 'FTA'");
  }

  @Test
  void aRentGeneratingMeasureIsAWedgeInTheTariffAtItsBaseEverywhereButTheScenariosCells() {
    Warehouse wh = new Warehouse(TestSpark.newDir("wh-rent").toString());
    TableWriter.append(spark.createDataFrame(List.of(rent("s", "quota", 2030, "KOR", "JPN", "autos", 0.5, 4.0, 10.0),
        rent("s2", "licence", 2030, "KOR", "JPN", "autos", 1.0, 2.0, 10.0)), Tables.SCENARIO_TRADE_COSTS.schema()), wh,
        Tables.SCENARIO_TRADE_COSTS);
    SectorMap sectors = SectorMap.bundled();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ModelInputsJob.TradeCostCells costs = ModelInputsJob.tradeCostCells(spark, wh, new PrintStream(err, true,
        StandardCharsets.UTF_8), List.of("s", "s2"), List.of(2030), List.of("KOR", "JPN"), sectors.sectors(), sectors);
    assertThat(costs.iceberg()).isEmpty();
    assertThat(costs.rentBase()).singleElement().isEqualTo(RowFactory.create("JPN", "KOR", "autos", 0.10));
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("rent-generating non-tariff measures on 1 pair-sector");

    org.apache.spark.sql.types.StructType dense = new org.apache.spark.sql.types.StructType()
        .add("scenario_id", "string").add("year", "int").add("importer", "string").add("exporter", "string")
        .add("sector", "string").add("tariff", "double");
    List<Row> before = List.of(RowFactory.create("baseline", 2030, "JPN", "KOR", "autos", 0.05),
        RowFactory.create("s", 2030, "JPN", "KOR", "autos", 0.0), RowFactory.create("s2", 2030, "JPN", "KOR", "autos",
            0.0), RowFactory.create("s", 2030, "KOR", "JPN", "autos", 0.05));
    java.util.Map<String, Row> after = new java.util.HashMap<>();
    for (Row r : ModelInputsJob.withTradeCosts(spark.createDataFrame(before, dense), spark, costs)
        .select("scenario_id", "importer", "tariff", "ntm_rent", "iceberg").collectAsList()) {
      after.put(r.getString(0) + " " + r.getString(1), r);
    }
    // the baseline keeps the base wedge: 1.05 x 1.10; the scenario's half-phased 4-point cut leaves 8%
    assertThat(after.get("baseline JPN").getDouble(2)).isCloseTo(1.05 * 1.10 - 1, within(1e-12));
    assertThat(after.get("baseline JPN").getDouble(3)).isEqualTo(0.10);
    assertThat(after.get("s JPN").getDouble(3)).isCloseTo(0.08, within(1e-12));
    assertThat(after.get("s JPN").getDouble(2)).isCloseTo(0.08, within(1e-12));
    assertThat(after.get("s2 JPN").getDouble(3)).isCloseTo(0.08, within(1e-12));
    // the other direction has no measure; a rent raises no d-hat
    assertThat(after.get("s KOR").getDouble(3)).isZero();
    assertThat(after.get("s KOR").getDouble(2)).isEqualTo(0.05);
    assertThat(after.values()).allSatisfy(r -> assertThat(r.getDouble(4)).isEqualTo(1.0));

    TableWriter.append(spark.createDataFrame(List.of(rent("s3", "other", 2030, "KOR", "JPN", "autos", 1.0, 1.0,
        12.0)), Tables.SCENARIO_TRADE_COSTS.schema()), wh, Tables.SCENARIO_TRADE_COSTS);
    assertThatThrownBy(() -> ModelInputsJob.tradeCostCells(spark, wh, new PrintStream(new ByteArrayOutputStream()),
        List.of("s", "s3"), List.of(2030), List.of("KOR", "JPN"), sectors.sectors(), sectors))
        .hasMessageContaining("a base of 12.0%").hasMessageContaining("one of 10.0%")
        .hasMessageContaining("fix: give every measure on it the same ave_base_pct");
  }

  /** d̂ of (importer, exporter, sector), NaN when the cell has no measure. */
  private static double d(List<Row> cells, String importer, String exporter, String sector) {
    return cells.stream().filter(r -> r.getString(2).equals(importer) && r.getString(3).equals(exporter)
        && r.getString(4).equals(sector)).mapToDouble(r -> r.getDouble(5)).findFirst().orElse(Double.NaN);
  }
}
