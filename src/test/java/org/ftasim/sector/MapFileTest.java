package org.ftasim.sector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ftasim.config.UserException;
import org.junit.jupiter.api.Test;

class MapFileTest {
  private static List<MapFile.Row> read(String text) throws Exception {
    return MapFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.csv",
        "hs_prefix,sector,theta");
  }

  @Test
  void commentsAndBlankLinesAreSkippedAndQuotedFieldsKeepTheirCommas() throws Exception {
    List<MapFile.Row> rows = read("# a map\n\nhs_prefix,sector,theta\n# chapter 85\n85,\"electronics, parts\",4.2\n"
        + "\n87,transport,3.1\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).line()).isEqualTo(5);
    assertThat(rows.get(0).fields()).containsExactly("85", "electronics, parts", "4.2");
    assertThat(rows.get(1).line()).isEqualTo(7);
  }

  @Test
  void aWrongHeaderOrWidthOrAnOpenQuoteNamesTheLineAndTheFix() {
    assertThatThrownBy(() -> read("hs,sector\n85,x\n")).isInstanceOf(UserException.class)
        .hasMessage("m.csv line 1: header 'hs,sector' should be hs_prefix,sector,theta; fix: make the first line that"
            + " header");
    assertThatThrownBy(() -> read("hs_prefix,sector,theta\n85,electronics\n")).isInstanceOf(UserException.class)
        .hasMessage("m.csv line 2: '85,electronics' has 2 fields, not the 3 of hs_prefix,sector,theta; fix: give"
            + " every row the header's columns");
    assertThatThrownBy(() -> read("hs_prefix,sector,theta\n85,\"electronics,4.2\n")).isInstanceOf(UserException.class)
        .hasMessageStartingWith("m.csv: not readable as CSV: ").hasMessageEndingWith("fix: close every quoted field"
            + " with a \"");
  }
}
