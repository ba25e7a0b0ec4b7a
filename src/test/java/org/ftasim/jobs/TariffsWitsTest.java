package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.SharedData;
import org.ftasim.TestSpark;
import org.ftasim.table.Csv;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * The real WITS/TRAINS export of Canada's 2018 MFN tariffs (../shared/data/real, never copied), as CSV and as the
 * .xlsx WITS gives, with no trade_flows: tariff_aggregates equal what the file itself says.
 */
class TariffsWitsTest {
  private static final String FILE = "real/wits_trains_mfn_2018_CAN.csv";
  private final SparkSession spark = TestSpark.session();

  /** What the file says per level code: HS6 lines, Σ rate, Σ rate × imports, Σ imports, duty-free lines. */
  private static Map<String, double[]> fromTheFile(List<String> lines) {
    String[] header = Csv.split(lines.get(0));
    List<String> names = Arrays.stream(header).map(String::trim).toList();
    Map<String, double[]> out = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = Csv.split(line);
      String rate = f[names.indexOf("Simple Average")];
      if (rate.isEmpty()) {
        continue;
      }
      String product = f[names.indexOf("Product")];
      String hs6 = product.length() == 5 ? "0" + product : product;
      double r = Double.parseDouble(rate);
      String imports = f[names.indexOf("Imports Value in 1000 USD")];
      double w = imports.isEmpty() ? 0 : Double.parseDouble(imports) * 1000;
      for (String key : List.of("total|ALL", "hs2|" + hs6.substring(0, 2))) {
        double[] s = out.computeIfAbsent(key, k -> new double[5]);
        s[0]++;
        s[1] += r;
        s[2] += r * w;
        s[3] += w;
        s[4] += r == 0 ? 1 : 0;
      }
    }
    return out;
  }

  private void assertAggregatesEqualTheFile(Path input, Map<String, double[]> expected) throws Exception {
    Path dir = TestSpark.newDir("wits");
    Path config = dir.resolve("tariffs.yaml");
    Files.writeString(config, "tariffs:\n  first_year: 0\n  last_year: 2018\n  weight_year: 0\n");
    String wh = TestSpark.newDir("wh-wits").toString();
    LauncherContractTest.Outcome o = LauncherContractTest.run("tariffs", "--config", config.toString(), "--input",
        input.toString(), "--warehouse", wh);
    assertThat(o.code()).as(o.err()).isZero();
    var counts = o.summary(false).get("counts");
    assertThat(counts.get("first_year").asInt()).isEqualTo(2018);
    assertThat(counts.get("weight_year").asInt()).isEqualTo(2018);
    assertThat(counts.get("schedule_lines").asLong()).isEqualTo(5387);
    assertThat(counts.get("rejects_NO_RATE").asLong()).isEqualTo(1);
    assertThat(counts.get("repaired_codes").asLong()).isEqualTo(561);
    assertThat(o.err()).contains("weights from the tariff files' own imports in 2018");

    Warehouse w = new Warehouse(wh);
    Map<String, Row> agg = new HashMap<>();
    for (Row r : TableReader.read(spark, w, Tables.TARIFF_AGGREGATES)
        .where("importer = 'CAN' and exporter = 'MFN' and year = 2018 and level in ('total', 'hs2')")
        .collectAsList()) {
      agg.put(r.getAs("level") + "|" + r.getAs("code"), r);
    }
    assertThat(agg.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, s) -> {
      Row r = agg.get(key);
      assertThat(r.<Long>getAs("n_lines")).as(key).isEqualTo((long) s[0]);
      assertThat(r.<Double>getAs("simple_avg")).as(key).isCloseTo(s[1] / s[0], within(1e-9));
      if (s[3] > 0) {
        assertThat(r.<Double>getAs("weighted_avg")).as(key).isCloseTo(s[2] / s[3], within(1e-9));
      }
      assertThat(r.<Double>getAs("duty_free_share")).as(key).isCloseTo(s[4] / s[0], within(1e-9));
    });
    Row line = TableReader.read(spark, w, Tables.TARIFF_SCHEDULES)
        .where("tariff_line = '010129'").first();
    assertThat(line.<String>getAs("nomenclature")).isEqualTo("H5");
    assertThat(line.<Long>getAs("national_lines")).isEqualTo(1);
    assertThat(line.<Double>getAs("imports_usd")).isCloseTo(72_869_531.0, within(1e-6));
    Row reject = TableReader.read(spark, w, Tables.TARIFF_REJECTS).first();
    assertThat(reject.<String>getAs("reason_code")).isEqualTo("NO_RATE");
    assertThat(reject.<String>getAs("raw_line")).contains("271000");
  }

  @Test
  void theCanadaExportAsCsvGivesTheFilesOwnAverages() throws Exception {
    Path csv = SharedData.require(FILE);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    Map<String, double[]> expected = fromTheFile(lines);
    assertThat(expected.get("total|ALL")[0]).isEqualTo(5387);
    assertAggregatesEqualTheFile(csv, expected);
  }

  /** The same export as WITS's .xlsx: numbers stored as numbers (codes lose their zero), one data sheet. */
  @Test
  void theCanadaExportAsXlsxGivesTheSameAverages() throws Exception {
    List<String> lines = Files.readAllLines(SharedData.require(FILE), StandardCharsets.UTF_8);
    byte[] bytes = org.ftasim.bench.WitsWorkbook.of(lines);
    Path xlsx = TestSpark.newDir("wits-xlsx").resolve("DataJobID-CAN_2018.xlsx");
    Files.write(xlsx, bytes);
    assertAggregatesEqualTheFile(xlsx, fromTheFile(lines));

    Path cut = xlsx.resolveSibling("truncated.xlsx");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
    LauncherContractTest.Outcome o = LauncherContractTest.run("tariffs", "--input", cut.toString(), "--warehouse",
        TestSpark.newDir("wh-cut").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(cut.getFileName().toString()).contains("is not a readable .xlsx workbook")
        .contains("Fix: download it again");
  }

  @Test
  void aRenamedColumnStopsNamingTheFileAndTheExpectedHeader() throws Exception {
    List<String> lines = Files.readAllLines(SharedData.require(FILE), StandardCharsets.UTF_8);
    Path renamed = TestSpark.newDir("wits-renamed").resolve("CAN_2018.csv");
    Files.writeString(renamed, String.join("\r\n", lines).replaceFirst("Simple Average", "Simple Avg"));
    String wh = TestSpark.newDir("wh-renamed").toString();
    LauncherContractTest.Outcome o = LauncherContractTest.run("tariffs", "--input", renamed.toString(),
        "--warehouse", wh);
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(renamed.toString()).contains("looks like a WITS/TRAINS tariff export")
        .contains("lacks [Simple Average]").contains("Selected Nomen,Native Nomen,Reporter");
    assertThat(TableReader.exists(spark, new Warehouse(wh), Tables.TARIFF_SCHEDULES)).isFalse();
  }

  /**
   * MFN, PRF, AHS and BND rows of one export: the PRF rate applies to its partner (no staging) where it is below MFN,
   * AHS is kept, BND gives the bound average and the binding overhang of the MFN rows.
   */
  @Test
  void preferentialAndBoundRowsGoWhereTheyBelong() throws Exception {
    String header = String.join(",", org.ftasim.tariff.TariffFiles.WITS_COLUMNS);
    String rows = """
        HS,H5,410,Korea,10121,010121 -- Horses,0, World,2019,2019,CMT,MFN,8,8,0,8,8,2,0,0,100,
        HS,H5,410,Korea,854232,854232 -- Memories,0, World,2019,2019,CMT,MFN,0,0,0,0,0,1,0,0,5000,
        HS,H5,410,Korea,870323,870323 -- Cars,0, World,2019,2019,CMT,MFN,8,8,0,8,8,3,0,0,900,
        HS,H5,410,Korea,10121,010121 -- Horses,392, Japan,2019,2019,CMT,PRF,2,2,0,2,2,2,0,0,10,
        HS,H5,410,Korea,870323,870323 -- Cars,392, Japan,2019,2019,CMT,PRF,9,9,0,9,9,3,0,0,50,
        HS,H5,410,Korea,10121,010121 -- Horses,0, World,2019,2019,CMT,AHS,7.5,7.5,0,7.5,7.5,2,0,0,100,
        HS,H5,410,Korea,10121,010121 -- Horses,0, World,2019,2019,CMT,BND,18,18,0,18,18,2,0,0,100,
        HS,H5,410,Korea,870323,870323 -- Cars,0, World,2019,2019,CMT,BND,80,80,0,80,80,3,0,0,900,
        HS,H5,410,Korea,870323,870323 -- Cars,999, Nowhere,2019,2019,CMT,PRF,1,1,0,1,1,3,0,0,50,
        """;
    Path file = TestSpark.newDir("wits-kor").resolve("KOR_2019.csv");
    Files.writeString(file, header + "\n" + rows);
    Path config = file.resolveSibling("tariffs.yaml");
    Files.writeString(config, "tariffs:\n  last_year: 2019\n");
    String wh = TestSpark.newDir("wh-kor").toString();
    LauncherContractTest.Outcome o = LauncherContractTest.run("tariffs", "--config", config.toString(), "--input",
        file.toString(), "--warehouse", wh);
    assertThat(o.code()).as(o.err()).isZero();
    Warehouse w = new Warehouse(wh);
    assertThat(TableReader.read(spark, w, Tables.TARIFF_REJECTS).collectAsList())
        .extracting(r -> r.getAs("line_number") + " " + r.getAs("reason_code")).containsExactly("10 BAD_COUNTRY");
    assertThat(TableReader.read(spark, w, Tables.TARIFF_SCHEDULES).where("schedule = 'AHS'").count()).isEqualTo(1);
    Map<String, String> jpn = new HashMap<>();
    for (Row r : TableReader.read(spark, w, Tables.TARIFF_EFFECTIVE)
        .where("scenario_id = 'baseline' and importer = 'KOR' and exporter = 'JPN'").collectAsList()) {
      jpn.put(r.getAs("hs6"), r.getAs("rate") + " " + r.getAs("source"));
    }
    assertThat(jpn).as("PRF below MFN only where it is lower: 870323's 9 is not").containsEntry("010121", "2.0 PRF")
        .doesNotContainKey("870323");
    Row total = TableReader.read(spark, w, Tables.TARIFF_AGGREGATES)
        .where("scenario_id = 'baseline' and exporter = 'MFN' and level = 'total'").first();
    assertThat(total.<Long>getAs("n_bound")).isEqualTo(2);
    assertThat(total.<Double>getAs("bound_avg")).isCloseTo(49.0, within(1e-12));
    assertThat(total.<Double>getAs("binding_overhang")).isCloseTo(((18 - 8) + (80 - 8)) / 2.0, within(1e-12));
    assertThat(total.<Double>getAs("weighted_avg")).isCloseTo((8 * 100 + 8 * 900) / 6000.0, within(1e-12));
  }
}
