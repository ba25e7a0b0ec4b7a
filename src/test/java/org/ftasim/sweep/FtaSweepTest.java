package org.ftasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Arrays;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.Capital;
import org.ftasim.model.cp.CapitalPath;
import org.ftasim.model.cp.CpEquilibrium;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpModelPropertiesTest;
import org.ftasim.model.cp.CpSolver;
import org.ftasim.model.cp.CpTariffPath;
import org.junit.jupiter.api.Test;

/** The phase-in model without Spark: what it reports per scenario and year, and that it is the model's own answer. */
class FtaSweepTest {
  private static final CpData DATA = CpModelPropertiesTest.economy(3, 4, 3);
  private static final int YEARS = 4;
  /** Tight, so the warm-started and the cold solves agree to far below the test's tolerance. */
  private static final CpSolver.Options OPTIONS = new CpSolver.Options(1e-12, 20_000, 5, 1.0, 0.15);

  /** Baseline: the data's tariffs every year; scenario "cut": R0–R1 tariffs cut in equal steps to 0 from year 1. */
  private static CpTariffPath path() {
    double[] tau = DATA.tariff();
    double[][] baseline = new double[YEARS][];
    double[][][] scenario = new double[1][YEARS][];
    for (int y = 0; y < YEARS; y++) {
      baseline[y] = tau.clone();
      scenario[0][y] = tau.clone();
      double keep = y == 0 ? 1 : 1 - y / (YEARS - 1.0);
      for (int s = 0; s < DATA.j(); s++) {
        scenario[0][y][DATA.pair(s, 0, 1)] = tau[DATA.pair(s, 0, 1)] * keep;
        scenario[0][y][DATA.pair(s, 1, 0)] = tau[DATA.pair(s, 1, 0)] * keep;
      }
    }
    int first = CpTariffPath.firstDifference(baseline, scenario[0]);
    return new CpTariffPath(List.of("cut"), new int[] {2026, 2027, 2028, 2029}, baseline, scenario, new int[] {first});
  }

  private static FtaSweep model() {
    return new FtaSweep(DATA, path(), CaliendoParro.Deficits.ZERO, List.of(), List.of("R0"), List.of("R0", "R1"),
        FtaSweep.groups(List.of("g=S0+S1")), 1e6, OPTIONS);
  }

  private static Map<String, Double> evaluate(List<Parameter> params, double... values) {
    Map<String, Double> out = new HashMap<>();
    for (SweepModel.Outcome o : model().build().evaluate(params, values).outcomes()) {
      out.put(o.scenario() + "|" + o.metric() + "|" + o.country() + "|" + o.sector() + "|" + o.partner() + "|"
          + o.year(), o.value());
    }
    return out;
  }

  private static Parameter p(String name) {
    return new Parameter(name, Distribution.uniform(0.5, 1.5), null);
  }

  @Test
  void eachYearIsTheModelsComparisonOfThatYearsScenarioWithThatYearsBaseline() {
    assertThat(path().first()).containsExactly(1);
    Map<String, Double> out = evaluate(List.of(p("theta.scale"), p("utilisation")), 1.2, 0.7);
    // the entry year is the first one reported
    assertThat(out).doesNotContainKey("cut|welfare_pct|R0|ALL|ALL|2026").containsKey("cut|welfare_pct|R0|ALL|ALL|2027");
    double[] theta = DATA.theta().clone();
    for (int s = 0; s < theta.length; s++) {
      theta[s] *= 1.2;
    }
    for (int y = 1; y < YEARS; y++) {
      double[] used = CpTariffPath.utilised(path().baseline()[y], path().scenario()[0][y], 0.7);
      CpComparison c = CaliendoParro.run(DATA.withTheta(theta).withTariffs(path().baseline()[y], used),
          CaliendoParro.Deficits.ZERO, OPTIONS);
      int year = 2026 + y;
      for (int r = 0; r < DATA.n(); r++) {
        String region = DATA.regions().get(r);
        assertThat(out.get("cut|welfare_pct|" + region + "|ALL|ALL|" + year)).isCloseTo(c.welfarePct(r), within(1e-9));
        assertThat(out.get("cut|real_gdp_pct|" + region + "|ALL|ALL|" + year)).isCloseTo(c.realGdpPct(r),
            within(1e-9));
      }
      assertThat(out.get("cut|output_pct|R0|S2|ALL|" + year)).isCloseTo(c.outputPct(0, 2), within(1e-9));
      double before = 0;
      double after = 0;
      for (int s = 0; s < DATA.j(); s++) {
        before += c.baseline().imports(s, 1, 0);
        after += c.counterfactual().imports(s, 1, 0);
      }
      assertThat(out.get("cut|exports_change_usd|R0|ALL|R1|" + year)).isCloseTo((after - before) * 1e6,
          within(1e-3));
    }
    // only R0 has sector rows; the group sums its members' output
    assertThat(out).doesNotContainKey("cut|output_pct|R1|S0|ALL|2027").containsKey("cut|output_pct|R0|g|ALL|2027");
  }

