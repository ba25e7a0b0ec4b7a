package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.ftasim.TestSpark;
import org.ftasim.inputs.CpLayout;
import org.ftasim.model.cp.CpData;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** generate-sample then ingest-flows: deterministic bytes whatever the partitioning; counts reconcile exactly. */
class SampleIngestTest {

  private static Map<String, byte[]> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toMap(p -> dir.relativize(p)
          .toString(), p -> {
            try {
              return Files.readAllBytes(p);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }));
    }
  }

  @Test
  void sameSeedSameBytesWithOneOrThreePartitionsAndTheIngestReconcilesWithTheManifest() throws Exception {
    Path a = TestSpark.newDir("sample-a");
    Path b = TestSpark.newDir("sample-b");
    String[] common = {"--countries", "8", "--products", "600", "--years", "2021-2022", "--seed", "11"};
    LauncherContractTest.Outcome ga = LauncherContractTest.run("generate-sample", concat(common, "--out",
        a.toString(), "--partitions", "1", "--warehouse", TestSpark.newDir("wh").toString()));
    assertThat(ga.code()).as(ga.err()).isZero();
    LauncherContractTest.Outcome gb = LauncherContractTest.run("generate-sample", concat(common, "--out",
        b.toString(), "--partitions", "3", "--warehouse", TestSpark.newDir("wh").toString()));
    assertThat(gb.code()).as(gb.err()).isZero();
    Map<String, byte[]> fa = files(a);
    Map<String, byte[]> fb = files(b);
    assertThat(fa.keySet()).isEqualTo(fb.keySet()).contains("baci/BACI_HS17_Y2021_V202401.csv",
        "baci/country_codes_V202401.csv", "baci/product_codes_HS17_V202401.csv", "tariffs/mfn.csv",
        "tariffs/preferential_RCEP.csv", "model/trade.csv", "manifest.json").noneMatch(n -> n.endsWith(".crc"));
    fa.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(fb.get(name)));

    CpData model = CpLayout.read(a.resolve("model"));
    assertThat(model.regions()).contains("KOR", "JPN", "ROW");

    Path wh = TestSpark.newDir("wh-ingest");
    LauncherContractTest.Outcome in = LauncherContractTest.run("ingest-flows", "--input", a.resolve("baci").toString(),
        "--warehouse", wh.toString(), "--chunk-mb", "1");
    assertThat(in.code()).as(in.err()).isZero();
    JsonNode manifest = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
    Warehouse w = new Warehouse(wh.toString());
    List<Row> metrics = TableReader.read(TestSpark.session(), w, Tables.INGEST_METRICS).collectAsList();
    for (JsonNode f : manifest.get("baci_files")) {
      String name = Path.of(f.get("file").asText()).getFileName().toString();
      Row m = metrics.stream().filter(r -> r.getAs("source_file").equals(name)).findFirst().orElseThrow();
      assertThat((long) m.getAs("lines_read")).isEqualTo(f.get("lines").asLong());
      assertThat((long) m.getAs("accepted")).isEqualTo(f.get("flows").asLong());
      assertThat((long) m.getAs("repaired_hs_codes")).isEqualTo(f.get("codes_without_leading_zero").asLong());
      long planted = 0;
      for (JsonNode n : f.get("planted_rejects")) {
        planted += n.asLong();
      }
      assertThat((long) m.getAs("rejected")).isEqualTo(planted);
    }
    List<Row> rejects = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS).collectAsList();
    assertThat(rejects.stream().map(r -> (String) r.getAs("reason_code")).sorted().toList())
        .containsExactly("COLUMN_COUNT", "DUPLICATE_KEY", "NEGATIVE_NUMBER", "UNKNOWN_COUNTRY", "UNKNOWN_HS");
    long flows = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).count();
    // every data file carries min/max statistics for the key columns, and for nothing else
    List<JsonNode> adds = new java.util.ArrayList<>();
    try (Stream<Path> log = Files.list(Path.of(w.path(Tables.TRADE_FLOWS), "_delta_log"))) {
      for (Path commit : log.filter(p -> p.toString().endsWith(".json")).toList()) {
        for (String action : Files.readAllLines(commit)) {
          JsonNode add = new ObjectMapper().readTree(action).get("add");
          if (add != null) {
            adds.add(new ObjectMapper().readTree(add.get("stats").asText()));
          }
        }
      }
    }
    assertThat(adds).isNotEmpty().allSatisfy(stats -> assertThat(stats.get("minValues").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("exporter", "importer", "hs6"));

    LauncherContractTest.Outcome again = LauncherContractTest.run("ingest-flows", "--input",
        a.resolve("baci").toString(), "--warehouse", wh.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).count()).isEqualTo(flows);
    assertThat(TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS).count()).isEqualTo(5);
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
