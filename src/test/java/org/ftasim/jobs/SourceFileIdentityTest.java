package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.table.FileContent;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableDef;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * A source file is its full path and its bytes, not its base name: two {@code mfn.csv} from two folders both land,
 * the same bytes under another name replace their earlier rows, and one run given the same bytes twice reads them
 * once (a DUPLICATE_FILE reject says so).
 */
class SourceFileIdentityTest {
  private final SparkSession spark = TestSpark.session();

  private static final String HEADER = "reporter,year,nomenclature,tariff_line,duty_type,av_rate,specific_duty,ave,trq\n";
  private static final String KOREA = HEADER + "KOR,2022,HS17,0101211000,AV,8.0,,,N\nKOR,2022,HS17,8542320000,AV,0,,,N\n";
  private static final String JAPAN = HEADER + "JPN,2022,HS17,0101211000,AV,3.0,,,N\n";

  private static final String COMTRADE_HEADER = "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,"
      + "reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,"
      + "partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,"
      + "isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,"
      + "altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,"
      + "isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate\n";

  private static String comtradeLine(String hs6, String value) {
    return "C,A,20220101,2022,52,2022,410,KOR,Rep. of Korea,M,Import,392,JPN,Japan,0,W00,World,H5,HS,true," + hs6
        + ",Goods,6,true,C00,TOTAL CPC,0,0,TOTAL MOT,8,kg,1000,false,-1,N/A,0,false,1000,false,0,false," + value
        + ",," + value + ",0,true,false\n";
  }