  @Test
  void withoutUtilisationTheScenarioIsTheBaselineAndAGroupOfOneIsItsSector() {
    Map<String, Double> none = evaluate(List.of(p("utilisation")), 0.0);
    for (Map.Entry<String, Double> e : none.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).isCloseTo(0.0, within(1e-9));
    }
    FtaSweep one = new FtaSweep(DATA, path(), CaliendoParro.Deficits.ZERO, List.of("R0"), List.of("R0"), List.of(),
        FtaSweep.groups(List.of("only=S1")), 1, OPTIONS);
    Map<String, Double> out = new HashMap<>();
    for (SweepModel.Outcome o : one.build().evaluate(List.of(), new double[0]).outcomes()) {
      out.put(o.metric() + "|" + o.sector() + "|" + o.year(), o.value());
    }
    assertThat(out.get("real_output_pct|only|2029")).isCloseTo(out.get("real_output_pct|S1|2029"), within(1e-12));
    assertThat(out.get("output_pct|only|2029")).isCloseTo(out.get("output_pct|S1|2029"), within(1e-12));
  }

  @Test
  void unknownNamesAreRefusedWithTheChoices() {
    assertThatThrownBy(() -> model().check(List.of(p("theta.S9")))).hasMessageContaining("theta.<sector>")
        .hasMessageContaining("S0, S1, S2");
    FtaSweep badGroup = new FtaSweep(DATA, path(), CaliendoParro.Deficits.ZERO, List.of(), List.of(), List.of(),
        FtaSweep.groups(List.of("g=S0+autos")), 1, OPTIONS);
    assertThatThrownBy(() -> badGroup.check(List.of())).hasMessageContaining("sector group g names sector 'autos'");
    FtaSweep badRegion = new FtaSweep(DATA, path(), CaliendoParro.Deficits.ZERO, List.of("KOR"), List.of(), List.of(),
        List.of(), 1, OPTIONS);
    assertThatThrownBy(() -> badRegion.check(List.of())).hasMessageContaining("region 'KOR' is not a region");
  }

  @Test
  void standardisedRegressionCoefficientsOfALinearModel() {
    // y = 3 x1 + x2 (+ 0·x3) on independent uniforms: SRC = 3/√10, 1/√10, 0; R² = 1
    SplittableRandom r = new SplittableRandom(1);
    int n = 4000;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        x[i][k] = r.nextDouble();
      }
      y[i] = 3 * x[i][0] + x[i][1];
    }
    RegressionIndices.Estimate e = RegressionIndices.estimate(x, y, 7, 50);
    assertThat(e.r2()).isCloseTo(1.0, within(1e-12));
    assertThat(e.src()[0]).isCloseTo(3 / Math.sqrt(10), within(0.02));
    assertThat(e.src()[1]).isCloseTo(1 / Math.sqrt(10), within(0.02));
    assertThat(e.src()[2]).isCloseTo(0.0, within(1e-9));
    assertThat(e.low()[0]).isLessThanOrEqualTo(e.src()[0]);
    assertThat(e.high()[0]).isGreaterThanOrEqualTo(e.src()[0]);
    assertThat(RegressionIndices.estimate(new double[][] {{1}, {2}}, new double[] {1, 2}, 1, 0)).isNull();
  }

  private static Map<String, Double> evaluateWithCapital(double share, List<Parameter> params, double... values) {
    double[] shares = new double[DATA.n() * DATA.j()];
    Arrays.fill(shares, share);
    FtaSweep model = new FtaSweep(DATA, path(), CaliendoParro.Deficits.ZERO, List.of(), List.of("R0"),
        List.of("R0", "R1"), FtaSweep.groups(List.of("g=S0+S1")), 1e6, OPTIONS, new FtaSweep.CapitalSpec(
            List.of(Capital.Closure.FIXED, Capital.Closure.STEADY_STATE, Capital.Closure.RECURSIVE), 0.1, shares));
    Map<String, Double> out = new HashMap<>();
    for (SweepModel.Outcome o : model.build().evaluate(params, values).outcomes()) {
      out.put(o.closure() + "|" + o.scenario() + "|" + o.metric() + "|" + o.country() + "|" + o.sector() + "|"
          + o.partner() + "|" + o.year(), o.value());
    }
    return out;
  }

  @Test
  void withoutCapitalEveryClosureGivesTheLabourOnlyAnswer() {
    Map<String, Double> out = evaluateWithCapital(0, List.of(p("theta.scale")), 1.1);
    assertThat(out).isNotEmpty().doesNotContainKey("fixed|cut|capital_stock_pct|R0|ALL|ALL|2029");
    for (Map.Entry<String, Double> e : out.entrySet()) {
      if (e.getKey().startsWith("fixed|")) {
        for (String other : List.of("steady_state|", "recursive|")) {
          String key = other + e.getKey().substring(6);
          assertThat(out.get(key)).as(key).isCloseTo(e.getValue(), within(1e-9 * Math.max(1, Math.abs(e.getValue()))));
        }
      }
    }
  }

  @Test
  void theRecursivePathStartsFromTheBaselinesStockAndAccumulatesTowardTheSteadyState() {
    Map<String, Double> out = evaluateWithCapital(1.0 / 3, List.of(p("theta.scale")), 1.0);
    // R0's stock: fixed, then growing along the path toward the steady state's
    assertThat(out.get("fixed|cut|capital_stock_pct|R0|ALL|ALL|2029")).isZero();
    assertThat(out.get("recursive|cut|capital_stock_pct|R0|ALL|ALL|2027")).isZero();
    double k28 = out.get("recursive|cut|capital_stock_pct|R0|ALL|ALL|2028");
    double k29 = out.get("recursive|cut|capital_stock_pct|R0|ALL|ALL|2029");
    double steady = out.get("steady_state|cut|capital_stock_pct|R0|ALL|ALL|2029");
    assertThat(steady).isGreaterThan(0);
    assertThat(k28).isGreaterThan(0).isLessThan(k29);
    assertThat(k29).isLessThan(steady);
    assertThat(out.get("steady_state|cut|rental_rate_pct|R0|ALL|ALL|2029")).isCloseTo(0, within(1e-8));

    // and it is the model's own path: both stocks start at the data year's in 2027, the entry into force
    double[] shares = new double[DATA.n() * DATA.j()];
    Arrays.fill(shares, 1.0 / 3);
    CpSolver solver = new CpSolver(new CpModel(DATA, shares), OPTIONS);
    double[] ones = new double[DATA.n() * DATA.n() * DATA.j()];
    Arrays.fill(ones, 1.0);
    double[][] ice = {ones, ones, ones};
    double[] zero = new double[DATA.n()];
    double[] k0 = Capital.fixed(DATA.n()).stock();
    CpEquilibrium[] base = CapitalPath.solve(solver, Arrays.copyOfRange(path().baseline(), 1, YEARS), ice, zero, 0.1,
        k0, null);
    CpEquilibrium[] cf = CapitalPath.solve(solver, Arrays.copyOfRange(path().scenario()[0], 1, YEARS), ice, zero,
        0.1, k0, null);
    CpComparison last = new CpComparison(base[2], cf[2]);
    assertThat(out.get("recursive|cut|capital_stock_pct|R0|ALL|ALL|2029")).isCloseTo(last.capitalStockPct(0),
        within(1e-8));
    assertThat(out.get("recursive|cut|welfare_pct|R1|ALL|ALL|2029")).isCloseTo(last.welfarePct(1), within(1e-8));
    assertThat(out.get("recursive|cut|trade_balance_change_usd|R0|ALL|R1|2029"))
        .isCloseTo(last.tradeBalanceChange(0, 1) * 1e6, within(1e-2));
  }
}
