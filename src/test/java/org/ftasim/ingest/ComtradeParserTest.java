package org.ftasim.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.ftasim.SharedData;
import org.ftasim.table.Csv;
import org.junit.jupiter.api.Test;

/** The real Comtrade+ export line by line, as the ingest's tasks read it (ChunkReader, then the parser). */
class ComtradeParserTest {
  @Test
  void everyLineOfTheRealThaExportIsFilteredAsHs4AndNoneIsMalformed() throws Exception {
    Path file = SharedData.require("real/comtrade_THA_8542_imports_2014_2024.csv");
    Map<String, Long> outcomes = new TreeMap<>();
    String curacao = null;
    ChunkReader reader;
    try (InputStream in = new FileInputStream(file.toFile())) {
      reader = new ChunkReader(in, 0, Files.size(file));
      ComtradeParser parser = new ComtradeParser(Csv.split(reader.next()), false);
      ParsedLine p = new ParsedLine();
      String line;
      while ((line = reader.next()) != null) {
        parser.parse(line, p);
        outcomes.merge(p.reason != null ? p.reason.name() : p.filtered != null ? p.filtered : "ACCEPTED", 1L,
            Long::sum);
        if (line.contains("\"CUW\"")) {
          curacao = line;
        }
      }
    }
    assertThat(outcomes).containsExactly(Map.entry("NOT_HS6_LEVEL_4", 1178L));
    assertThat(curacao).contains("\"Cura\u00e7ao\"");
    assertThat(reader.windows1252Lines()).isEqualTo(17);
  }

  @Test
  void aTrailingCommaPaddedCodesAndAnApiFileWithoutIsoColumnsParse() {
    String header = "typeCode,refYear,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,partner2Code,cmdCode,"
        + "aggrLevel,customsCode,motCode,netWgt,cifvalue,fobvalue,primaryValue,isAggregate";
    ComtradeParser parser = new ComtradeParser(Csv.split(header), false);
    ParsedLine p = new ParsedLine();
    parser.parse("\"C\",\"2022\",\"410 \",\"\",\"M\",\"392 \",\"\",\"0 \",\"854232\",\"6\",\"C00\",\"0\",,\"12.5\",,"
        + "\"12.5\",\"True\",", p);
    assertThat(p.reason).isNull();
    assertThat(p.filtered).isNull();
    assertThat(p.exporter + ">" + p.importer + " " + p.hs6 + " " + p.valueUsd).isEqualTo("JPN>KOR 854232 12.5");
    parser.parse("\"C\",\"2022\",\"410\",\"KOR\",\"M\",\"392\",\"JPN\",\"0\",\"10121\",\"6\",\"C00\",\"0\",,\"1\",,\"1\","
        + "\"false\",", p);
    assertThat(p.hs6).isEqualTo("010121");
    assertThat(p.repaired).isTrue();
    parser.parse("\"S\",\"2022\",\"410\",\"KOR\",\"M\",\"392\",\"JPN\",\"0\",\"S\",\"0\",\"C00\",\"0\",,\"1\",,\"1\","
        + "\"false\",", p);
    assertThat(p.filtered).isEqualTo("SERVICES");
    parser.parse("\"C\",\"2022\",\"410\",\"KOR\",\"M\",\"392\",\"JPN\",\"0\",\"85\",\"2\",\"C00\",\"0\",,\"1\",,\"1\","
        + "\"false\",\"extra\"", p);
    assertThat(p.reason).isEqualTo(Reject.COLUMN_COUNT);
  }
}
