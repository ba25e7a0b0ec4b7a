package org.ftasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine-free sweep core: designs, distributions and Sobol indices, without Spark. */
class SweepCoreTest {
  static final List<Parameter> ISHIGAMI = List.of(
      new Parameter("x1", Distribution.uniform(-Math.PI, Math.PI), null),
      new Parameter("x2", Distribution.uniform(-Math.PI, Math.PI), null),
      new Parameter("x3", Distribution.uniform(-Math.PI, Math.PI), null));

  /** Sample size stated for the check: n = 4096 base points (4096 × 5 = 20,480 model runs). */
  @Test
  void saltelliRecoversTheIshigamiIndicesWithin002() {
    Ishigami f = new Ishigami(7, 0.1);
    SweepDesign design = new SweepDesign(SweepDesign.Kind.SALTELLI, ISHIGAMI, 42, 4096);
    int n = design.basePoints();
    double[] fa = new double[n];
    double[] fb = new double[n];
    double[][] fab = new double[3][n];
    for (long draw = 0; draw < design.drawCount(); draw++) {
      double y = f.evaluate(ISHIGAMI, design.values(draw)).outcomes().get(0).value();
      int block = design.saltelliBlock(draw);
      int j = design.saltelliPoint(draw);
      if (block == 0) {
        fa[j] = y;
      } else if (block == 1) {
        fb[j] = y;
      } else {
        fab[block - 2][j] = y;
      }
    }
    SobolIndices.Estimate e = SobolIndices.estimate(fa, fb, fab, 1, 200);
    double[][] exact = f.analyticIndices();
    assertThat(exact[0][0]).isCloseTo(0.3139, within(1e-4));
    assertThat(exact[1][2]).isCloseTo(0.2437, within(1e-4));
    for (int k = 0; k < 3; k++) {
      assertThat(e.first()[k]).as("S" + (k + 1)).isCloseTo(exact[0][k], within(0.02));
      assertThat(e.total()[k]).as("ST" + (k + 1)).isCloseTo(exact[1][k], within(0.02));
      assertThat(e.firstLow()[k]).isLessThanOrEqualTo(e.first()[k]);
      assertThat(e.firstHigh()[k]).isGreaterThanOrEqualTo(e.first()[k]);
    }
  }

  @Test
  void drawsArePureFunctionsOfSeedAndDrawId() {
    for (SweepDesign.Kind kind : SweepDesign.Kind.values()) {
      SweepDesign a = new SweepDesign(kind, ISHIGAMI, 7, 64);
      SweepDesign b = new SweepDesign(kind, ISHIGAMI, 7, 64);
      for (long d = a.drawCount() - 1; d >= 0; d -= 3) { // other order, other instance
        assertThat(b.values(d)).as(kind + " draw " + d).containsExactly(a.values(d));
      }
    }
    assertThat(new SweepDesign(SweepDesign.Kind.MONTE_CARLO, ISHIGAMI, 8, 64).values(5))
        .isNotEqualTo(new SweepDesign(SweepDesign.Kind.MONTE_CARLO, ISHIGAMI, 7, 64).values(5));
  }

  @Test
  void latinHypercubeVisitsEveryStratumOnce() {
    int n = 50;
    SweepDesign lhs = new SweepDesign(SweepDesign.Kind.LATIN_HYPERCUBE,
        List.of(new Parameter("a", Distribution.uniform(0, 1), null), new Parameter("b", Distribution.uniform(0, 1), null)),
        3, n);
    for (int k = 0; k < 2; k++) {
      boolean[] seen = new boolean[n];
      for (int d = 0; d < n; d++) {
        int stratum = (int) (lhs.values(d)[k] * n);
        assertThat(seen[stratum]).isFalse();
        seen[stratum] = true;
      }
    }
  }

  @Test
  void quadratureReproducesMeansAndVariances() {
    List<Parameter> ps = List.of(new Parameter("a", Distribution.normal(5, 2), null),
        new Parameter("b", Distribution.uniform(1, 3), null),
        new Parameter("c", new Distribution(Distribution.Kind.TRIANGULAR, 0, 1, 4, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY), null));
    SweepDesign q = new SweepDesign(SweepDesign.Kind.QUADRATURE, ps, 0, 0);
    assertThat(q.drawCount()).isEqualTo(6);
    for (int p = 0; p < 3; p++) {
      double m = 0;
      double v = 0;
      for (int d = 0; d < 6; d++) {
        m += q.values(d)[p] / 6;
      }
      for (int d = 0; d < 6; d++) {
        v += Math.pow(q.values(d)[p] - m, 2) / 6;
      }
      Distribution dist = ps.get(p).distribution();
      assertThat(m).isCloseTo(dist.mean(), within(1e-12));
      assertThat(Math.sqrt(v)).isCloseTo(dist.sd(), within(1e-12));
    }
  }

  /** Truncated distributions report the moments they are sampled with, checked against the density integrated. */
  @Test
  void truncatedDistributionsHaveTheirTruncatedMoments() {
    Distribution[] ds = {Distribution.normal(4, 3).truncated(0.5, Double.POSITIVE_INFINITY),
        new Distribution(Distribution.Kind.LOGNORMAL, 4, 0.5, 0, 1, 6),
        Distribution.uniform(0, 10).truncated(2, 5),
        new Distribution(Distribution.Kind.TRIANGULAR, 0, 1, 4, 0.5, 3)};
    for (Distribution d : ds) {
      // E[X] and sd over the sampled values: u on a fine midpoint grid through the quantile function
      int n = 2_000_000;
      double m = 0;
      double m2 = 0;
      for (int i = 0; i < n; i++) {
        double x = d.quantile((i + 0.5) / n);
        m += x / n;
        m2 += x * x / n;
      }
      assertThat(d.mean()).as(d.kind() + " mean").isCloseTo(m, within(2e-4));
      assertThat(d.sd()).as(d.kind() + " sd").isCloseTo(Math.sqrt(m2 - m * m), within(2e-4));
    }
    Distribution full = Distribution.normal(4, 3);
    assertThat(ds[0].mean()).isGreaterThan(full.mean());
    assertThat(ds[0].sd()).isLessThan(full.sd());
  }

  @Test
  void groupsMoveTogetherAndTruncationHolds() {
    Distribution theta = Distribution.normal(4, 3).truncated(0.5, Double.POSITIVE_INFINITY);
    List<Parameter> ps = List.of(new Parameter("theta.A", theta, "theta"), new Parameter("theta.B", theta, "theta"));
    SweepDesign mc = new SweepDesign(SweepDesign.Kind.MONTE_CARLO, ps, 1, 500);
    assertThat(mc.dimensions()).containsExactly("theta");
    for (int d = 0; d < 500; d++) {
      double[] v = mc.values(d);
      assertThat(v[0]).isEqualTo(v[1]).isGreaterThanOrEqualTo(0.5);
    }
  }

  @Test
  void oatMovesOneDimensionAtATime() {
    SweepDesign oat = new SweepDesign(SweepDesign.Kind.OAT, ISHIGAMI, 0, 0);
    assertThat(oat.drawCount()).isEqualTo(7);
    assertThat(oat.values(0)).containsExactly(0, 0, 0);
    assertThat(oat.values(3)[1]).isCloseTo(-0.9 * Math.PI, within(1e-9));
    assertThat(oat.values(3)[0]).isCloseTo(0, within(1e-12));
  }
}
