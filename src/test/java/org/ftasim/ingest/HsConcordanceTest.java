package org.ftasim.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ftasim.SharedData;
import org.ftasim.config.UserException;
import org.ftasim.table.Xlsx;
import org.junit.jupiter.api.Test;

/** UNSD's HS correlation and conversion tables as published (../shared/data/real), in their two layouts. */
class HsConcordanceTest {
  static final String HS22_HS17 = "real/HS2022toHS2017ConversionAndCorrelationTables.xlsx";
  static final String HS17_HS12 = "real/HS2017toHS2012ConversionAndCorrelationTables.xlsx";

  static HsConcordance.Links links(String name) throws Exception {
    return HsConcordance.Links.read(Files.readAllBytes(SharedData.require(name)), name);
  }

  @Test
  void bothLayoutsAreReadFromTheirCorrelationSheetWithTheDirectionOfTheHeader() throws Exception {
    HsConcordance.Links hs22 = links(HS22_HS17);
    assertThat(hs22.file()).endsWith("sheet 'HS2022-HS2017 Correlations'");
    assertThat(hs22.from() + ">" + hs22.to()).isEqualTo("H6>H5");
    assertThat(hs22.pairs()).hasSize(15_657);
    assertThat(hs22.pairs().get(0)).containsExactly("010121", "010121");
    HsConcordance.Links hs17 = links(HS17_HS12);
    assertThat(hs17.file()).endsWith("sheet 'Correlation HS17-HS12'");
    assertThat(hs17.from() + ">" + hs17.to()).isEqualTo("H5>H4");
    assertThat(hs17.pairs()).hasSize(6_141);
  }

  /**
   * Groups are connected codes, so a link UNSD labels n:1 or 1:n (its own two codes) can sit in an n:n group; every
   * link UNSD labels 1:1 is a 1:1 group, and the group counts are pinned to the tables.
   */
  @Test
  void relationshipsAreThoseOfTheConnectedGroups() throws Exception {
    HsConcordance h6toH5 = links(HS22_HS17).toward("H5", Map.of());
    assertThat(h6toH5.codesByRelationship()).containsExactlyInAnyOrderEntriesOf(Map.of("1:1", 4097L, "n:1", 185L,
        "1:n", 13L, "n:n", 1318L));
    HsConcordance h5toH4 = links(HS17_HS12).toward("H4", Map.of());
    assertThat(h5toH4.codesByRelationship()).containsExactlyInAnyOrderEntriesOf(Map.of("1:1", 4744L, "n:1", 211L,
        "1:n", 6L, "n:n", 427L));
    List<String[]> sheet = Xlsx.read(Files.readAllBytes(SharedData.require(HS22_HS17)), HS22_HS17).get(1).rows();
    for (String[] row : sheet.subList(2, sheet.size())) {
      if (row[2].equals("1:1")) {
        assertThat(h6toH5.relationship(row[0])).as(row[0]).isEqualTo("1:1");
        assertThat(h6toH5.targets(row[0])).containsExactly(row[1]);
      }
    }
    HsConcordance h5toH6 = links(HS22_HS17).toward("H6", Map.of());
    assertThat(h5toH6.from() + ">" + h5toH6.to()).isEqualTo("H5>H6");
    assertThat(h5toH6.codesByRelationship().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5387);
  }

  @Test
  void aCodeIsSplitOverItsOwnLinksByTheTargetsReferenceFlowsElseEqually() throws Exception {
    HsConcordance.Links hs22 = links(HS22_HS17);
    String code = hs22.pairs().stream().map(p -> p[0]).filter(a -> hs22.pairs().stream()
        .filter(p -> p[0].equals(a)).count() == 3).findFirst().orElseThrow();
    HsConcordance equal = hs22.toward("H5", Map.of());
    String[] targets = equal.targets(code);
    assertThat(targets).hasSize(3);
    assertThat(equal.shares(code)).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(0.0));
    HsConcordance weighted = hs22.toward("H5", Map.of(targets[0], 30.0, targets[1], 10.0));
    assertThat(weighted.shares(code)).containsExactly(0.75, 0.25, 0.0);
    for (String a : List.of("010121", code, "854231")) {
      assertThat(Arrays.stream(weighted.shares(a)).sum()).isCloseTo(1.0, within(1e-15));
    }
  }

  /** The correlation sheet saved as CSV: title row, blank column, codes that lost their leading zero. */
  @Test
  void aCsvSavedFromTheWorkbookGivesTheSameConcordance() throws Exception {
    byte[] book = Files.readAllBytes(SharedData.require(HS17_HS12));
    StringBuilder csv = new StringBuilder();
    for (String[] row : Xlsx.read(book, HS17_HS12).get(1).rows()) {
      String[] cells = Arrays.stream(row).map(c -> c.matches("0\\d{5}") ? c.substring(1) : c).toArray(String[]::new);
      csv.append(String.join(",", cells)).append("\r\n");
    }
    HsConcordance.Links fromCsv = HsConcordance.Links.read(csv.toString().getBytes(StandardCharsets.UTF_8), "c.csv");
    HsConcordance.Links fromBook = HsConcordance.Links.read(book, HS17_HS12);
    assertThat(fromCsv.pairs()).usingRecursiveComparison().isEqualTo(fromBook.pairs());
    assertThat(fromCsv.from() + fromCsv.to()).isEqualTo("H5H4");
  }

  @Test
  void aTruncatedWorkbookGivesOneClearMessage() throws Exception {
    byte[] book = Files.readAllBytes(SharedData.require(HS22_HS17));
    byte[] cut = Arrays.copyOf(book, book.length / 2);
    assertThatThrownBy(() -> HsConcordance.Links.read(cut, "cut.xlsx")).isInstanceOf(UserException.class)
        .hasMessageStartingWith("file cut.xlsx is not a readable .xlsx workbook").hasMessageContaining("truncated")
        .hasMessageContaining("Fix: download it again");
    Map<String, Double> none = new HashMap<>();
    assertThatThrownBy(() -> links(HS22_HS17).toward("H4", none)).isInstanceOf(UserException.class)
        .hasMessageContaining("links H6 and H5, not H4");
  }
}
