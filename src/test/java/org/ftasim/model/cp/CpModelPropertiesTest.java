package org.ftasim.model.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.ftasim.model.ModelDataException;
import org.junit.jupiter.api.Test;

/** Properties of the CP model that hold for any data: checked on small random economies (seeded). */
public class CpModelPropertiesTest {

  /** A random but consistent economy: n regions, j sectors, last sector barely traded (services). */
  public static CpData economy(long seed, int n, int j) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> regions = java.util.stream.IntStream.range(0, n).mapToObj(i -> "R" + i).toList();
    List<String> sectors = java.util.stream.IntStream.range(0, j).mapToObj(i -> "S" + i).toList();
    double[] trade = new double[n * n * j];
    double[] tariff = new double[n * n * j];
    double[] ones = new double[n * n * j];
    java.util.Arrays.fill(ones, 1);
    CpData shape = new CpData(regions, sectors, trade, tariff, tariff, tariff, ones, ones, new double[n * j * j],
        new double[n * j], new double[n * j], new double[n], new double[j]);
    for (int s = 0; s < j; s++) {
      for (int m = 0; m < n; m++) {
        for (int i = 0; i < n; i++) {
          int p = shape.pair(s, m, i);
          boolean services = s == j - 1;
          trade[p] = i == m ? 50 + 50 * rnd.nextDouble() : (services ? 0.2 : 3 + 10 * rnd.nextDouble());
          tariff[p] = i == m ? 0 : 0.02 + 0.1 * rnd.nextDouble();
        }
      }
    }
    double[] io = new double[n * j * j];
    double[] va = new double[n * j];
    double[] fd = new double[n * j];
    for (int m = 0; m < n; m++) {
      for (int s = 0; s < j; s++) {
        va[shape.rs(m, s)] = 20 + 20 * rnd.nextDouble();
        fd[shape.rs(m, s)] = 10 + 30 * rnd.nextDouble();
        for (int k = 0; k < j; k++) {
          io[shape.io(m, k, s)] = 2 + 8 * rnd.nextDouble();
        }
      }
    }
    double[] theta = new double[j];
    for (int s = 0; s < j; s++) {
      theta[s] = 2 + 8 * rnd.nextDouble();
    }
    double[] deficit = new double[n];
    deficit[0] = 5;
    deficit[1] = -5;
    return new CpData(regions, sectors, trade, tariff, tariff.clone(), tariff.clone(), ones, ones.clone(), io, va,
        fd, deficit, theta);
  }

  @Test
  void noShockMeansNoChange() {
    CpData d = economy(1, 4, 3);
    CpComparison c = CaliendoParro.run(d, CaliendoParro.Deficits.KEEP, CpSolver.Options.defaults());
    for (int r = 0; r < d.n(); r++) {
      assertThat(c.welfarePct(r)).isCloseTo(0, within(1e-9));
      assertThat(c.realWagePct(r)).isCloseTo(0, within(1e-9));
      assertThat(c.realIncomePct(r)).isCloseTo(0, within(1e-9));
      for (int s = 0; s < d.j(); s++) {
        assertThat(c.outputPct(r, s)).isCloseTo(0, within(1e-9));
      }
    }
  }

  @Test
  void equilibriumConditionsHoldAtTheSolution() {
    CpData d = economy(2, 5, 4);
    double[] cut = d.tariffBaseline().clone();
    for (int s = 0; s < d.j(); s++) {
      cut[d.pair(s, 0, 1)] = 0;
      cut[d.pair(s, 1, 0)] = 0;
    }
    CpModel model = new CpModel(d);
    CpEquilibrium e = new CpSolver(model).solve(cut, d.icebergCounterfactual(), d.deficit());
    assertThat(e.diagnostics().converged()).isTrue();
    double world = 0;
    double worldBefore = 0;
    double grossOutput = 0;
    for (int r = 0; r < d.n(); r++) {
      for (int s = 0; s < d.j(); s++) {
        grossOutput += e.output(r, s);
      }
    }
    // the solver's tolerance (1e-8 on log unknowns) bounds every condition's error relative to the economy's size
    double tol = 1e-7 * grossOutput;
    for (int r = 0; r < d.n(); r++) {
      world += e.wage(r) * model.labourIncome(r);
      worldBefore += model.labourIncome(r);
      // trade balance: imports − exports = deficit (net of tariffs, domestic sales excluded)
      double imports = 0;
      double exports = 0;
      for (int s = 0; s < d.j(); s++) {
        for (int i = 0; i < d.n(); i++) {
          if (i != r) {
            imports += e.imports(s, r, i);
            exports += e.imports(s, i, r);
          }
        }
      }
      assertThat(imports - exports).as("trade balance of R" + r).isCloseTo(d.deficit()[r], within(tol));
      // the value of output equals what everyone spends on it
      for (int s = 0; s < d.j(); s++) {
        double sales = 0;
        for (int i = 0; i < d.n(); i++) {
          sales += e.imports(s, i, r);
        }
        assertThat(e.output(r, s)).isCloseTo(sales, within(1e-9 * sales));
      }
    }
    assertThat(world).isCloseTo(worldBefore, within(1e-7 * worldBefore));
  }

  @Test
  void aBilateralTariffCutRaisesBilateralTradeAndTheImportersVolumeOfTrade() {
    CpData d = economy(3, 4, 3);
    double[] cut = d.tariffBaseline().clone();
    for (int s = 0; s < d.j(); s++) {
      cut[d.pair(s, 2, 3)] = 0;
    }
    CpComparison c = CaliendoParro.run(d.withTariffs(d.tariffBaseline(), cut), CaliendoParro.Deficits.ZERO,
        CpSolver.Options.defaults());
    for (int s = 0; s < d.j() - 1; s++) {
      assertThat(c.counterfactual().imports(s, 2, 3)).isGreaterThan(c.baseline().imports(s, 2, 3));
    }
    assertThat(c.volumeOfTradePct(2)).isPositive();
    assertThat(c.tariffRevenuePct(2)).isNegative();
  }

  @Test
  void aFallInIcebergCostsIsATechnicalEfficiencyGainForTheImporter() {
    CpData d = economy(5, 4, 3);
    double[] dCfl = d.icebergCounterfactual().clone();
    for (int s = 0; s < d.j(); s++) {
      dCfl[d.pair(s, 1, 2)] = 0.9; // R1's imports from R2 become 10% cheaper to ship
    }
    CpData shocked = new CpData(d.regions(), d.sectors(), d.trade(), d.tariff(), d.tariffBaseline(),
        d.tariffCounterfactual(), d.icebergBaseline(), dCfl, d.intermediate(), d.valueAdded(), d.finalDemand(),
        d.deficit(), d.theta());
    CpComparison c = CaliendoParro.run(shocked, CaliendoParro.Deficits.ZERO, CpSolver.Options.defaults());
    assertThat(c.technicalEfficiencyPct(1)).isPositive();
    assertThat(c.technicalEfficiencyPct(0)).isZero();
    assertThat(c.welfarePct(1)).isPositive();
    assertThat(c.realIncomePct(1)).isPositive();
    for (int s = 0; s < d.j(); s++) {
      assertThat(c.counterfactual().imports(s, 1, 2)).isGreaterThan(c.baseline().imports(s, 1, 2));
    }
  }

  @Test
  void badDataIsNamed() {
    CpData d = economy(4, 3, 2);
    double[] theta = d.theta().clone();
    theta[1] = 0;
    assertThatThrownBy(() -> new CpModel(d.withTheta(theta)))
        .isInstanceOf(ModelDataException.class).hasMessageContaining("theta of sector S1 is 0.0");
    double[] t = d.tariffCounterfactual().clone();
    t[d.pair(1, 2, 0)] = Double.NaN;
    assertThatThrownBy(() -> new CpModel(d.withTariffs(d.tariffBaseline(), t)))
        .isInstanceOf(ModelDataException.class)
        .hasMessageContaining("tariff_cfl is NaN at sector S1, exporter R0, importer R2");
    double[] trade = d.trade().clone();
    trade[d.pair(0, 1, 2)] = -1;
    CpData neg = new CpData(d.regions(), d.sectors(), trade, d.tariff(), d.tariffBaseline(), d.tariffCounterfactual(),
        d.icebergBaseline(), d.icebergCounterfactual(), d.intermediate(), d.valueAdded(), d.finalDemand(),
        d.deficit(), d.theta());
    assertThatThrownBy(() -> new CpModel(neg)).hasMessageContaining("trade value is -1.0 at sector S0, exporter R2, importer R1");
    double[] def = {1, 1, 1};
    CpData unbalanced = new CpData(d.regions(), d.sectors(), d.trade(), d.tariff(), d.tariffBaseline(),
        d.tariffCounterfactual(), d.icebergBaseline(), d.icebergCounterfactual(), d.intermediate(), d.valueAdded(),
        d.finalDemand(), def, d.theta());
    assertThatThrownBy(() -> new CpModel(unbalanced)).hasMessageContaining("deficits sum to 3.0");
  }
}
