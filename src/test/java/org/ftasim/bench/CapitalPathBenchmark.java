package org.ftasim.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.ftasim.model.cp.Capital;
import org.ftasim.model.cp.CapitalPath;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpEquilibrium;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpModelPropertiesTest;
import org.ftasim.model.cp.CpSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 15-year phase-in on a 24-region × 21-sector economy (the shape of the demo's model before ICIO), capital a third
 * of value added: the agreement cuts the R0–R1 tariffs in ten equal steps, then holds them at 0. The static path
 * solves each year's baseline and scenario with capital fixed; the recursive path the same 30 equilibria with the
 * stock accumulated year to year (δ = 0.06). Single-threaded, each year warm-started as a sweep draw does. Run with
 * {@code jobs/bench CapitalPathBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class CapitalPathBenchmark {
  private static final int YEARS = 15;
  private CpSolver solver;
  private double[][] baseline;
  private double[][] scenario;
  private double[][] iceberg;
  private double[] deficit;
  private int regions;

  @Setup(Level.Trial)
  public void build() {
    CpData data = CpModelPropertiesTest.economy(7, 24, 21);
    regions = data.n();
    double[] shares = new double[data.n() * data.j()];
    Arrays.fill(shares, 1.0 / 3);
    solver = new CpSolver(new CpModel(data, shares), CpSolver.Options.defaults());
    double[] ones = new double[data.n() * data.n() * data.j()];
    Arrays.fill(ones, 1.0);
    baseline = new double[YEARS][];
    scenario = new double[YEARS][];
    iceberg = new double[YEARS][];
    for (int y = 0; y < YEARS; y++) {
      baseline[y] = data.tariff();
      iceberg[y] = ones;
      double keep = Math.max(0, 1 - (y + 1) / 10.0);
      scenario[y] = data.tariff().clone();
      for (int s = 0; s < data.j(); s++) {
        scenario[y][data.pair(s, 0, 1)] *= keep;
        scenario[y][data.pair(s, 1, 0)] *= keep;
      }
    }
    deficit = new double[data.n()];
  }

  @Benchmark
  public CpEquilibrium staticPath() {
    CpEquilibrium base = null;
    CpEquilibrium cf = null;
    for (int y = 0; y < YEARS; y++) {
      base = solver.solve(baseline[y], iceberg[y], deficit, Capital.fixed(regions), base);
      cf = solver.solve(scenario[y], iceberg[y], deficit, Capital.fixed(regions), base);
    }
    return cf;
  }

  @Benchmark
  public CpEquilibrium[] recursivePath() {
    double[] k0 = Capital.fixed(regions).stock();
    CpEquilibrium[] base = CapitalPath.solve(solver, baseline, iceberg, deficit, 0.06, k0, null);
    return CapitalPath.solve(solver, scenario, iceberg, deficit, 0.06, k0, base);
  }
}
