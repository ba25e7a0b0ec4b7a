package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.ftasim.TestSpark;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** Every kind of bad BACI line, in real-layout files: each one rejected with its reason, counts exact. */
class IngestBadRowsTest {
  private static final String COUNTRIES = "country_code,country_name,country_iso2,country_iso3\n"
      + "410,Rep. of Korea,KR,KOR\n392,Japan,JP,JPN\n842,USA,US,USA\n490,\"Other Asia, nes\",,S19\n699,India,IN,IND\n";
  private static final String PRODUCTS = "code,description\n010121,\"Horses, live\"\n854232,Memories\n"
      + "870323,\"Cars, 1500-3000cc\"\n";

  @Test
  void badLinesAreRejectedWithTheirReasonAndCountsReconcile() throws Exception {
    Path dir = TestSpark.newDir("baci-bad");
    Files.writeString(dir.resolve("country_codes_V202401.csv"), COUNTRIES);
    Files.writeString(dir.resolve("product_codes_HS17_V202401.csv"), PRODUCTS);
    String good = "\uFEFFt,i,j,k,v,q\r\n"
        + "2022,410,392,854232,1000.5,12.000\r\n"       // 2 ok (CRLF, BOM on the header)
        + "2022,490,842,10121,2.000,             NA\r\n" // 3 ok: repaired code, NA quantity, 490 = TWN
        + "2022,699,410,870323,3.000,1.000\r\n";         // 4 ok: 699 = IND
    String bad = "2022,410,392,854232,5.000\n"            // 5 COLUMN_COUNT
        + "2022,410,392,854232,abc,1.000\n"               // 6 BAD_NUMBER
        + "2022,410,392,870323,-4.000,1.000\n"            // 7 NEGATIVE_NUMBER
        + "2022,410,842,870323,NaN,1.000\n"               // 8 NOT_FINITE
        + "2022,410,842,854232,Infinity,1.000\n"          // 9 NOT_FINITE
        + "2022,999,392,854232,1.000,1.000\n"             // 10 UNKNOWN_COUNTRY
        + "2022,410,392,85A232,1.000,1.000\n"             // 11 MALFORMED_HS
        + "2022,410,392,999999,1.000,1.000\n"             // 12 UNKNOWN_HS
        + "2022,410,392,854232,7.000,2.000\n"             // 13 DUPLICATE_KEY of line 2
        + "2021,410,392,870323,1.000,1.000\n"             // 14 BAD_YEAR (not the file's year)
        + "\n"                                           // 15 BLANK_LINE
        + "2022,842,392,854232,9.000,1.000";              // 16 ok, no final line break
    Files.writeString(dir.resolve("BACI_HS17_Y2022_V202401.csv"), good + bad, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("BACI_HS17_Y2021_V202401.csv"), "");

    Path wh = TestSpark.newDir("wh-bad");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--input", dir.toString(),
        "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Warehouse w = new Warehouse(wh.toString());
    List<Row> flows = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).orderBy("value_usd").collectAsList();
    assertThat(flows).hasSize(4);
    Row twn = flows.get(0);
    assertThat((String) twn.getAs("exporter")).isEqualTo("TWN");
    assertThat((String) twn.getAs("hs6")).isEqualTo("010121");
    assertThat((Object) twn.getAs("quantity_t")).isNull();
    assertThat((double) twn.getAs("value_usd")).isEqualTo(2000.0);
    assertThat(flows.stream().map(r -> (String) r.getAs("importer")).toList()).contains("KOR", "JPN");
    assertThat(flows.get(3).<Double>getAs("value_usd")).isEqualTo(1_000_500.0);

