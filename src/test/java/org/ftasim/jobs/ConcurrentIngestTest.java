package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * Two ingests started together on one warehouse, each in its own JVM: of different files, both land once; of the
 * same file, it is there once. Delta's concurrent-modification conflicts are retried by the writer.
 */
class ConcurrentIngestTest {
  private static final SparkSession spark = TestSpark.session();
  private static final String COUNTRIES = "country_code,country_name,country_iso2,country_iso3\n"
      + "410,Rep. of Korea,KR,KOR\n392,Japan,JP,JPN\n842,USA,US,USA\n";
  private static final String PRODUCTS = "code,description\n010121,\"Horses, live\"\n854232,Memories\n"
      + "870323,\"Cars, 1500-3000cc\"\n";

  private static Path folder(String name, int year, int lines) throws Exception {
    Path dir = TestSpark.newDir(name);
    Files.writeString(dir.resolve("country_codes_V202401.csv"), COUNTRIES);
    Files.writeString(dir.resolve("product_codes_HS17_V202401.csv"), PRODUCTS);
    StringBuilder sb = new StringBuilder("t,i,j,k,v,q\n");
    String[] pairs = {"410,392", "392,410", "410,842", "842,410", "392,842", "842,392"};
    String[] products = {"010121", "854232", "870323"};
    // at most 18 lines: each (exporter, importer, product) once
    for (int i = 0; i < lines; i++) {
      sb.append(year).append(',').append(pairs[i % pairs.length]).append(',').append(products[i / pairs.length % 3])
          .append(',').append(1000 + i).append(".5,1.0\n");
    }
    Files.writeString(dir.resolve("BACI_HS17_Y" + year + "_V202401.csv"), sb.toString());
    return dir;
  }

  private static Process ingest(Path input, Warehouse wh) throws Exception {
    List<String> cmd = ChildJvm.ftasim(List.of(), "ingest-flows", "--input", input.toString(), "--warehouse",
        wh.root(), "--master", "local[1]");
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Both exit 0; returns their stderr. */
  private static String bothOk(Process a, Process b) throws Exception {
    StringBuilder all = new StringBuilder();
    for (Process p : List.of(a, b)) {
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(err).isZero();
      all.append(err);
    }
    return all.toString();
  }

  @Test
  void twoIngestsAtOnceBothLandAndTheSameFileTwiceIsThereOnce() throws Exception {
    Warehouse wh = new Warehouse(TestSpark.newDir("concurrent").toString());
    Path a = folder("baci-2021", 2021, 18);
    Path b = folder("baci-2022", 2022, 12);
    // the first ingest creates the tables; the two after it race on them
    assertThat(LauncherContractTest.run("ingest-flows", "--input", folder("baci-2020", 2020, 6).toString(),
        "--warehouse", wh.root()).code()).isZero();
    String raced = bothOk(ingest(a, wh), ingest(b, wh));
    Map<String, Long> byFile = counts(wh);
    System.out.println("ConcurrentIngestTest: retried writes: " + raced.lines().filter(l -> l.contains("writing again"))
        .toList());
    assertThat(byFile).containsEntry("BACI_HS17_Y2021_V202401.csv", 18L).containsEntry("BACI_HS17_Y2022_V202401.csv",
        12L).containsEntry("BACI_HS17_Y2020_V202401.csv", 6L);

    bothOk(ingest(a, wh), ingest(a, wh));
    assertThat(counts(wh)).isEqualTo(byFile);
    List<Row> runs = TableReader.read(spark, wh, Tables.RUNS).select("status").collectAsList();
    assertThat(runs).hasSize(5).allSatisfy(r -> assertThat(r.getString(0)).isEqualTo("ok"));
  }

  private static Map<String, Long> counts(Warehouse wh) {
    return TableReader.read(spark, wh, Tables.TRADE_FLOWS).groupBy("source_file").count().collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }
}
