package org.ftasim.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The trade_costs block of a scenario: pairs, sizes, staging, and what is refused. */
class TradeCostTest {
  private static final AgreementBook BOOK = AgreementBook.bundled();

  private static Scenario scenario(String tradeCosts) throws Exception {
    String yaml = "id: ntm\ndescription: test\ntrade_costs:\n" + tradeCosts;
    return Scenario.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "ntm.yaml", BOOK);
  }

  @Test
  void membersGiveEveryDirectedPairAndStagingGivesTheShare() throws Exception {
    Scenario s = scenario("  - {id: m, members: [KOR, JPN, MEX], iceberg: 0.97, staging: B5, entry_into_force: 2027}\n");
    TradeCost t = s.tradeCosts().get(0);
    assertThat(t.pairs()).hasSize(6);
    assertThat(t.sectors()).isEmpty();
    assertThat(s.touched()).isEmpty();
    assertThat(t.share(2026, BOOK.categories())).isZero();
    assertThat(t.share(2027, BOOK.categories())).isCloseTo(0.2, within(1e-12));
    assertThat(t.share(2031, BOOK.categories())).isCloseTo(1.0, within(1e-12));
    assertThat(t.share(2040, BOOK.categories())).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void pairsGoBothWaysUnlessOneWay() throws Exception {
    assertThat(scenario("  - {id: p, pairs: [KOR:JPN], rta_effect: 0.5, entry_into_force: 2027}\n").tradeCosts()
        .get(0).pairs()).hasSize(2);
    assertThat(scenario("  - {id: p, pairs: [KOR:JPN], one_way: true, from_estimate: g1/RTA, entry_into_force: 2027,"
        + " sectors: [electronics]}\n").tradeCosts().get(0).pairs()).hasSize(1);
  }

  @Test
  void aRentMeasureKeepsItsKindAndItsAveSize() throws Exception {
    TradeCost t = scenario("  - {id: q, pairs: [KOR:JPN], kind: rent, ave_cut_pp: 4, ave_base_pct: 10, "
        + "entry_into_force: 2027}\n").tradeCosts().get(0);
    assertThat(t.kind()).isEqualTo("rent");
    assertThat(t.size().kind()).isEqualTo("ave");
    assertThat(t.size().aveBasePct()).isEqualTo(10.0);
    assertThat(scenario("  - {id: i, pairs: [KOR:JPN], iceberg: 0.9, entry_into_force: 2027}\n").tradeCosts().get(0)
        .kind()).isEqualTo("iceberg");
  }

  @Test
  void badMeasuresAreNamed() {
    assertThatThrownBy(() -> scenario("  - {id: r, pairs: [KOR:JPN], iceberg: 0.9, kind: rent, entry_into_force: 2027}\n"))
        .hasMessageContaining("ntm.yaml: trade_costs[0]: kind rent needs ave_cut_pp with ave_base_pct");
    assertThatThrownBy(() -> scenario("  - {id: r, pairs: [KOR:JPN], iceberg: 0.9, kind: tax, entry_into_force: 2027}\n"))
        .hasMessageContaining("kind 'tax' is not one ftasim models; fix: iceberg");
    assertThatThrownBy(() -> scenario("  - {id: b, pairs: [KOR:JPN], members: [KOR, JPN], iceberg: 0.9, "
        + "entry_into_force: 2027}\n")).hasMessageContaining("not both");
    assertThatThrownBy(() -> scenario("  - {id: s, pairs: [KOR:JPN], entry_into_force: 2027}\n"))
        .hasMessageContaining("give the size of the cut once");
    assertThatThrownBy(() -> scenario("  - {id: a, pairs: [KOR:JPN], ave_cut_pp: 12, ave_base_pct: 10, "
        + "entry_into_force: 2027}\n")).hasMessageContaining("at most ave_base_pct 10");
    assertThatThrownBy(() -> scenario("  - {id: c, pairs: [KOR:JPN], iceberg: 0.9, staging: Z9, "
        + "entry_into_force: 2027}\n")).hasMessageContaining("staging 'Z9' is not a staging category");
    assertThatThrownBy(() -> scenario("  - {id: e, pairs: [KOR:JPN], from_estimate: nothing, "
        + "entry_into_force: 2027}\n")).hasMessageContaining("is not RUN_ID/term");
    assertThatThrownBy(() -> scenario("  - {id: u, pairs: [KOR:JPN], iceberg: 0.9, entry_into_force: 2027, "
        + "when: soon}\n")).hasMessageContaining("unknown key 'when'");
  }
}
