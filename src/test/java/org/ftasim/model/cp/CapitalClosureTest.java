package org.ftasim.model.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.ftasim.SharedData;
import org.ftasim.inputs.CpLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capital in the Caliendo–Parro model on the CP2015 NAFTA data: the three closures against the published
 * labour-only table, the steady state's defining condition, the recursive path's limit and the neutral cases.
 */
class CapitalClosureTest {
  private static final double PP = 0.01;
  private static final double THIRD = 1.0 / 3;
  private static CpData data;
  private static double[] ones;
  private static double[] zeroDeficit;

  @BeforeAll
  static void load() {
    data = CpLayout.read(SharedData.require("cp2015-nafta"));
    ones = new double[data.n() * data.n() * data.j()];
    Arrays.fill(ones, 1.0);
    zeroDeficit = new double[data.n()];
  }

  private static int r(String name) {
    return data.regions().indexOf(name);
  }

  private static double[] shares(double share) {
    double[] b = new double[data.n() * data.j()];
    Arrays.fill(b, share);
    return b;
  }

  @Test
  void capitalShareZeroReproducesThePublishedTableUnderEveryClosure() {
    CpModel model = new CpModel(data, shares(0));
    for (Capital.Closure closure : Capital.Closure.values()) {
      CpComparison[] path = CaliendoParro.run(model, CaliendoParro.Deficits.ZERO, CpSolver.Options.defaults(),
          closure, 0.059, 3);
      CpComparison c = path[path.length - 1];
      assertThat(c.counterfactual().diagnostics().converged()).as(closure.id()).isTrue();
      assertThat(c.welfarePct(r("Mexico"))).as(closure.id()).isCloseTo(1.31, within(PP));
      assertThat(c.welfarePct(r("USA"))).as(closure.id()).isCloseTo(0.08, within(PP));
      assertThat(c.welfarePct(r("Canada"))).as(closure.id()).isCloseTo(-0.06, within(PP));
      assertThat(c.termsOfTradePct(r("Mexico"))).as(closure.id()).isCloseTo(-0.41, within(PP));
      assertThat(c.volumeOfTradePct(r("Mexico"))).as(closure.id()).isCloseTo(1.72, within(PP));
      assertThat(c.realWagePct(r("Canada"))).as(closure.id()).isCloseTo(0.32, within(PP));
      assertThat(c.capitalStockPct(r("Mexico"))).as(closure.id()).isZero();
      assertThat(c.capitalAccumulationPct(r("Mexico"))).as(closure.id()).isZero();
    }
  }

  @Test
  void atTheSteadyStateTheRentalToInvestmentPriceRatioIsAtItsBaseline() {
    // a solution to 1e-12 in the solver's unknowns: the ratio is then what the closure makes it, not solver noise
    CpSolver solver = new CpSolver(new CpModel(data, shares(THIRD)), new CpSolver.Options(1e-12, 5000, 5, 1.0, 0.15));
    CpEquilibrium steady = solver.solve(data.tariffCounterfactual(), ones, zeroDeficit, Capital.steadyState(),
        (CpEquilibrium) null);
    assertThat(steady.diagnostics().converged()).isTrue();
    for (int m = 0; m < data.n(); m++) {
      assertThat(steady.rental(m) / steady.investmentPrice(m)).as(data.regions().get(m)).isCloseTo(1, within(1e-9));
    }
    // NAFTA's tariff cuts make Mexico's capital more productive: its stock grows
    CpEquilibrium base = solver.solve(data.tariffBaseline(), ones, zeroDeficit, Capital.steadyState(), steady);
    CpComparison c = new CpComparison(base, steady);
    assertThat(c.capitalStockPct(r("Mexico"))).isGreaterThan(0.1);
    assertThat(c.rentalRatePct(r("Mexico"))).isCloseTo(0, within(1e-7));
    // with capital fixed, the same cut raises Mexico's rental rate instead
    CpComparison fixed = CaliendoParro.run(new CpModel(data, shares(THIRD)), CaliendoParro.Deficits.ZERO,
        CpSolver.Options.defaults(), Capital.Closure.FIXED, 0.059, 1)[0];
    assertThat(fixed.rentalRatePct(r("Mexico"))).isGreaterThan(0.1);
    assertThat(fixed.capitalStockPct(r("Mexico"))).isZero();
    assertThat(c.realGdpPct(r("Mexico"))).isGreaterThan(fixed.realGdpPct(r("Mexico")));
  }

