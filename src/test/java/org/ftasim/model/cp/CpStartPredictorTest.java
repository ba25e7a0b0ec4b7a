package org.ftasim.model.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The warm-start predictor: exact where it was fitted, and a start never moves where a solve ends. */
class CpStartPredictorTest {
  // Tight, so that "ends where a cold start does" can be checked to 1e-8 (at the default 1e-8 on a pass's change,
  // two starts may end 1e-6 apart in welfare percent).
  private static final CpSolver.Options OPTIONS = new CpSolver.Options(1e-11, 5000, 5, 1.0, 0.15);

  private static CpData data() {
    CpData d = CpModelPropertiesTest.economy(11, 5, 4);
    double[] cut = d.tariffBaseline().clone();
    for (int s = 0; s < d.j(); s++) {
      cut[d.pair(s, 1, 2)] = 0;
      cut[d.pair(s, 2, 1)] = 0;
    }
    return d.withTariffs(d.tariffBaseline(), cut);
  }

  private static CpComparison at(CpModel model, double scale, CpComparison start) {
    double[] theta = model.data().theta().clone();
    for (int s = 0; s < theta.length; s++) {
      theta[s] *= scale;
    }
    return CaliendoParro.run(model.withTheta(theta), CaliendoParro.Deficits.ZERO, OPTIONS, start);
  }

  @Test
  void thePredictionPassesThroughTheFittedNodesAndLandsNearAnUnseenOne() {
    CpModel model = new CpModel(data());
    CpComparison center = at(model, 1, null);
    CpComparison low = at(model, Math.exp(-0.2), center);
    CpComparison high = at(model, Math.exp(0.25), center);
    CpStartPredictor p = CpStartPredictor.fit(center, new double[] {-0.2}, new CpComparison[] {low},
        new double[] {0.25}, new CpComparison[] {high});
    double[][] nodes = {{-0.2}, {0}, {0.25}};
    CpComparison[] solved = {low, center, high};
    for (int k = 0; k < 3; k++) {
      CpStartPredictor.Start s = p.predict(nodes[k]);
      double[] base = solved[k].baseline().state();
      double[] cf = solved[k].counterfactual().state();
      for (int i = 0; i < base.length; i++) {
        assertThat(s.baseline()[i]).isCloseTo(base[i], within(1e-12));
        assertThat(s.baseline()[i] + s.offset()[i]).isCloseTo(cf[i], within(1e-12));
      }
    }
    // Between the nodes the quadratic is far closer to the solution than the central one is.
    CpComparison unseen = at(model, Math.exp(0.12), center);
    CpStartPredictor.Start s = p.predict(new double[] {0.12});
    double fromPrediction = 0;
    double fromCenter = 0;
    for (int i = 0; i < s.baseline().length; i++) {
      fromPrediction = Math.max(fromPrediction, Math.abs(s.baseline()[i] - unseen.baseline().state()[i]));
      fromCenter = Math.max(fromCenter, Math.abs(center.baseline().state()[i] - unseen.baseline().state()[i]));
    }
    assertThat(fromPrediction).isLessThan(fromCenter / 20);
  }

  @Test
  void aPredictedStartEndsWhereAColdStartDoesInFewerPasses() {
    CpModel model = new CpModel(data());
    CpComparison center = at(model, 1, null);
    CpStartPredictor p = CpStartPredictor.fit(center, new double[] {-0.2}, new CpComparison[] {at(model,
        Math.exp(-0.2), center)}, new double[] {0.2}, new CpComparison[] {at(model, Math.exp(0.2), center)});
    double scale = 1.15;
    double[] theta = model.data().theta().clone();
    for (int s = 0; s < theta.length; s++) {
      theta[s] *= scale;
    }
    CpModel drawn = model.withTheta(theta);
    CpComparison cold = CaliendoParro.run(drawn, CaliendoParro.Deficits.ZERO, OPTIONS);
    CpComparison warm = CaliendoParro.run(drawn, CaliendoParro.Deficits.ZERO, OPTIONS,
        p.predict(new double[] {Math.log(scale)}), CpStartPredictor.of(center));
    for (int r = 0; r < model.data().n(); r++) {
      assertThat(warm.welfarePct(r)).isCloseTo(cold.welfarePct(r), within(1e-8));
      assertThat(warm.realWagePct(r)).isCloseTo(cold.realWagePct(r), within(1e-8));
    }
    int coldPasses = cold.baseline().diagnostics().iterations() + cold.counterfactual().diagnostics().iterations();
    int warmPasses = warm.baseline().diagnostics().iterations() + warm.counterfactual().diagnostics().iterations();
    assertThat(warmPasses).isLessThan(coldPasses / 2);
  }
}
