package org.ftasim.inputs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.sketch.BloomFilter;
import org.assertj.core.data.Offset;
import org.ftasim.TestSpark;
import org.ftasim.sector.SectorMap;
import org.ftasim.inputs.spark.ModelInputs;
import org.ftasim.table.Tables;
import org.junit.jupiter.api.Test;

/**
 * Sector tariffs by hand. Regions KOR, JPN and ROW (AUS and NZL); chemicals codes 290110 and 290120, autos 870321;
 * reference-year (2022) flows in USD:
 * <pre>
 *   KOR ← JPN 290110 100, 870321 300     KOR ← AUS 290110 50, 290120 100     KOR ← NZL 290110 150
 *   JPN ← KOR 870321 200                 AUS ← NZL 290110 10 (inside ROW)   AUS ← KOR 870321 40
 * </pre>
 * MFN: KOR 8% on 290110 and autos, 20% on 290120; JPN 10% on autos; AUS 5%. Baseline
 * preference KOR ← AUS on 290110: 4% in 2022, 2% in 2027. Scenario s1 has rows from 2027 only: KOR ← JPN 290110
 * 4%, 290120 4%, 870321 0%.
 */
class ModelInputsTest {
  private static final Offset<Double> EXACT = within(1e-15);
  private final SparkSession spark = TestSpark.session();

  private static final List<String> REGIONS = List.of("KOR", "JPN", "ROW");

  private Dataset<Row> flows() {
    List<Row> rows = new ArrayList<>();
    Object[][] f = {
        {"JPN", "KOR", "290110", 100.0}, {"JPN", "KOR", "870321", 300.0}, {"AUS", "KOR", "290110", 50.0},
        {"AUS", "KOR", "290120", 100.0}, {"NZL", "KOR", "290110", 150.0}, {"KOR", "JPN", "870321", 200.0},
        {"NZL", "AUS", "290110", 10.0}, {"KOR", "AUS", "870321", 40.0}};
    for (Object[] x : f) {
      rows.add(RowFactory.create(2022, x[0], x[1], x[2], "H5", x[3], 1.0, "BACI", "t.csv", "r", "/d/t.csv", "1:00000000"));
    }
    // another year's flow must not weigh anything
    rows.add(RowFactory.create(2021, "JPN", "KOR", "290110", "H5", 1e9, 1.0, "BACI", "t.csv", "r", "/d/t.csv", "1:00000000"));
    return spark.createDataFrame(rows, Tables.TRADE_FLOWS.schema());
  }

  private Dataset<Row> effective() {
    List<Row> rows = new ArrayList<>();
    for (int year : new int[] {2022, 2027}) {
      mfn(rows, year, "KOR", "290110", 8);
      mfn(rows, year, "KOR", "290120", 20);
      mfn(rows, year, "KOR", "870321", 8);
      mfn(rows, year, "JPN", "870321", 10);
      mfn(rows, year, "AUS", "290110", 5);
      mfn(rows, year, "AUS", "870321", 5);
      rows.add(rate("baseline", year, "KOR", "AUS", "290110", year == 2022 ? 4 : 2, 8));
    }
    rows.add(rate("s1", 2027, "KOR", "JPN", "290110", 4, 8));
    rows.add(rate("s1", 2027, "KOR", "JPN", "290120", 4, 20));
    rows.add(rate("s1", 2027, "KOR", "JPN", "870321", 0, 8));
    return spark.createDataFrame(rows, Tables.TARIFF_EFFECTIVE.schema());
  }

  private static void mfn(List<Row> rows, int year, String importer, String hs6, double rate) {
    rows.add(rate("baseline", year, importer, "MFN", hs6, rate, rate));
  }

  private static Row rate(String scenario, int year, String importer, String exporter, String hs6, double rate,
      double mfn) {
    return RowFactory.create("t", scenario, year, importer, exporter, hs6, rate, mfn, "X", 1);
  }

  private Map<String, Row> tariffs(String weights) {
    return tariffs(weights, false);
  }

