package org.ftasim.bench;

import java.util.concurrent.TimeUnit;
import org.ftasim.SharedData;
import org.ftasim.inputs.CpLayout;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpEquilibrium;
import org.ftasim.model.cp.CpModel;
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
 * One Caliendo–Parro equilibrium on the NAFTA data (31 regions × 40 sectors), single-threaded: the unit of work
 * of a sweep draw. Run with {@code jobs/bench CpSolveBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class CpSolveBenchmark {
  private CpData data;
  private CpModel model;
  private CpSolver solver;
  private double[] zero;

  @Setup(Level.Trial)
  public void load() {
    data = CpLayout.read(SharedData.root().resolve("cp2015-nafta"));
    model = new CpModel(data);
    solver = new CpSolver(model);
    zero = new double[data.n()];
  }

  /** The counterfactual equilibrium (NAFTA tariffs), zero deficits. */
  @Benchmark
  public CpEquilibrium oneEquilibrium() {
    return solver.solve(data.tariffCounterfactual(), data.icebergCounterfactual(), zero);
  }

  /** What solve-cp and a sweep draw do: calibrate, baseline and counterfactual equilibria, welfare decomposition. */
  @Benchmark
  public CpComparison baselineCounterfactualAndWelfare() {
    return CaliendoParro.run(data, CaliendoParro.Deficits.ZERO, CpSolver.Options.defaults());
  }
}
