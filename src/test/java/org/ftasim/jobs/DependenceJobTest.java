package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.markets.GoodsLists;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** Import concentration against hand-computed markets, and its consistency with the flows it comes from. */
class DependenceJobTest {
  private final SparkSession spark = TestSpark.session();
  private static final String COUNTRIES = "country_code,country_name,country_iso2,country_iso3\n"
      + "410,Rep. of Korea,KR,KOR\n392,Japan,JP,JPN\n156,China,CN,CHN\n842,USA,US,USA\n";
  private static final String PRODUCTS = "code,description\n281111,Hydrogen fluoride\n854232,Memories\n"
      + "870323,Cars\n";

  @Test
  void hhiTopSupplierAndPartnerSharesAsComputedByHand() throws Exception {
    Path dir = TestSpark.newDir("dependence");
    Files.writeString(dir.resolve("country_codes_V202401.csv"), COUNTRIES);
    Files.writeString(dir.resolve("product_codes_HS17_V202401.csv"), PRODUCTS);
    Files.writeString(dir.resolve("BACI_HS17_Y2021_V202401.csv"), "t,i,j,k,v,q\n"
        + "2021,156,410,281111,30.000,1\n2021,392,410,281111,60.000,1\n2021,392,410,870323,100.000,1\n"
        + "2021,392,842,854232,7.000,1\n2021,842,410,281111,10.000,1\n");
    Files.writeString(dir.resolve("BACI_HS17_Y2022_V202401.csv"), "t,i,j,k,v,q\n"
        + "2022,156,410,281111,50.000,1\n2022,392,410,281111,50.000,1\n");
    String wh = TestSpark.newDir("wh-dependence").toString();
    assertThat(LauncherContractTest.run("ingest-flows", "--input", dir.toString(), "--warehouse", wh).code())
        .isZero();

    LauncherContractTest.Outcome o = LauncherContractTest.run("dependence", "--warehouse", wh);
    assertThat(o.code()).as(o.err()).isZero();
    Map<String, Row> m = new HashMap<>();
    Dataset<Row> table = TableReader.read(spark, new Warehouse(wh), Tables.IMPORT_DEPENDENCE);
    for (Row r : table.collectAsList()) {
      m.put(r.getAs("year") + "|" + r.getAs("importer") + "|" + r.getAs("hs6"), r);
    }
    assertThat(m).hasSize(4);
    Row hf = m.get("2021|KOR|281111");
    assertThat(hf.<Double>getAs("imports_usd")).isEqualTo(100_000.0);
    assertThat(hf.<Long>getAs("n_suppliers")).isEqualTo(3);
    assertThat(hf.<String>getAs("top_supplier")).isEqualTo("JPN");
    assertThat(hf.<Double>getAs("top_share")).isCloseTo(0.6, within(1e-15));
    assertThat(hf.<Double>getAs("hhi")).isCloseTo(0.6 * 0.6 + 0.3 * 0.3 + 0.1 * 0.1, within(1e-15));
    assertThat(hf.<String, Double>getJavaMap(hf.fieldIndex("partner_shares"))).containsOnlyKeys("JPN", "CHN", "USA")
        .containsEntry("JPN", 0.6).containsEntry("CHN", 0.3).containsEntry("USA", 0.1);
    assertThat(hf.getList(hf.fieldIndex("strategic"))).containsExactly("semiconductor-materials", "sobujang");
    Row tie = m.get("2022|KOR|281111");
    assertThat(tie.<Double>getAs("hhi")).isEqualTo(0.5);
    assertThat(tie.<String>getAs("top_supplier")).as("a tie goes to the later code").isEqualTo("JPN");
    Row cars = m.get("2021|KOR|870323");
    assertThat(cars.<Double>getAs("hhi")).isEqualTo(1.0);
    assertThat(cars.getList(cars.fieldIndex("strategic"))).isEmpty();
    assertThat(o.err()).contains("KOR's most concentrated strategic imports in 2022").contains("281111")
        .contains("2021  HHI 0.460  top JPN 60.0%  JPN 60.0%  CHN 30.0%  USA 10.0%");

    // every market's supplier shares, recomputed from the flows, sum to one and square-sum to its HHI
    Dataset<Row> flows = TableReader.read(spark, new Warehouse(wh), Tables.TRADE_FLOWS);
    List<Row> check = flows.join(table, scala.jdk.javaapi.CollectionConverters.asScala(
            List.of("year", "importer", "hs6")).toSeq())
        .selectExpr("year", "importer", "hs6", "value_usd / imports_usd as s", "hhi")
        .groupBy("year", "importer", "hs6").agg(org.apache.spark.sql.functions.expr("sum(s)"),
            org.apache.spark.sql.functions.expr("sum(s * s) - first(hhi)")).collectAsList();
    assertThat(check).hasSize(4).allSatisfy(r -> {
      assertThat(r.getDouble(3)).isCloseTo(1.0, within(1e-12));
      assertThat(r.getDouble(4)).isCloseTo(0.0, within(1e-12));
    });

    LauncherContractTest.Outcome one = LauncherContractTest.run("dependence", "--warehouse", wh, "--year", "2022");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(TableReader.read(spark, new Warehouse(wh), Tables.IMPORT_DEPENDENCE).count())
        .as("a rerun of one year replaces that year only").isEqualTo(4);
    LauncherContractTest.Outcome bad = LauncherContractTest.run("dependence", "--warehouse", wh, "--year", "22");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--year '22' is not a year");
  }

  @Test
  void theShippedListsReadAndEveryCodeHasASource() {
    GoodsLists lists = GoodsLists.bundled();
    assertThat(lists.lists()).extracting(GoodsLists.GoodsList::id).containsExactlyElementsOf(GoodsLists.SHIPPED);
    assertThat(lists.lists()).allSatisfy(l -> assertThat(l.codes()).isNotEmpty()
        .allSatisfy(c -> assertThat(c.source()).isNotBlank()));
    assertThat(lists.of("281111")).containsExactly("semiconductor-materials", "sobujang");
    assertThat(lists.of("811292")).containsExactly("gallium-germanium", "sobujang");
    assertThat(lists.of("870323")).isEmpty();
  }
}
