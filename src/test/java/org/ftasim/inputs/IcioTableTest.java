package org.ftasim.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.data.Offset;
import org.ftasim.sector.IndustryMap;
import org.ftasim.config.UserException;
import org.ftasim.model.cp.CpData;
import org.junit.jupiter.api.Test;

/**
 * A small table in the ICIO 2023 layout, aggregated by hand. Countries KOR, JPN and China in two parts (CN1, CN2);
 * industries C20 and C21 (both chemicals) and G (services); model regions KOR and CHN, so JPN is the rest of the
 * world. USD million; every row sums to its OUT, every column's purchases + TLS + VA to its OUT.
 *
 * <p>By hand, for example: KOR's chemicals use of chemicals = column KOR_C20 (chemicals 10 + 5 + 4 = 19 and
 * services 6 at basic prices, TLS 1 over 25: × 1.04) + column KOR_C21 (chemicals 8 + 3 = 11, services 2, TLS 0.5
 * over 13) = 19.76 + 11 · 13.5/13; KOR's final demand for chemicals = (20 − 2 + 12) · (1 + 3/102), the inventory
 * change −2 netted and the TLS of KOR's final demand (3) spread over its 102 of purchases; CN1_C21 buys nothing
 * and pays TLS 0.2, which goes to its own sector.
 */
class IcioTableTest {
  private static final Offset<Double> TIGHT = within(1e-12);

  static final String MAP = """
      icio2023,icio2021,sector,theta
      C20,D20,chemicals,3.13
      C21,D21,chemicals,3.13
      G,D45T47,services,8.22
      """;

  static final String HEADER = "V1,KOR_C20,KOR_C21,KOR_G,JPN_C20,JPN_C21,JPN_G,CN1_C20,CN1_C21,CN1_G,CN2_C20,CN2_C21,"
      + "CN2_G,KOR_HFCE,KOR_INVNT,JPN_HFCE,CHN_HFCE,CHN_GFCF,OUT";

  static final String TABLE = HEADER + "\n" + """
      KOR_C20,10,0,5,0,4,0,6,0,0,0,0,0,20,-2,3,4,0,50
      KOR_C21,0,8,0,0,0,0,0,0,0,0,0,0,12,0,0,0,0,20
      KOR_G,6,2,20,0,0,0,0,0,0,0,0,0,72,0,0,0,0,100
      JPN_C20,5,0,0,10,0,0,0,0,0,0,0,0,0,0,25,0,0,40
      JPN_C21,0,3,0,0,2,0,0,0,0,0,0,0,0,0,15,0,0,20
      JPN_G,0,0,0,8,4,10,0,0,0,0,0,0,0,0,58,0,0,80
      CN1_C20,4,0,0,0,0,0,12,0,0,3,0,0,0,0,0,11,0,30
      CN1_C21,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,10,0,10
      CN1_G,0,0,0,0,0,0,6,0,4,0,0,0,0,0,0,30,0,40
      CN2_C20,0,0,0,0,0,0,2,0,0,5,0,0,0,0,0,0,3,10
      CN2_C21,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5,0,5
      CN2_G,0,0,0,0,0,0,0,0,0,2,0,3,0,0,0,15,0,20
      TLS,1,0.5,2,0,1,0,0.4,0.2,0,0,0,0,3,0,1,2,0,
      VA,24,6.5,73,22,9,70,3.6,9.8,36,0,5,17,,,,,,
      OUT,50,20,100,40,20,80,30,10,40,10,5,20,,,,,,
      """;

  static IndustryMap map() throws IOException {
    return IndustryMap.read(new ByteArrayInputStream(MAP.getBytes(StandardCharsets.UTF_8)), "test map");
  }

  static IcioTable.Aggregated read(String table, List<String> regions) throws IOException {
    return IcioTable.read(new BufferedReader(new StringReader(table)), "t.csv", map(), regions, "ROW", 1e-9);
  }