  @Test
  void theRecursivePathReachesTheSteadyState() {
    CpSolver solver = new CpSolver(new CpModel(data, shares(THIRD)),
        new CpSolver.Options(1e-12, 5000, 5, 1.0, 0.15));
    CpEquilibrium steady = solver.solve(data.tariffCounterfactual(), ones, zeroDeficit, Capital.steadyState(),
        (CpEquilibrium) null);
    CapitalPath.Stationary end = CapitalPath.untilStationary(solver, data.tariffCounterfactual(), ones, zeroDeficit,
        0.3, 1e-10, 500);
    assertThat(end.lastMove()).isLessThan(1e-10);
    for (int m = 0; m < data.n(); m++) {
      String region = data.regions().get(m);
      assertThat(end.equilibrium().capital(m)).as(region).isCloseTo(steady.capital(m), within(1e-6));
      assertThat(end.equilibrium().rental(m)).as(region).isCloseTo(steady.rental(m), within(1e-6));
      assertThat(end.equilibrium().wage(m)).as(region).isCloseTo(steady.wage(m), within(1e-6));
    }
  }

  @Test
  void withoutAShockEveryChangeIsZeroUnderEveryClosure() {
    CpData same = data.withTariffs(data.tariffBaseline(), data.tariffBaseline());
    CpModel model = new CpModel(same, shares(THIRD));
    for (Capital.Closure closure : Capital.Closure.values()) {
      for (CpComparison c : CaliendoParro.run(model, CaliendoParro.Deficits.ZERO, CpSolver.Options.defaults(),
          closure, 0.059, 4)) {
        for (int m = 0; m < data.n(); m++) {
          String at = closure.id() + " " + data.regions().get(m);
          assertThat(c.welfarePct(m)).as(at).isZero();
          assertThat(c.realGdpPct(m)).as(at).isZero();
          assertThat(c.evPct(m)).as(at).isCloseTo(0, within(1e-12));
          assertThat(c.capitalStockPct(m)).as(at).isZero();
          assertThat(c.rentalRatePct(m)).as(at).isCloseTo(0, within(1e-12));
          assertThat(c.investmentPct(m)).as(at).isCloseTo(0, within(1e-12));
          assertThat(c.tariffRevenuePct(m)).as(at).isCloseTo(0, within(1e-12));
          assertThat(c.tradeBalanceChange(m, (m + 1) % data.n())).as(at).isZero();
        }
      }
    }
  }

  @Test
  void anIcebergCutRaisesThePairsTradeAndItsWelfareIsLinearForSmallCutsInTheSteadyState() {
    CpSolver solver = new CpSolver(new CpModel(data, shares(THIRD)),
        new CpSolver.Options(1e-12, 5000, 5, 1.0, 0.15));
    CpEquilibrium base = solver.solve(data.tariffBaseline(), ones, zeroDeficit, Capital.steadyState(),
        (CpEquilibrium) null);
    int mex = r("Mexico");
    int usa = r("USA");
    double[] welfare = new double[2];
    double[] eps = {1e-4, 2e-4};
    for (int e = 0; e < 2; e++) {
      double[] d = ones.clone();
      for (int s = 0; s < data.j(); s++) {
        d[data.pair(s, mex, usa)] = 1 - eps[e];
        d[data.pair(s, usa, mex)] = 1 - eps[e];
      }
      CpComparison c = new CpComparison(base,
          solver.solve(data.tariffBaseline(), d, zeroDeficit, Capital.steadyState(), base));
      double before = 0;
      double after = 0;
      for (int s = 0; s < data.j(); s++) {
        before += c.baseline().imports(s, mex, usa);
        after += c.counterfactual().imports(s, mex, usa);
      }
      assertThat(after).isGreaterThan(before);
      welfare[e] = c.welfarePct(mex);
    }
    assertThat(welfare[0]).isGreaterThan(0);
    // doubling a small cut doubles the gain: the second-order term is below 0.1% of it
    assertThat(welfare[1] / welfare[0]).isCloseTo(2, within(2e-3));
  }
}
