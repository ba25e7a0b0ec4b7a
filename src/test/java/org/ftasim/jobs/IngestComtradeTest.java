package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.ftasim.TestSpark;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** UN Comtrade CSV in its 47-column layout: totals kept, breakdowns filtered, importer reports preferred. */
class IngestComtradeTest {
  private static final String[] COLUMNS = ("typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,"
      + "reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,"
      + "partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,"
      + "isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,"
      + "altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,"
      + "isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate").split(",");

  private static String row(String flow, String reporter, String reporterIso, String partner, String partnerIso,
      String cmd, String value, Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      v.put(c, "");
    }
    v.putAll(Map.of("typeCode", "C", "freqCode", "A", "refYear", "2022", "classificationCode", "H6",
        "customsCode", "C00", "motCode", "0", "partner2Code", "0", "isAggregate", "false", "aggrLevel", "6"));
    v.putAll(Map.of("reporterCode", reporter, "reporterISO", reporterIso, "flowCode", flow, "partnerCode", partner,
        "partnerISO", partnerIso, "cmdCode", cmd, "cmdDesc", "\"Electronic integrated circuits, memories\"",
        "netWgt", "1500", flow.equals("M") ? "cifvalue" : "fobvalue", value));
    v.put("primaryValue", value);
    v.putAll(overrides);
    return String.join(",", v.values());
  }

  @Test
  void importerReportsWinBreakdownsAreFilteredAndEveryLineIsAccountedFor() throws Exception {
    assertThat(COLUMNS).hasSize(47);
    Path dir = TestSpark.newDir("comtrade");
    List<String> korea = new ArrayList<>();
    korea.add(String.join(",", COLUMNS));
    korea.add(row("M", "410", "KOR", "392", "JPN", "854232", "1000000", Map.of()));                      // 2 kept (M)
    korea.add(row("M", "410", "KOR", "392", "JPN", "854232", "999", Map.of()));                          // 3 duplicate
    korea.add(row("M", "410", "KOR", "392", "JPN", "854232", "5", Map.of("motCode", "2100")));          // 4 filtered
    korea.add(row("M", "410", "KOR", "392", "JPN", "854232", "5", Map.of("customsCode", "C01")));       // 5 filtered
    korea.add(row("M", "410", "KOR", "392", "JPN", "854232", "5", Map.of("partner2Code", "156")));      // 6 filtered
    korea.add(row("M", "410", "KOR", "0", "W00", "854232", "5", Map.of()));                              // 7 World
    korea.add(row("M", "410", "KOR", "899", "_X ", "854232", "5", Map.of()));                            // 8 nes
    korea.add(row("M", "410", "KOR", "838", "XX ", "854232", "5", Map.of()));                            // 9 special
    korea.add(row("M", "410", "KOR", "392", "JPN", "TOTAL", "5", Map.of("aggrLevel", "0")));             // 10 total
    korea.add(row("M", "410", "KOR", "392", "JPN", "8542", "5", Map.of("isAggregate", "true")));         // 11 aggregate
    korea.add(row("M", "410", "KOR", "392", "JPN", "870323", "n/a", Map.of()));                          // 12 BAD_NUMBER
    korea.add(row("RM", "410", "KOR", "392", "JPN", "870323", "5", Map.of()));                           // 13 re-import
    korea.add(row("M", "410", "KOR", "490", "S19", "870323", "700", Map.of()));                          // 14 kept, TWN
    Files.write(dir.resolve("comtrade_KOR_2022.csv"), korea);
    List<String> japan = new ArrayList<>();
    japan.add(String.join(",", COLUMNS));
    japan.add(row("X", "392", "JPN", "410", "KOR", "854232", "950000", Map.of()));   // 2 superseded by Korea's M
    japan.add(row("X", "392", "JPN", "410", "KOR", "870323", "300", Map.of()));      // 3 kept: no Korean report
    Files.write(dir.resolve("comtrade_JPN_2022.csv"), japan);

    Path wh = TestSpark.newDir("wh-comtrade");
    LauncherContractTest.Outcome o = LauncherContractTest.run("ingest-flows", "--format", "comtrade", "--mirror",
        "--input", dir.toString(), "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Warehouse w = new Warehouse(wh.toString());
    List<Row> flows = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).orderBy("value_usd")
        .collectAsList();
    assertThat(flows).extracting(r -> r.getAs("exporter") + ">" + r.getAs("importer") + " " + r.getAs("hs6") + " "
        + r.getAs("source") + " " + r.getAs("value_usd"))
        .containsExactly("JPN>KOR 870323 COMTRADE_X 300.0", "TWN>KOR 870323 COMTRADE_M 700.0",
            "JPN>KOR 854232 COMTRADE_M 1000000.0");
    assertThat(flows.get(2).<Double>getAs("quantity_t")).isEqualTo(1.5);
    assertThat(flows.get(2).<String>getAs("hs_version")).isEqualTo("H6");

    Map<String, Row> metrics = new LinkedHashMap<>();
    TableReader.read(TestSpark.session(), w, Tables.INGEST_METRICS).collectAsList()
        .forEach(r -> metrics.put(r.getAs("source_file"), r));
    Row k = metrics.get("comtrade_KOR_2022.csv");
    assertThat((long) k.getAs("lines_read")).isEqualTo(14);
    assertThat((long) k.getAs("accepted")).isEqualTo(2);
    assertThat((long) k.getAs("rejected")).isEqualTo(2);
    assertThat((long) k.getAs("filtered")).isEqualTo(9);
    Row j = metrics.get("comtrade_JPN_2022.csv");
    assertThat((long) j.getAs("accepted")).isEqualTo(1);
    assertThat((long) j.getAs("superseded")).isEqualTo(1);
    List<String> reasons = TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS_REJECTS)
        .orderBy("line_number").collectAsList().stream().map(r -> (String) r.getAs("reason_code")).toList();
    assertThat(reasons).containsExactly("DUPLICATE_KEY", "BAD_NUMBER");

    LauncherContractTest.Outcome importsOnly = LauncherContractTest.run("ingest-flows", "--format", "comtrade",
        "--input", dir.toString(), "--warehouse", wh.toString());
    assertThat(importsOnly.code()).as(importsOnly.err()).isZero();
    assertThat(TableReader.read(TestSpark.session(), w, Tables.TRADE_FLOWS).count()).isEqualTo(2);

    Files.writeString(dir.resolve("bad.csv"), "t,i,j,k,v,q\n2022,410,392,854232,1.0,1.0\n");
    LauncherContractTest.Outcome wrong = LauncherContractTest.run("ingest-flows", "--format", "comtrade",
        "--input", dir.resolve("bad.csv").toString(), "--warehouse", wh.toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("bad.csv").contains("not a UN Comtrade CSV").contains("refYear");
  }
}