  @Test
  void aggregatesToRegionsAndSectorsAsComputedByHand() throws IOException {
    IcioTable.Aggregated a = read(TABLE, List.of("KOR", "CHN"));
    CpData d = a.data();
    assertThat(d.regions()).containsExactly("KOR", "CHN", "ROW");
    assertThat(d.sectors()).containsExactly("chemicals", "services");
    assertThat(a.countries()).containsExactly("KOR", "JPN", "CHN");
    assertThat(a.regionOf()).containsEntry("JPN", "ROW").containsEntry("CHN", "CHN");
    assertThat(a.edition()).isEqualTo(2023);
    assertThat(a.negativeFinalDemand()).isEqualTo(1);
    assertThat(a.negativeFinalDemandUsd()).isEqualTo(-2.0);
    int kor = 0;
    int chn = 1;
    int row = 2;
    int chem = 0;
    int serv = 1;
    // trade, importer ← exporter, basic prices: rows' sales to the importer's columns, final demand included
    assertThat(d.trade()[d.pair(chem, kor, kor)]).isEqualTo(10 + 5 + 20 - 2 + 8 + 12, TIGHT);
    assertThat(d.trade()[d.pair(chem, row, kor)]).isEqualTo(4 + 3, TIGHT);
    assertThat(d.trade()[d.pair(chem, chn, kor)]).isEqualTo(6 + 4, TIGHT);
    assertThat(d.trade()[d.pair(chem, kor, row)]).isEqualTo(5 + 3, TIGHT);
    assertThat(d.trade()[d.pair(chem, kor, chn)]).isEqualTo(4, TIGHT);
    assertThat(d.trade()[d.pair(chem, chn, chn)]).isEqualTo(12 + 3 + 11 + 10 + 5 + 2 + 3 + 5, TIGHT);
    assertThat(d.trade()[d.pair(serv, chn, chn)]).isEqualTo(40 + 20, TIGHT);
    assertThat(d.trade()[d.pair(serv, kor, row)]).isEqualTo(0);
    // intermediate use at purchasers' prices: each column's TLS over its purchases
    assertThat(d.intermediate()[d.io(kor, chem, chem)]).isEqualTo(19 * 1.04 + 11 * 13.5 / 13, TIGHT);
    assertThat(d.intermediate()[d.io(kor, serv, chem)]).isEqualTo(6 * 1.04 + 2 * 13.5 / 13, TIGHT);
    assertThat(d.intermediate()[d.io(kor, chem, serv)]).isEqualTo(5 * 1.08, TIGHT);
    assertThat(d.intermediate()[d.io(kor, serv, serv)]).isEqualTo(20 * 1.08, TIGHT);
    assertThat(d.intermediate()[d.io(chn, chem, chem)]).isEqualTo(20 * 26.4 / 26 + 0.2 + 8, TIGHT);
    assertThat(d.intermediate()[d.io(chn, serv, chem)]).isEqualTo(6 * 26.4 / 26 + 2, TIGHT);
    assertThat(d.intermediate()[d.io(row, chem, chem)]).isEqualTo(10 + 6 * 1.1, TIGHT);
    assertThat(d.intermediate()[d.io(row, serv, chem)]).isEqualTo(8 + 4 * 1.1, TIGHT);
    assertThat(d.intermediate()[d.io(row, serv, serv)]).isEqualTo(10, TIGHT);
    // final demand: all six categories of the countries of a region, with their TLS
    assertThat(d.finalDemand()[d.rs(kor, chem)]).isEqualTo(30 * 105.0 / 102, TIGHT);
    assertThat(d.finalDemand()[d.rs(kor, serv)]).isEqualTo(72 * 105.0 / 102, TIGHT);
    assertThat(d.finalDemand()[d.rs(row, chem)]).isEqualTo(43 * 102.0 / 101, TIGHT);
    assertThat(d.finalDemand()[d.rs(chn, chem)]).isEqualTo(33 * 80.0 / 78, TIGHT);
    assertThat(d.finalDemand()[d.rs(chn, serv)]).isEqualTo(45 * 80.0 / 78, TIGHT);
    assertThat(d.valueAdded()[d.rs(kor, chem)]).isEqualTo(30.5, TIGHT);
    assertThat(d.valueAdded()[d.rs(chn, chem)]).isEqualTo(3.6 + 9.8 + 0 + 5, TIGHT);
    assertThat(d.valueAdded()[d.rs(row, serv)]).isEqualTo(70, TIGHT);
    // deficits: imports − exports at basic prices
    assertThat(d.deficit()[kor]).isEqualTo(8 + 4 - 7 - 10, TIGHT);
    assertThat(d.deficit()[chn]).isEqualTo(10 - 4, TIGHT);
    assertThat(d.deficit()[row]).isEqualTo(7 - 8, TIGHT);
    assertThat(d.theta()).containsExactly(3.13, 8.22);
    // gross output as the CP layout defines it (inputs + value added) is the table's OUT
    double output = 0;
    for (int k = 0; k < 2; k++) {
      output += d.intermediate()[d.io(kor, k, chem)];
    }
    assertThat(output + d.valueAdded()[d.rs(kor, chem)]).isEqualTo(70, TIGHT);
  }

