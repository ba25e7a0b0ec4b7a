package org.ftasim.model.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ftasim.model.ModelDataException;
import org.junit.jupiter.api.Test;

/** Hand-computed SMART cases: a market with a preferred partner (100, tariff 10% → 0) and another (50, 10%). */
class SmartTest {
  private static final double E = 1e-9;

  private static Smart.Batch oneMarket(double sigma, double beta) {
    return new Smart.Batch(new int[] {0, 2}, new double[] {100, 50}, new double[] {0.10, 0.10},
        new double[] {0.0, 0.10}, new double[] {1.5}, new double[] {sigma}, new double[] {beta});
  }

  @Test
  void tradeCreationWithInfiniteExportSupply() {
    Smart.Result r = Smart.simulate(oneMarket(1.5, Double.POSITIVE_INFINITY));
    double x = 1 / 1.1 - 1; // −0.0909…
    assertThat(r.tradeCreation()[0]).isCloseTo(-1.5 * 100 * x, within(E)).isCloseTo(13.636363636, within(1e-8));
    assertThat(r.tradeCreation()[1]).isZero();
    assertThat(r.priceEffect()[0]).isCloseTo(0, within(E));
  }

  @Test
  void tradeDiversionIsTheTwoGroupFormulaAndSumsToZero() {
    Smart.Result r = Smart.simulate(oneMarket(1.5, Double.POSITIVE_INFINITY));
    double x = 1 / 1.1 - 1;
    double expected = 1.5 * -x * 100 * 50 / 150; // σ |π| M_p M_n / (M_p + M_n) = 4.5454…
    assertThat(r.tradeDiversion()[0]).isCloseTo(expected, within(E)).isCloseTo(4.545454545, within(1e-8));
    assertThat(r.tradeDiversion()[1]).isCloseTo(-expected, within(E));
  }

  @Test
  void finiteExportSupplyPassesThroughPartOfTheCutAndRaisesTheWorldPrice() {
    Smart.Result r = Smart.simulate(oneMarket(1.5, 2));
    double x = 1 / 1.1 - 1;
    double pi = x * 2 / 3.5;
    assertThat(r.tradeCreation()[0]).isCloseTo(-1.5 * 100 * pi, within(E)).isCloseTo(7.792207792, within(1e-8));
    // SMART's textbook form: TC = M ε dt/((1+t)(1 − ε/β)) with ε = −η
    assertThat(r.tradeCreation()[0]).isCloseTo(100 * -1.5 * x / (1 + 1.5 / 2), within(E));
    assertThat(r.priceEffect()[0]).isCloseTo(100 * (pi - x), within(E)).isCloseTo(3.896103896, within(1e-8));
  }

  @Test
  void revenueAndWelfare() {
    Smart.Result r = Smart.simulate(oneMarket(1.5, Double.POSITIVE_INFINITY));
    assertThat(r.revenueBefore()[0]).isCloseTo(15, within(E));
    double newOther = 50 - 4.545454545454546;
    assertThat(r.newImports()[1]).isCloseTo(newOther, within(1e-9));
    assertThat(r.revenueAfter()[0]).isCloseTo(0.10 * newOther, within(1e-9));
    assertThat(r.welfare()[0]).isCloseTo(0.5 * 0.10 * 13.636363636363637, within(1e-9));
  }

  @Test
  void diversionIsCappedByExistingTradeAndStillSumsToZero() {
    Smart.Result r = Smart.simulate(oneMarket(50, Double.POSITIVE_INFINITY));
    assertThat(r.tradeDiversion()[1]).isEqualTo(-50);
    assertThat(r.tradeDiversion()[0]).isCloseTo(50, within(E));
  }

  @Test
  void manyRandomMarketsAtOnceDiversionSumsToZeroInEach() {
    SplittableRandom rnd = new SplittableRandom(7);
    int markets = 2000;
    int[] start = new int[markets + 1];
    for (int m = 0; m < markets; m++) {
      start[m + 1] = start[m] + 1 + rnd.nextInt(12);
    }
    int rows = start[markets];
    double[] imp = new double[rows];
    double[] t0 = new double[rows];
    double[] t1 = new double[rows];
    for (int r = 0; r < rows; r++) {
      imp[r] = rnd.nextDouble() < 0.2 ? 0 : rnd.nextDouble() * 1000;
      t0[r] = rnd.nextDouble() * 0.3;
      t1[r] = rnd.nextBoolean() ? 0 : t0[r];
    }
    double[] eta = new double[markets];
    double[] sigma = new double[markets];
    double[] beta = new double[markets];
    for (int m = 0; m < markets; m++) {
      eta[m] = 0.2 + 3 * rnd.nextDouble();
      sigma[m] = 10 * rnd.nextDouble();
      beta[m] = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : 0.5 + 100 * rnd.nextDouble();
    }
    Smart.Result r = Smart.simulate(new Smart.Batch(start, imp, t0, t1, eta, sigma, beta));
    for (int m = 0; m < markets; m++) {
      double sum = 0;
      double scale = 0;
      for (int k = start[m]; k < start[m + 1]; k++) {
        sum += r.tradeDiversion()[k];
        scale += imp[k];
        assertThat(r.tradeDiversion()[k]).isGreaterThanOrEqualTo(-imp[k]);
        assertThat(r.tradeCreation()[k]).isGreaterThanOrEqualTo(0); // tariffs only fall here
      }
      assertThat(sum).isCloseTo(0, within(1e-9 * Math.max(scale, 1)));
    }
  }

  @Test
  void badElasticitiesAreNamed() {
    assertThatThrownBy(() -> new Smart.Batch(new int[] {0, 1}, new double[] {1}, new double[] {0}, new double[] {0},
        new double[] {0}, new double[] {1.5}, new double[] {99}))
        .isInstanceOf(ModelDataException.class).hasMessageContaining("import-demand elasticity 0.0");
  }
}
