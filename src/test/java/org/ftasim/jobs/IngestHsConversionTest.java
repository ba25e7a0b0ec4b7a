package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.ftasim.SharedData;
import org.ftasim.TestSpark;
import org.ftasim.ingest.HsConcordance;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * HS 2022 flows moved to HS 2017 through UNSD's published table (../shared/data/real, the .xlsx as downloaded):
 * codes of every relationship, the 1:n and n:n ones split by the HS 2017 flows already in the warehouse.
 */
class IngestHsConversionTest {
  private static final String TABLE = "real/HS2022toHS2017ConversionAndCorrelationTables.xlsx";
  private static final String COUNTRIES = "country_code,country_name,country_iso2,country_iso3\n"
      + "410,Rep. of Korea,KR,KOR\n392,Japan,JP,JPN\n";

  @Test
  void everyRelationshipConvertsWithValueTotalsPreserved() throws Exception {
    Path table = SharedData.require(TABLE);
    HsConcordance.Links links = HsConcordance.Links.read(Files.readAllBytes(table), TABLE);
    HsConcordance plain = links.toward("H5", Map.of());
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (String[] p : links.pairs()) {
      List<String> codes = byKind.computeIfAbsent(plain.relationship(p[0]), k -> new ArrayList<>());
      if (codes.size() < 3 && !codes.contains(p[0])) {
        codes.add(p[0]);
      }
    }
    assertThat(byKind.keySet()).containsExactlyInAnyOrder("1:1", "n:1", "1:n", "n:n");

    // the reference year's HS 2017 flows: weights 1, 2, 3, ... on the targets of the split codes
    Path h5 = TestSpark.newDir("baci-h5");
    Files.writeString(h5.resolve("country_codes_V202401.csv"), COUNTRIES);
    StringBuilder products = new StringBuilder("code,description\n");
    StringBuilder flows = new StringBuilder("t,i,j,k,v,q\n");
    Map<String, Double> reference = new HashMap<>();
    int w = 1;
    for (String kind : List.of("1:n", "n:n")) {
      for (String a : byKind.get(kind)) {
        for (String b : plain.targets(a)) {
          if (!reference.containsKey(b)) {
            reference.put(b, w * 1000.0);
            products.append(b).append(",x\n");
            flows.append("2022,410,392,").append(b).append(',').append(w++).append(".000,1.000\n");
          }
        }
      }
    }
    Files.writeString(h5.resolve("product_codes_HS17_V202401.csv"), products.toString());
    Files.writeString(h5.resolve("BACI_HS17_Y2022_V202401.csv"), flows.toString());

    Path h6 = TestSpark.newDir("baci-h6");
    Files.writeString(h6.resolve("country_codes_V202501.csv"), COUNTRIES);
    StringBuilder products6 = new StringBuilder("code,description\n");
    StringBuilder flows6 = new StringBuilder("t,i,j,k,v,q\n");
    Map<String, Double> input = new LinkedHashMap<>();
    double value = 1.25;
    for (List<String> codes : byKind.values()) {
      for (String a : codes) {
        products6.append(a).append(",x\n");
        flows6.append("2023,410,392,").append(a).append(',').append(value).append(",2.000\n");
        input.put(a, value * 1000);
        value *= 1.7;
      }
    }
    Files.writeString(h6.resolve("product_codes_HS22_V202501.csv"), products6.toString());
    Files.writeString(h6.resolve("BACI_HS22_Y2023_V202501.csv"), flows6.toString());

    Path wh = TestSpark.newDir("wh-convert");
    LauncherContractTest.Outcome first = LauncherContractTest.run("ingest-flows", "--input", h5.toString(),
        "--warehouse", wh.toString());
    assertThat(first.code()).as(first.err()).isZero();
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--input", h6.toString(),
        "--hs-target", "H5", "--concordance", table.toString(), "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("split by the H5 flows of 2022 (" + reference.size() + " codes)");

    Warehouse wv = new Warehouse(wh.toString());
    Map<String, Double> landed = new HashMap<>();
    for (Row r : TableReader.read(TestSpark.session(), wv, Tables.TRADE_FLOWS)
        .where("source_file = 'BACI_HS22_Y2023_V202501.csv'").collectAsList()) {
      assertThat(r.<String>getAs("hs_version")).isEqualTo("H5");
      landed.merge(r.getAs("hs6"), r.getAs("value_usd"), Double::sum);
    }
    double in = input.values().stream().mapToDouble(Double::doubleValue).sum();
    double out = landed.values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(out).isCloseTo(in, within(in * 1e-12));

    HsConcordance weighted = links.toward("H5", reference);
    Map<String, Double> expected = new HashMap<>();
    input.forEach((a, v) -> {
      String[] t = weighted.targets(a);
      double[] s = weighted.shares(a);
      for (int i = 0; i < t.length; i++) {
        expected.merge(t[i], v * s[i], Double::sum);
      }
    });
    assertThat(landed.keySet()).isEqualTo(expected.keySet());
    expected.forEach((b, v) -> assertThat(landed.get(b)).as(b).isCloseTo(v, within(v * 1e-12)));
    String oneToMany = byKind.get("1:n").get(0);
    String[] t = weighted.targets(oneToMany);
    assertThat(t.length).isGreaterThan(1);
    assertThat(weighted.shares(oneToMany)[0] / weighted.shares(oneToMany)[1])
        .isCloseTo(reference.get(t[0]) / reference.get(t[1]), within(1e-12));

    Row m = TableReader.read(TestSpark.session(), wv, Tables.INGEST_METRICS)
        .where("source_file = 'BACI_HS22_Y2023_V202501.csv'").first();
    Map<String, Long> converted = scala.jdk.javaapi.CollectionConverters.asJava(
        m.<scala.collection.Map<String, Long>>getAs("converted_by_relationship"));
    Map<String, Long> lines = new HashMap<>();
    byKind.forEach((k, codes) -> lines.put(k, (long) codes.size()));
    assertThat(converted).isEqualTo(lines);
  }
}