  @Test
  void theSameTableInThe2021EditionsCodesGivesTheSameData() throws IOException {
    String old = TABLE.replace("_C20", "_D20").replace("_C21", "_D21").replace("_G,", "_D45T47,")
        .replace("_G\n", "_D45T47\n").replace("TLS,", "TAXSUB,").replace("VA,", "VALU,").replace("OUT,", "OUTPUT,")
        .replace(",OUT\n", ",TOTAL\n");
    IcioTable.Aggregated a = read(TABLE, List.of("KOR", "CHN"));
    IcioTable.Aggregated b = read(old, List.of("KOR", "CHN"));
    assertThat(b.edition()).isEqualTo(2021);
    assertThat(b.data().intermediate()).containsExactly(a.data().intermediate());
    assertThat(b.data().trade()).containsExactly(a.data().trade());
    assertThat(b.data().finalDemand()).containsExactly(a.data().finalDemand());
  }

  @Test
  void everyCountryIsARegionWhenNoneAreListed() throws IOException {
    IcioTable.Aggregated a = read(TABLE, List.of());
    assertThat(a.data().regions()).containsExactly("KOR", "JPN", "CHN");
    assertThat(a.data().deficit()[1]).isEqualTo(7 - 8, TIGHT);
  }

  @Test
  void theClosureCheckFailsOnATableWithOneCellChanged() {
    String changed = TABLE.replace("KOR_C21,0,8,0,0,0,0,0,0,0,0,0,0,12,", "KOR_C21,0,8,0,0,0,0,0,0,0,0,0,0,12.5,");
    assertThatThrownBy(() -> read(changed, List.of("KOR", "CHN"))).isInstanceOf(UserException.class)
        .hasMessageContaining("the accounts do not close for KOR, chemicals: sales 70.5")
        .hasMessageContaining("against OUT 70.0000000")
        .hasMessageContaining("the ICIO cell most off is KOR_C21 (row sum 20.5")
        .hasMessageContaining("inputs.closure_tolerance");
    String va = TABLE.replace("VA,24,", "VA,24.001,");
    assertThatThrownBy(() -> read(va, List.of("KOR", "CHN")))
        .hasMessageContaining("KOR, chemicals: purchases + TLS + VA 70.001").hasMessageContaining("KOR_C20");
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> read("year,exporter,importer,hs6,value\n2022,KOR,JPN,290110,5\n", List.of()))
        .isInstanceOf(UserException.class).hasMessageContaining("t.csv")
        .hasMessageContaining("column 2 is 'exporter'; this is not an OECD ICIO table");
    assertThatThrownBy(() -> read(TABLE.replace("KOR_C21,", "KOR_C99,"), List.of()))
        .hasMessageContaining("column KOR_C99 is industry 'C99', which test map does not list");
    assertThatThrownBy(() -> read(TABLE, List.of("KOR", "FRA")))
        .hasMessageContaining("inputs.regions names FRA, which is not a country of t.csv");
    assertThatThrownBy(() -> read(TABLE.replace("JPN_C21,0,3,", "JPN_C21,0,NaN,"), List.of()))
        .hasMessageContaining("line 6: the cell of row JPN_C21, column KOR_C21 is 'NaN', not a number");
    assertThatThrownBy(() -> read(TABLE.replace("OUT,50,20,100,40,", "OUT,50,20,100,-40,"), List.of()))
        .hasMessageContaining("OUT of JPN_C20 is -40.0");
    assertThatThrownBy(() -> read(TABLE.replace("\nVA,", "\nXX,"), List.of()))
        .hasMessageContaining("row 'XX' is neither <ISO3>_<industry>");
  }

  @Test
  void aFinalDemandBelowZeroAfterAggregationStopsNamingTheCell() {
    String drawn = TABLE.replace("KOR_C20,10,0,5,0,4,0,6,0,0,0,0,0,20,-2,3,4,0,50",
        "KOR_C20,10,0,5,0,4,0,6,0,0,0,0,0,20,-40,3,4,0,12").replace("VA,24,", "VA,-14,")
        .replace("OUT,50,", "OUT,12,");
    assertThatThrownBy(() -> read(drawn, List.of("KOR", "CHN")))
        .hasMessageContaining("final demand of KOR, chemicals sums to")
        .hasMessageContaining("inventory changes (INVNT)");
  }

  /** The bundled maps compose into 18 goods sectors and services; a map file's mistakes are named by line. */
  @Test
  void theMapsComposeAndNameTheirMistakes() throws IOException {
    org.ftasim.sector.SectorMap bundled = org.ftasim.sector.SectorMap.bundled();
    assertThat(bundled.sectors()).hasSize(19).startsWith("agriculture", "mining", "food").endsWith("services");
    assertThat(bundled.nonTraded()).isEqualTo("services");
    assertThat(bundled.sectorOf("854231")).isEqualTo("electronics");
    assertThat(bundled.sectorOf("850440")).isEqualTo("electrical");
    assertThat(bundled.sectorOf("870323")).isEqualTo("autos");
    assertThat(bundled.sectorOf("300490")).isEqualTo("chemicals");
    assertThat(bundled.sectorOf("271019")).isEqualTo("petroleum");
    assertThat(bundled.sectorOf("270900")).isEqualTo("mining");
    assertThat(bundled.sectorOf("440311")).isEqualTo("agriculture");
    assertThat(bundled.theta("electronics")).isEqualTo(3.95);
    assertThatThrownBy(() -> IndustryMap.read(bytes("icio2023,sector\nC20,chemicals\n"), "m.csv"))
        .isInstanceOf(UserException.class)
        .hasMessage("m.csv line 1: header 'icio2023,sector' should be icio2023,icio2021,sector,theta;"
            + " fix: make the first line that header");
    assertThatThrownBy(() -> org.ftasim.sector.SectorMap.composed(bytes("# a comment\nhs_prefix,industry\n28,C99\n"),
        "h.csv", map())).hasMessageContaining("h.csv line 3: industry 'C99' is not in test map");
    assertThatThrownBy(() -> org.ftasim.sector.SectorMap.composed(bytes("hs_prefix,industry\n28,C20\n"), "h.csv",
        IndustryMap.read(bytes(MAP + "C26,D26,electronics,3.95\n"), "m"))).hasMessageContaining(
            "h.csv reaches no industry of the sectors [services, electronics]");
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