  private Map<String, Long> rowsByPath(String wh, TableDef table) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : TableReader.read(spark, new Warehouse(wh), table).groupBy("source_path").count().collectAsList()) {
      out.put(r.getString(0).replaceFirst(".*/identity-[^/]*/", ""), r.getLong(1));
    }
    return out;
  }

  private static void tariffs(Path config, String wh, String... inputs) {
    String[] args = new String[4 + 2 * inputs.length];
    args[0] = "--config";
    args[1] = config.toString();
    args[2] = "--warehouse";
    args[3] = wh;
    for (int i = 0; i < inputs.length; i++) {
      args[4 + 2 * i] = "--input";
      args[5 + 2 * i] = inputs[i];
    }
    LauncherContractTest.Outcome o = LauncherContractTest.run("tariffs", args);
    assertThat(o.code()).as(o.err()).isZero();
  }

  @Test
  void tariffFilesAreTheirPathAndTheirBytes() throws Exception {
    Path dir = TestSpark.newDir("identity-tariffs");
    Path korea = Files.writeString(Files.createDirectories(dir.resolve("kor")).resolve("mfn.csv"), KOREA);
    Path japan = Files.writeString(Files.createDirectories(dir.resolve("jpn")).resolve("mfn.csv"), JAPAN);
    Path renamed = Files.createDirectories(dir.resolve("copies [2024] é")).resolve("mfn (copy), ü.csv");
    Files.writeString(renamed, KOREA);
    // one year and one level: the test is about which files land, not the rates
    Path config = Files.writeString(dir.resolve("tariffs.yaml"),
        "tariffs:\n  first_year: 2022\n  last_year: 2022\n  weight_year: 2022\n  levels: [total]\n");
    String wh = TestSpark.newDir("wh-identity-tariffs").toString();

    // a later run: jpn/mfn.csv does not replace kor/mfn.csv, and the same bytes as kor/mfn.csv under another name
    // and folder take over its rows instead of doubling them
    tariffs(config, wh, korea.toString());
    tariffs(config, wh, japan.toString(), renamed.toString());
    assertThat(rowsByPath(wh, Tables.TARIFF_SCHEDULES)).containsExactlyInAnyOrderEntriesOf(
        Map.of("copies [2024] é/mfn (copy), ü.csv", 2L, "jpn/mfn.csv", 1L));
    assertThat(TableReader.read(spark, new Warehouse(wh), Tables.TARIFF_SCHEDULES)
        .where("source_path like '%ü.csv'").select("source_content").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly(FileContent.of(Files.readAllBytes(korea)));

    // one run given both copies reads one and says why it left the other; both mfn.csv are there
    tariffs(config, wh, korea.toString(), renamed.toString());
    assertThat(rowsByPath(wh, Tables.TARIFF_SCHEDULES)).containsExactlyInAnyOrderEntriesOf(
        Map.of("kor/mfn.csv", 2L, "jpn/mfn.csv", 1L));
    List<Row> rejects = TableReader.read(spark, new Warehouse(wh), Tables.TARIFF_REJECTS)
        .where("reason_code = 'DUPLICATE_FILE'").collectAsList();
    assertThat(rejects).hasSize(1);
    assertThat(rejects.get(0).<String>getAs("source_path")).endsWith("mfn (copy), ü.csv");
    assertThat(rejects.get(0).<String>getAs("message")).contains(korea.toUri().getPath().replaceAll("/$", ""))
        .contains("read");

    // the file at a path changed: its rows are replaced by path
    Files.writeString(korea, KOREA.replace("8.0", "6.5"));
    tariffs(config, wh, korea.toString());
    assertThat(rowsByPath(wh, Tables.TARIFF_SCHEDULES)).containsExactlyInAnyOrderEntriesOf(
        Map.of("kor/mfn.csv", 2L, "jpn/mfn.csv", 1L));
    assertThat(TableReader.read(spark, new Warehouse(wh), Tables.TARIFF_SCHEDULES)
        .where("importer = 'KOR' and tariff_line = '0101211000'").first().<Double>getAs("rate")).isEqualTo(6.5);
  }

  @Test
  void flowFilesAreTheirPathAndTheirBytes() throws Exception {
    Path dir = TestSpark.newDir("identity-flows");
    String one = COMTRADE_HEADER + comtradeLine("854232", "1500.5") + comtradeLine("870323", "20");
    String other = COMTRADE_HEADER + comtradeLine("854232", "99");
    Path a = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("comtrade.csv"), one);
    Path b = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("comtrade.csv"), other);
    Path copy = Files.writeString(dir.resolve("a").resolve("KOR imports (1).csv"), one);
    String wh = TestSpark.newDir("wh-identity-flows").toString();

    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--format", "comtrade", "--input",
        a.toString(), "--input", b.toString(), "--input", copy.toString(), "--warehouse", wh);
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(rowsByPath(wh, Tables.TRADE_FLOWS)).containsExactlyInAnyOrderEntriesOf(
        Map.of("a/comtrade.csv", 2L, "b/comtrade.csv", 1L));
    Row duplicate = TableReader.read(spark, new Warehouse(wh), Tables.TRADE_FLOWS_REJECTS).first();
    assertThat(duplicate.<String>getAs("reason_code")).isEqualTo("DUPLICATE_FILE");
    assertThat(duplicate.<String>getAs("source_file")).isEqualTo("KOR imports (1).csv");
    assertThat(duplicate.<String>getAs("source_content")).isEqualTo(FileContent.of(Files.readAllBytes(a)));
    assertThat(TableReader.read(spark, new Warehouse(wh), Tables.INGEST_METRICS).where("source_file = 'KOR imports"
        + " (1).csv'").first().<scala.collection.Map<String, Long>>getAs("rejected_by_reason").contains("DUPLICATE_FILE"))
        .isTrue();

    // the copy alone, in a later run, takes over the rows of the bytes it holds
    o = LauncherContractTest.run("ingest-flows", "--format", "comtrade", "--input", copy.toString(), "--warehouse",
        wh);
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(rowsByPath(wh, Tables.TRADE_FLOWS)).containsExactlyInAnyOrderEntriesOf(
        Map.of("a/KOR imports (1).csv", 2L, "b/comtrade.csv", 1L));
  }
}
