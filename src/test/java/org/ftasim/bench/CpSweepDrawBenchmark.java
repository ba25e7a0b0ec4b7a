package org.ftasim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ftasim.SharedData;
import org.ftasim.inputs.CpLayout;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpSolver;
import org.ftasim.sweep.CpSweep;
import org.ftasim.sweep.Distribution;
import org.ftasim.sweep.Parameter;
import org.ftasim.sweep.SweepModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One sweep draw of the CP model on CP2015 data (θ scaled), warm-started from the central solution as sweeps do. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class CpSweepDrawBenchmark {
  @Param({"0.8", "1.25"})
  public double scale;

  @Param({"5"})
  public int memory;

  private SweepModel model;
  private List<Parameter> params;

  @Setup
  public void setup() {
    CpData data = CpLayout.read(SharedData.root().resolve("cp2015-nafta"));
    model = new CpSweep(data, CaliendoParro.Deficits.ZERO, List.of("Canada", "Mexico", "USA"), false,
        new CpSolver.Options(CpSolver.Options.defaults().tolerance(), 5000, memory, 1.0,
            CpSolver.Options.defaults().wageStep())).build();
    params = List.of(new Parameter("theta.scale", Distribution.uniform(0.5, 2), null));
  }

  @Benchmark
  public SweepModel.Evaluation draw() {
    return model.evaluate(params, new double[] {scale});
  }
}
