package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.ftasim.SharedData;
import org.ftasim.TestSpark;
import org.ftasim.table.TextDecoding;
import org.ftasim.table.Csv;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * UN Comtrade+ as downloaded: the real THA 8542 export (every field quoted, a trailing comma on every data line,
 * Latin-1 names, HS4 codes only) read from ../shared/data/real, never copied.
 */
class IngestRealComtradeTest {
  private static final String FILE = "real/comtrade_THA_8542_imports_2014_2024.csv";

  @Test
  void theRealHs4DownloadStopsWithWhatItHoldsAndWritesNothing() throws Exception {
    Path tha = SharedData.require(FILE);
    Path wh = TestSpark.newDir("wh-tha");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--format", "comtrade", "--input",
        tha.toString(), "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    assertThat(o.err()).contains(tha.toString()).contains("holds no HS6 goods flows")
        .contains("its 1178 data lines are HS4 codes (aggrLevel 4) only").contains("cmdCode AG6")
        .contains("nothing was written").doesNotContain("COLUMN_COUNT").doesNotContain("MALFORMED");
    Warehouse w = new Warehouse(wh.toString());
    assertThat(TableReader.exists(TestSpark.session(), w, Tables.TRADE_FLOWS)).isFalse();
    assertThat(TableReader.exists(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS)).isFalse();
    assertThat(TableReader.exists(TestSpark.session(), w, Tables.INGEST_METRICS)).isFalse();
  }

  /**
   * The real lines plus, for each, the same flow at HS6 (cmdCode 854231, aggrLevel 6) written as Comtrade writes:
   * every field quoted, the trailing comma, Latin-1 names, codes padded with a blank. Exactly the HS6 lines to a
   * partner land (World and Areas nes are filtered), every value as written, and every line is accounted for.
   */
  @Test
  void realLinesWithHs6LinesInTheSameLayoutIngestExactlyTheHs6Flows() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.require(FILE));
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\n");
    String[] header = Csv.split(lines[0]);
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      at.put(header[i], i);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes);
    double expectedValue = 0;
    int expectedFlows = 0;
    Map<String, Double> byPartner = new HashMap<>();
    for (int l = 1; l < lines.length; l++) {
      String[] f = Csv.split(lines[l]);
      assertThat(f).hasSize(48);
      f[at.get("cmdCode")] = "854231";
      f[at.get("cmdDesc")] = "Processors and controllers, whether or not combined with memories";
      f[at.get("aggrLevel")] = "6";
      f[at.get("isLeaf")] = "true";
      f[at.get("mosCode")] = "0 ";
      f[at.get("partnerCode")] = f[at.get("partnerCode")] + " ";
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 47; i++) {
        String v = f[i];
        boolean numberLeftBare = v.isEmpty();
        sb.append(numberLeftBare ? "" : "\"" + v + "\"").append(',');
      }
      out.write((sb + "\n").getBytes(StandardCharsets.ISO_8859_1));
      String partner = f[at.get("partnerCode")].trim();
      if (!partner.equals("0") && !partner.equals("899")) {
        String value = f[at.get("cifvalue")].isEmpty() ? f[at.get("primaryValue")] : f[at.get("cifvalue")];
        expectedValue += Double.parseDouble(value);
        expectedFlows++;
        byPartner.merge(f[at.get("refYear")] + "|" + f[at.get("partnerISO")].trim(), Double.parseDouble(value),
            Double::sum);
      }
    }
    // one more HS6 line from Curaçao with a value Comtrade would never write: rejected, its name intact
    String[] bad = null;
    for (String l : lines) {
      if (l.contains("\"CUW\"")) {
        bad = Csv.split(l);
      }
    }
    bad[at.get("cmdCode")] = "854232";
    bad[at.get("aggrLevel")] = "6";
    bad[at.get("cifvalue")] = "n/a";
    StringBuilder badLine = new StringBuilder();
    for (int i = 0; i < 47; i++) {
      badLine.append(bad[i].isEmpty() ? "" : "\"" + bad[i] + "\"").append(',');
    }
    out.write((badLine + "\n").getBytes(StandardCharsets.ISO_8859_1));
    Path dir = TestSpark.newDir("comtrade-real-plus");
    Path file = dir.resolve("TradeData THA 8542 (HS4 + HS6) \u2013 d'Ivoire.csv");
    Files.write(file, out.toByteArray());
    assertThat(text).contains("Cura\u00e7ao");

    Path wh = TestSpark.newDir("wh-tha6");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--format", "comtrade", "--input",
        file.toString(), "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Warehouse w = new Warehouse(wh.toString());
    List<Row> flows = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).collectAsList();
    assertThat(flows).hasSize(expectedFlows).hasSize(1178 - 11 - 8);
    Map<String, Double> landed = new HashMap<>();
    double total = 0;
    for (Row r : flows) {
      assertThat(r.<String>getAs("importer")).isEqualTo("THA");
      assertThat(r.<String>getAs("hs6")).isEqualTo("854231");
      String exporter = r.getAs("exporter");
      landed.merge(r.getAs("year") + "|" + (exporter.equals("TWN") ? "S19" : exporter), r.getAs("value_usd"),
          Double::sum);
      total += r.<Double>getAs("value_usd");
    }
    assertThat(landed).isEqualTo(byPartner);
    assertThat(total).isCloseTo(expectedValue, org.assertj.core.api.Assertions.within(expectedValue * 1e-12));
    List<Row> rejects = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS).collectAsList();
    assertThat(rejects).extracting(r -> r.getAs("line_number") + " " + r.getAs("reason_code"))
        .containsExactly((2 + 2 * 1178) + " BAD_NUMBER");
    assertThat(rejects.get(0).<String>getAs("raw_line")).contains("\"Cura\u00e7ao\"").doesNotContain("\uFFFD");
    Row m = TableReader.read(TestSpark.session(), w, Tables.INGEST_METRICS).first();
    long read = m.getAs("lines_read");
    assertThat(read).isEqualTo(1 + 2 * 1178 + 1);
    assertThat(read).isEqualTo((long) m.getAs("header_lines") + (long) m.<Long>getAs("accepted")
        + (long) m.<Long>getAs("rejected") + (long) m.<Long>getAs("filtered"));
    Map<String, Long> filtered = new HashMap<>(scala.jdk.javaapi.CollectionConverters.asJava(
        m.<scala.collection.Map<String, Long>>getAs("filtered_by_reason")));
    assertThat(filtered).containsExactlyInAnyOrderEntriesOf(Map.of("NOT_HS6_LEVEL_4", 1178L, "PARTNER_WORLD", 11L,
        "PARTNER_AREAS_NES", 8L));
    assertThat(o.err()).contains("read as Windows-1252");
  }

  @Test
  void latin1AndUtf8NamesBothDecodeToTheSameText() {
    String names = "C\u00f4te d'Ivoire,T\u00fcrkiye,Cura\u00e7ao";
    assertThat(TextDecoding.text(names.getBytes(StandardCharsets.UTF_8))).isEqualTo(names);
    assertThat(TextDecoding.text(names.getBytes(TextDecoding.WINDOWS_1252))).isEqualTo(names);
    byte[] bom = ("\uFEFF" + names).getBytes(StandardCharsets.UTF_8);
    assertThat(TextDecoding.text(bom)).isEqualTo(names);
    List<String> decoded = new ArrayList<>();
    for (String n : names.split(",")) {
      byte[] b = n.getBytes(TextDecoding.WINDOWS_1252);
      decoded.add(new TextDecoding().decode(b, b.length, false));
    }
    assertThat(String.join(",", decoded)).isEqualTo(names);
  }
}