    Map<Long, String> rejects = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS).collectAsList()
        .stream().collect(Collectors.toMap(r -> (Long) r.getAs("line_number"), r -> (String) r.getAs("reason_code")));
    assertThat(rejects).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry(5L, "COLUMN_COUNT"),
        Map.entry(6L, "BAD_NUMBER"), Map.entry(7L, "NEGATIVE_NUMBER"), Map.entry(8L, "NOT_FINITE"),
        Map.entry(9L, "NOT_FINITE"), Map.entry(10L, "UNKNOWN_COUNTRY"), Map.entry(11L, "MALFORMED_HS"),
        Map.entry(12L, "UNKNOWN_HS"), Map.entry(13L, "DUPLICATE_KEY"), Map.entry(14L, "BAD_YEAR"),
        Map.entry(15L, "BLANK_LINE"), Map.entry(0L, "EMPTY_FILE")));

    Row m = TableReader.read(TestSpark.session(), w, Tables.INGEST_METRICS)
        .filter("source_file = 'BACI_HS17_Y2022_V202401.csv'").collectAsList().get(0);
    assertThat((long) m.getAs("lines_read")).isEqualTo(16);
    assertThat((long) m.getAs("accepted")).isEqualTo(4);
    assertThat((long) m.getAs("rejected")).isEqualTo(11);
    assertThat((long) m.getAs("repaired_hs_codes")).isEqualTo(1);
    assertThat((long) m.getAs("null_quantities")).isEqualTo(1);
    assertThat((long) m.getAs("duplicates")).isEqualTo(1);
    assertThat((long) m.getAs("distinct_hs6")).isEqualTo(3);
  }

  @Test
  void aFileThatIsNotBaciFailsNamingTheFileAndTheExpectedHeader() throws Exception {
    Path dir = TestSpark.newDir("baci-wrong");
    Files.writeString(dir.resolve("country_codes_V202401.csv"), COUNTRIES);
    Files.writeString(dir.resolve("product_codes_HS17_V202401.csv"), PRODUCTS);
    Files.writeString(dir.resolve("BACI_HS17_Y2022_V202401.csv"), "refYear,reporterCode,partnerCode\n2022,410,392\n");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--input", dir.toString(),
        "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("BACI_HS17_Y2022_V202401.csv").contains("expected 't,i,j,k,v,q'");
  }

  @Test
  void aConcordanceMovesFlowsToTheTargetVersionSplittingAndAddingUp() throws Exception {
    Path dir = TestSpark.newDir("baci-hs");
    Files.writeString(dir.resolve("country_codes_V202401.csv"), COUNTRIES);
    Files.writeString(dir.resolve("product_codes_HS17_V202401.csv"), PRODUCTS + "854231,Processors\n");
    Files.writeString(dir.resolve("BACI_HS17_Y2022_V202401.csv"), "t,i,j,k,v,q\n"
        + "2022,410,392,010121,9.000,3.000\n"       // 1:1 -> 010129
        + "2022,410,392,854231,4.000,             NA\n" // n:1 with 854232 -> 854239
        + "2022,410,392,854232,6.000,2.000\n"
        + "2022,410,392,870323,10.000,5.000\n");     // not in the concordance -> UNMAPPED_HS
    Path concordance = dir.resolve("hs17_hs22.csv");
    Files.writeString(concordance, "HS 2017 Product Code,HS 2022 Product Code\n010121,010129\n854231,854239\n"
        + "854232,854239\n");
    Path wh = TestSpark.newDir("wh-hs");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--input", dir.toString(),
        "--hs-target", "H6", "--concordance", concordance.toString(), "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Warehouse w = new Warehouse(wh.toString());
    List<Row> flows = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).orderBy("hs6").collectAsList();
    assertThat(flows).extracting(r -> r.getAs("hs6") + " " + r.getAs("hs_version") + " " + r.getAs("value_usd") + " "
        + r.getAs("quantity_t")).containsExactly("010129 H6 9000.0 3.0", "854239 H6 10000.0 null");
    List<Row> rejects = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS).collectAsList();
    assertThat(rejects).extracting(r -> r.getAs("line_number") + " " + r.getAs("reason_code"))
        .containsExactly("5 UNMAPPED_HS");

    Files.writeString(concordance, "HS 2017 Product Code,HS 2022 Product Code,weight\n854231,854231,3\n"
        + "854231,854239,1\n010121,010121,1\n854232,854232,1\n870323,870323,1\n");
    o = LauncherContractTest.run("ingest-flows", "--input", dir.toString(), "--hs-target", "H6", "--concordance",
        concordance.toString(), "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Map<String, Double> values = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).collectAsList().stream()
        .collect(Collectors.toMap(r -> (String) r.getAs("hs6"), r -> (Double) r.getAs("value_usd")));
    assertThat(values).containsEntry("854231", 3000.0).containsEntry("854239", 1000.0).hasSize(5);

    LauncherContractTest.Outcome missing = LauncherContractTest.run("ingest-flows", "--input", dir.toString(),
        "--hs-target", "H6", "--warehouse", wh.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("is in H5, not --hs-target H6").contains("--concordance");
  }

  @Test
  void aFileWhoseLinesAreAllRejectedForOneReasonStopsNamingItAndWritesNothing() throws Exception {
    Path dir = TestSpark.newDir("baci-layout");
    Files.writeString(dir.resolve("country_codes_V202401.csv"), COUNTRIES);
    Files.writeString(dir.resolve("product_codes_HS17_V202401.csv"), PRODUCTS);
    Files.writeString(dir.resolve("BACI_HS17_Y2022_V202401.csv"), "t,i,j,k,v,q\n2022;410;392;854232;1.5;2\n"
        + "2022;410;842;854232;2.5;1\n");
    Path wh = TestSpark.newDir("wh-layout");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--input", dir.toString(),
        "--warehouse", wh.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("BACI_HS17_Y2022_V202401.csv").contains("none of its 2 data lines was accepted")
        .contains("all rejected as COLUMN_COUNT").contains("line 2: '2022;410;392;854232;1.5;2'")
        .contains("expected t,i,j,k,v,q").contains("nothing was written");
    assertThat(TableReader.exists(TestSpark.session(), new Warehouse(wh.toString()), Tables.TRADE_FLOWS)).isFalse();
  }

  /**
   * A release before V202301 as a user re-saved it: the old country list in Latin-1 (490 with iso3 N/A), every
   * field and the header quoted, CRLF.
   */
  @Test
  void anOldReleaseWithItsLatin1CountryListAndQuotedFieldsIngests() throws Exception {
    Path dir = TestSpark.newDir("baci-old");
    String countries = "country_code,country_name_abbreviation,country_name_full,iso_2digit_alpha,iso_3digit_alpha\r\n"
        + "384,C\u00f4te d'Ivoire,C\u00f4te d'Ivoire,CI,CIV\r\n410,Rep. of Korea,Republic of Korea,KR,KOR\r\n"
        + "490,\"Other Asia, nes\",\"Other Asia, not elsewhere specified\",N/A,N/A\r\n";
    Files.write(dir.resolve("country_codes_V202001.csv"), countries.getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(dir.resolve("product_codes_HS92_V202001.csv"), "code,description\r\n\"010111\",\"Horses,"
        + " pure-bred\"\r\n\"180100\",\"Cocoa beans\"\r\n");
    Files.writeString(dir.resolve("BACI_HS92_Y1995_V202001.csv"), "\"t\",\"i\",\"j\",\"k\",\"v\",\"q\"\r\n"
        + "\"1995\",\"384\",\"410\",\"180100\",\"12.5\",\"3\"\r\n"
        + "\"1995\",\"490\",\"410\",\"10111\",\"2\",\"NA\"\r\n"
        + "\"1995\",\"156\",\"410\",\"180100\",\"1\",\"1\"\r\n");
    Path wh = TestSpark.newDir("wh-old");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--input", dir.toString(),
        "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Warehouse w = new Warehouse(wh.toString());
    assertThat(TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).orderBy("exporter").collectAsList())
        .extracting(r -> r.getAs("exporter") + ">" + r.getAs("importer") + " " + r.getAs("hs6") + " "
            + r.getAs("hs_version") + " " + r.getAs("value_usd") + " " + r.getAs("quantity_t"))
        .containsExactly("CIV>KOR 180100 H0 12500.0 3.0", "TWN>KOR 010111 H0 2000.0 null");
    assertThat(TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS).collectAsList())
        .extracting(r -> r.getAs("line_number") + " " + r.getAs("reason_code") + " " + r.getAs("message"))
        .containsExactly("4 UNKNOWN_COUNTRY exporter i='156' is not in the country list");
  }
}
