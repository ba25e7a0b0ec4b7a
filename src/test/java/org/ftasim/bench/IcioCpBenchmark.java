package org.ftasim.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ftasim.sector.IndustryMap;
import org.ftasim.inputs.IcioTable;
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
 * One Caliendo–Parro equilibrium at the OECD ICIO's size: the full-scale sample's ICIO table (77 countries × 45
 * industries, {@code generate-sample --scale full}) read with every country a region and every industry a sector,
 * single-threaded. The shock: every international goods flow pays 8% at baseline, Korea–Japan trade 0% in the
 * counterfactual. The table's path comes from the system property {@code ftasim.icio} ({@code jobs/bench-icio}
 * sets it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class IcioCpBenchmark {
  private CpData data;
  private CpSolver solver;
  private double[] zero;

  @Setup(Level.Trial)
  public void load() throws IOException {
    String file = System.getProperty("ftasim.icio");
    if (file == null) {
      throw new IllegalStateException("set -Dftasim.icio=<the full sample's icio/2022.csv> (jobs/bench-icio does)");
    }
    data = shocked(read(Path.of(file)));
    solver = new CpSolver(new CpModel(data));
    zero = new double[data.n()];
  }

  /** The table with every industry its own sector, every country its own region. */
  static CpData read(Path file) throws IOException {
    IndustryMap bundled = IndustryMap.bundled();
    StringBuilder map = new StringBuilder("icio2023,icio2021,sector,theta\n");
    for (String industry : bundled.industries()) {
      map.append(industry).append(",,").append(industry).append(',')
          .append(bundled.theta(bundled.sectorOf(industry))).append('\n');
    }
    IndustryMap identity = IndustryMap.read(new ByteArrayInputStream(map.toString().getBytes(StandardCharsets.UTF_8)),
        "one sector per industry");
    try (BufferedReader in = Files.newBufferedReader(file)) {
      return IcioTable.read(in, file.toString(), identity, List.of(), "ROW", 1e-9).data();
    }
  }

  static CpData shocked(CpData d) {
    double[] base = new double[d.trade().length];
    double[] cfl = new double[d.trade().length];
    int kor = d.regions().indexOf("KOR");
    int jpn = d.regions().indexOf("JPN");
    for (int s = 0; s < d.j(); s++) {
      boolean goods = d.sectors().get(s).matches("[ABC].*");
      for (int m = 0; m < d.n(); m++) {
        for (int i = 0; i < d.n(); i++) {
          int p = d.pair(s, m, i);
          base[p] = goods && m != i ? 0.08 : 0;
          boolean pair = (m == kor && i == jpn) || (m == jpn && i == kor);
          cfl[p] = pair ? 0 : base[p];
        }
      }
    }
    return new CpData(d.regions(), d.sectors(), d.trade(), base, base, cfl, d.icebergBaseline(),
        d.icebergCounterfactual(), d.intermediate(), d.valueAdded(), d.finalDemand(), d.deficit(), d.theta());
  }

  /** The counterfactual equilibrium at 77 × 45, zero deficits. */
  @Benchmark
  public CpEquilibrium oneEquilibrium() {
    return solver.solve(data.tariffCounterfactual(), data.icebergCounterfactual(), zero);
  }
}
