package org.ftasim.model.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.ftasim.SharedData;
import org.ftasim.inputs.CpLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Non-tariff trade costs as Caliendo–Parro's d̂ on the CP2015 data: tariffs held at the baseline's, iceberg costs cut
 * between Mexico and the USA in every sector.
 */
class CpIcebergTest {
  private static CpData data;
  private static CpSolver solver;
  private static CpEquilibrium base;
  private static double[] ones;
  private static double[] zeroDeficit;

  @BeforeAll
  static void load() {
    data = CpLayout.read(SharedData.require("cp2015-nafta"));
    solver = new CpSolver(new CpModel(data), CpSolver.Options.defaults());
    ones = new double[data.n() * data.n() * data.j()];
    Arrays.fill(ones, 1.0);
    zeroDeficit = new double[data.n()];
    base = solver.solve(data.tariffBaseline(), ones, zeroDeficit);
  }

  private static double[] cut(double epsilon) {
    double[] d = ones.clone();
    int mex = data.regions().indexOf("Mexico");
    int usa = data.regions().indexOf("USA");
    for (int s = 0; s < data.j(); s++) {
      d[data.pair(s, mex, usa)] = 1 - epsilon;
      d[data.pair(s, usa, mex)] = 1 - epsilon;
    }
    return d;
  }

  private static CpComparison compare(double epsilon) {
    CpEquilibrium cf = solver.solve(data.tariffBaseline(), cut(epsilon), zeroDeficit, base);
    assertThat(cf.diagnostics().converged()).isTrue();
    return new CpComparison(base, cf);
  }

  private static double imports(CpEquilibrium e, int importer, int exporter) {
    double sum = 0;
    for (int s = 0; s < data.j(); s++) {
      sum += e.imports(s, importer, exporter);
    }
    return sum;
  }

  @Test
  void anIcebergCutWithTariffsUnchangedRaisesThePairsTrade() {
    CpComparison c = compare(0.01);
    int mex = data.regions().indexOf("Mexico");
    int usa = data.regions().indexOf("USA");
    assertThat(imports(c.counterfactual(), usa, mex)).isGreaterThan(imports(base, usa, mex) * 1.01);
    assertThat(imports(c.counterfactual(), mex, usa)).isGreaterThan(imports(base, mex, usa) * 1.01);
    assertThat(c.welfarePct(mex)).isPositive();
    assertThat(c.technicalEfficiencyPct(mex)).isPositive();
  }

  @Test
  void noCutChangesNothing() {
    CpComparison c = compare(0);
    for (int n = 0; n < data.n(); n++) {
      assertThat(c.welfarePct(n)).isCloseTo(0, within(1e-9));
      assertThat(c.realGdpPct(n)).isCloseTo(0, within(1e-9));
    }
  }

  /** For small cuts the welfare effect is linear in the cut: twice the cut, twice the effect, to 1%. */
  @Test
  void forSmallCutsWelfareIsLinearInTheCut() {
    int mex = data.regions().indexOf("Mexico");
    int usa = data.regions().indexOf("USA");
    CpComparison small = compare(0.001);
    CpComparison twice = compare(0.002);
    assertThat(twice.welfarePct(mex) / small.welfarePct(mex)).isCloseTo(2, within(0.02));
    assertThat(twice.welfarePct(usa) / small.welfarePct(usa)).isCloseTo(2, within(0.02));
  }

  @Test
  void aRentGeneratingCutGainsTheImporterLessThanAPureCostCutOfTheSameSize() {
    // Mexico's imports from the USA: a 10% wedge cut to 8%, as a rent (a wedge on top of the tariff whose rents are
    // Mexico's income, in the data year and the baseline too) and as a pure cost (d-hat = 1.08 / 1.10)
    int mex = data.regions().indexOf("Mexico");
    int usa = data.regions().indexOf("USA");
    double[] withRent = data.tariffBaseline().clone();
    double[] cut = data.tariffBaseline().clone();
    for (int s = 0; s < data.j(); s++) {
      int p = data.pair(s, mex, usa);
      withRent[p] = (1 + withRent[p]) * 1.10 - 1;
      cut[p] = (1 + cut[p]) * 1.08 - 1;
    }
    CpData rentData = new CpData(data.regions(), data.sectors(), data.trade(), withRent, withRent, cut,
        data.icebergBaseline(), data.icebergCounterfactual(), data.intermediate(), data.valueAdded(),
        data.finalDemand(), data.deficit(), data.theta());
    CpComparison rent = CaliendoParro.run(rentData, CaliendoParro.Deficits.ZERO, CpSolver.Options.defaults());
    double[] d = ones.clone();
    for (int s = 0; s < data.j(); s++) {
      d[data.pair(s, mex, usa)] = 1.08 / 1.10;
    }
    CpComparison cost = new CpComparison(base, solver.solve(data.tariffBaseline(), d, zeroDeficit, base));
    assertThat(rent.counterfactual().diagnostics().converged()).isTrue();
    assertThat(rent.welfarePct(mex)).isLessThan(cost.welfarePct(mex));
    // the rents Mexico gives up show as less wedge revenue, and the cut raises its imports either way
    assertThat(rent.tariffRevenuePct(mex)).isLessThan(0);
    assertThat(cost.technicalEfficiencyPct(mex)).isGreaterThan(0);
    assertThat(rent.technicalEfficiencyPct(mex)).isZero();
    double before = 0;
    double after = 0;
    for (int s = 0; s < data.j(); s++) {
      before += rent.baseline().imports(s, mex, usa);
      after += rent.counterfactual().imports(s, mex, usa);
    }
    assertThat(after).isGreaterThan(before);
  }
}
