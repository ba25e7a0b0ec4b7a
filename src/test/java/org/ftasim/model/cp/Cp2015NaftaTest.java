package org.ftasim.model.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ftasim.SharedData;
import org.ftasim.inputs.CpLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reproduces Caliendo and Parro (2015, RES), NAFTA's tariff reductions, from their replication data
 * (../shared/data/cp2015-nafta). Published values are rounded to 0.01 percentage points; the tolerance is that
 * 0.01 pp.
 */
class Cp2015NaftaTest {
  private static final double PP = 0.01;
  private static CpData data;

  @BeforeAll
  static void load() {
    data = CpLayout.read(SharedData.require("cp2015-nafta"));
  }

  private static int r(String name) {
    return data.regions().indexOf(name);
  }

  @Test
  void zeroDeficitBaselineMatchesThePublishedWelfareDecomposition() {
    CpComparison c = CaliendoParro.run(data, CaliendoParro.Deficits.ZERO, CpSolver.Options.defaults());
    assertThat(c.baseline().diagnostics().converged()).isTrue();
    assertThat(c.counterfactual().diagnostics().converged()).isTrue();

    assertThat(c.welfarePct(r("Mexico"))).isCloseTo(1.31, within(PP));
    assertThat(c.welfarePct(r("USA"))).isCloseTo(0.08, within(PP));
    assertThat(c.welfarePct(r("Canada"))).isCloseTo(-0.06, within(PP));

    assertThat(c.termsOfTradePct(r("Canada"))).isCloseTo(-0.11, within(PP));
    assertThat(c.termsOfTradePct(r("Mexico"))).isCloseTo(-0.41, within(PP));
    assertThat(c.termsOfTradePct(r("USA"))).isCloseTo(0.04, within(PP));
    assertThat(c.volumeOfTradePct(r("Canada"))).isCloseTo(0.04, within(PP));
    assertThat(c.volumeOfTradePct(r("Mexico"))).isCloseTo(1.72, within(PP));
    assertThat(c.volumeOfTradePct(r("USA"))).isCloseTo(0.04, within(PP));
    assertThat(c.realWagePct(r("Canada"))).isCloseTo(0.32, within(PP));
    assertThat(c.realWagePct(r("Mexico"))).isCloseTo(1.72, within(PP));
    assertThat(c.realWagePct(r("USA"))).isCloseTo(0.11, within(PP));
    assertThat(c.technicalEfficiencyPct(r("Mexico"))).isCloseTo(0, within(1e-12));

    // The exact real-income ratio is not the decomposition: Mexico's real wage gain is offset by lost tariff revenue.
    assertThat(c.realIncomePct(r("Mexico"))).isCloseTo(0, within(0.1));
    assertThat(c.tariffRevenuePct(r("Mexico"))).isLessThan(-10);
  }

  @Test
  void deficitsKeptMatchesThePublishedWelfare() {
    CpComparison c = CaliendoParro.run(data, CaliendoParro.Deficits.KEEP, CpSolver.Options.defaults());
    assertThat(c.counterfactual().diagnostics().converged()).isTrue();
    assertThat(c.welfarePct(r("Mexico"))).isCloseTo(1.17, within(PP));
    assertThat(c.welfarePct(r("Canada"))).isCloseTo(-0.04, within(PP));
    assertThat(c.welfarePct(r("USA"))).isCloseTo(0.08, within(PP));
  }

  @Test
  void naftaRaisesMexicanImportsFromTheUsa() {
    CpComparison c = CaliendoParro.run(data, CaliendoParro.Deficits.ZERO, CpSolver.Options.defaults());
    double before = 0;
    double after = 0;
    for (int s = 0; s < data.j(); s++) {
      before += c.baseline().imports(s, r("Mexico"), r("USA"));
      after += c.counterfactual().imports(s, r("Mexico"), r("USA"));
    }
    assertThat(after / before - 1).isGreaterThan(0.05);
  }

  @Test
  void theDataNoteTheOneNegativeInputCell() {
    assertThat(new CpModel(data).notes()).singleElement().asString()
        .contains("Canada").contains("Basic metals").contains("Other");
  }
}
