package org.ftasim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ftasim.sweep.RegressionIndices;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The standardised regression coefficients of one sweep outcome with their bootstrap intervals, at the demo's shape
 * (64 Latin-hypercube draws, 9 inputs, 100 resamples): the sweep's sensitivity step runs this once per outcome, some
 * 15,000 times in the demo. {@code oneOutcome} prepares the inputs' side of every resample for the one outcome;
 * {@code sharedDesign} is what each further outcome of the same draws costs, the design prepared once per task.
 * Run with {@code jobs/bench RegressionIndicesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class RegressionIndicesBenchmark {
  @Param({"64"})
  private int draws;
  @Param({"9"})
  private int inputs;
  @Param({"100"})
  private int resamples;

  private double[][] x;
  private double[] y;
  private RegressionIndices.Design design;

  /** A near-linear outcome with noise, as a sweep's welfare or output change is in its parameters. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom r = new SplittableRandom(20261202);
    x = new double[draws][inputs];
    y = new double[draws];
    for (int i = 0; i < draws; i++) {
      for (int k = 0; k < inputs; k++) {
        x[i][k] = r.nextDouble();
        y[i] += (k + 1) * x[i][k];
      }
      y[i] += 0.1 * r.nextGaussian();
    }
    design = RegressionIndices.Design.of(x, 7, resamples);
  }

  @Benchmark
  public RegressionIndices.Estimate oneOutcome() {
    return RegressionIndices.estimate(x, y, 7, resamples);
  }

  @Benchmark
  public RegressionIndices.Estimate sharedDesign() {
    return design.estimate(y);
  }
}