  /** @param filtered with the job's Bloom filter of the traded (importer, exporter, HS6) keys */
  private Map<String, Row> tariffs(String weights, boolean filtered) {
    Dataset<Row> rf = ModelInputs.regionFlows(flows(), 2022, REGIONS, "ROW", SectorMap.bundled());
    BloomFilter traded = filtered ? ModelInputs.weighingFlows(rf)
        .select(ModelInputs.tradeKey(col("c"), col("e"), col("h")).as("key")).stat().bloomFilter("key", 100, 0.01)
        : null;
    Map<String, Row> out = new HashMap<>();
    for (Row r : ModelInputs.sectorTariffs(rf, effective(), List.of("s1"), REGIONS, "ROW", weights, traded)
        .collectAsList()) {
      out.put(r.getString(0) + "|" + r.getInt(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|"
          + r.getString(4), r);
    }
    return out;
  }

  private static double tariff(Map<String, Row> t, String key) {
    assertThat(t).containsKey(key);
    return t.get(key).getDouble(5);
  }

  @Test
  void bilateralWeightsFollowTheLookupRuleYearByYearAndSumCountriesToRegions() {
    Map<String, Row> t = tariffs("bilateral");
    // KOR ← JPN: MFN on the codes the pair trades; s1 only from the year it has rows
    assertThat(tariff(t, "baseline|2022|KOR|JPN|chemicals")).isCloseTo(0.08, EXACT);
    assertThat(tariff(t, "baseline|2022|KOR|JPN|autos")).isCloseTo(0.08, EXACT);
    assertThat(tariff(t, "s1|2022|KOR|JPN|chemicals")).isCloseTo(0.08, EXACT);
    assertThat(tariff(t, "s1|2027|KOR|JPN|chemicals")).isCloseTo(0.04, EXACT);
    assertThat(tariff(t, "s1|2027|KOR|JPN|autos")).isCloseTo(0.0, EXACT);
    // KOR ← ROW: AUS 50 at the preference and 100 at 20%, NZL 150 at MFN
    assertThat(tariff(t, "baseline|2022|KOR|ROW|chemicals")).isCloseTo((50 * 4 + 100 * 20 + 150 * 8) / 300.0 / 100,
        within(1e-15));
    assertThat(t.get("baseline|2022|KOR|ROW|chemicals").getDouble(6)).isEqualTo(300.0);
    assertThat(t.get("baseline|2022|KOR|ROW|chemicals").getLong(7)).isEqualTo(3L);
    assertThat(tariff(t, "baseline|2027|KOR|ROW|chemicals")).isCloseTo((50 * 2 + 100 * 20 + 150 * 8) / 300.0 / 100,
        within(1e-15));
    // s1 does not touch KOR ← AUS: the baseline's preference carries over
    assertThat(tariff(t, "s1|2027|KOR|ROW|chemicals")).isCloseTo(tariff(t, "baseline|2027|KOR|ROW|chemicals"), EXACT);
    // ROW as importer: AUS's import from KOR; NZL → AUS stays inside ROW and only weighs the MFN rate
    assertThat(tariff(t, "baseline|2022|ROW|KOR|autos")).isCloseTo(0.05, EXACT);
    assertThat(t).doesNotContainKey("baseline|2022|ROW|ROW|chemicals");
    // the MFN rows: imports from everyone, inside the region included
    assertThat(tariff(t, "baseline|2022|KOR|MFN|chemicals")).isCloseTo((300 * 8 + 100 * 20) / 400.0 / 100, EXACT);
    assertThat(tariff(t, "baseline|2022|ROW|MFN|chemicals")).isCloseTo(0.05, EXACT);
    assertThat(t).doesNotContainKey("s1|2022|KOR|MFN|chemicals");
    // nothing from another year
    assertThat(t.get("baseline|2022|KOR|JPN|chemicals").getDouble(6)).isEqualTo(100.0);
    // the rates of codes a pair did not trade (KOR ← JPN 290120, s1's among them) left out before the shuffle: the
    // same sums
    assertThat(tariffs("bilateral", true)).isEqualTo(t);
  }

  @Test
  void importerWeightsUseTheImportersProductMixForEveryPartner() {
    Map<String, Row> t = tariffs("importer");
    // KOR's chemicals imports from everyone: 290110 300, 290120 100; JPN ships only 290110, yet both codes weigh
    assertThat(tariff(t, "baseline|2022|KOR|JPN|chemicals")).isCloseTo((300 * 8 + 100 * 20) / 400.0 / 100, EXACT);
    assertThat(tariff(t, "s1|2027|KOR|JPN|chemicals")).isCloseTo(0.04, EXACT);
    // ROW: AUS's rate (300·4 + 100·20)/400 counted with AUS's 150 of trade, NZL's (300·8 + 100·20)/400 with 150
    double aus = (300 * 4 + 100 * 20) / 400.0;
    double nzl = (300 * 8 + 100 * 20) / 400.0;
    assertThat(tariff(t, "baseline|2022|KOR|ROW|chemicals")).isCloseTo((150 * aus + 150 * nzl) / 300 / 100,
        within(1e-15));
  }

  @Test
  void theDenseTableFillsPairsWithoutTradeFromTheImportersMfnRateOrTheIoData() {
    Dataset<Row> rf = ModelInputs.regionFlows(flows(), 2022, REGIONS, "ROW", SectorMap.bundled());
    Dataset<Row> sector = ModelInputs.sectorTariffs(rf, effective(), List.of("s1"), REGIONS, "ROW", "bilateral",
        null);
    StructType gridType = new StructType().add("scenario_id", DataTypes.StringType).add("year", DataTypes.IntegerType);
    StructType cellType = new StructType().add("importer", DataTypes.StringType).add("exporter", DataTypes.StringType)
        .add("sector", DataTypes.StringType).add("io_tariff", DataTypes.DoubleType);
    List<Row> cells = new ArrayList<>();
    for (String m : REGIONS) {
      for (String i : REGIONS) {
        for (String s : List.of("chemicals", "autos")) {
          cells.add(RowFactory.create(m, i, s, 0.333));
        }
      }
    }
    Map<String, Row> dense = new HashMap<>();
    for (Row r : ModelInputs.dense(spark.createDataFrame(List.of(RowFactory.create("s1", 2027)), gridType),
        spark.createDataFrame(cells, cellType), sector).collectAsList()) {
      dense.put(r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4), r);
    }
    assertThat(dense).hasSize(18);
    assertThat(dense.get("KOR|JPN|autos").getDouble(5)).isCloseTo(0.0, EXACT);
    assertThat(dense.get("KOR|JPN|autos").getString(8)).isEqualTo("weighted");
    // JPN buys autos only from KOR: from ROW it would pay its MFN rate; chemicals it does not import at all
    assertThat(dense.get("JPN|ROW|autos").getDouble(5)).isCloseTo(0.10, EXACT);
    assertThat(dense.get("JPN|ROW|autos").getString(8)).isEqualTo("mfn");
    assertThat(dense.get("JPN|ROW|chemicals").getDouble(5)).isEqualTo(0.333);
    assertThat(dense.get("JPN|ROW|chemicals").getString(8)).isEqualTo("io");
    assertThat(dense.get("ROW|ROW|chemicals").getDouble(5)).isZero();
    assertThat(dense.get("ROW|ROW|chemicals").getString(8)).isEqualTo("domestic");
  }
}
