package org.ftasim.jobs;

import org.ftasim.table.Csv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.FtasimConfig;
import org.ftasim.config.UserException;
import org.ftasim.inputs.CpLayout;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpSolver;
import org.ftasim.table.TextFiles;

/**
 * {@code ftasim solve-cp --data DIR [--deficits zero|keep] [--out DIR]}: the Caliendo–Parro model on a folder in
 * the CP2015 replication layout (see {@link CpLayout}). Writes {@code regions.csv} and
 * {@code region_sectors.csv} to the output folder and prints the per-region table on stderr.
 */
public final class SolveCpJob {
  public static final JobSpec SPEC = new JobSpec("solve-cp",
      "Caliendo-Parro multi-sector GE on your own data (CP2015 layout), CSV results",
      Map.of("--data", "folder with trade.csv, intermediate_consumption.csv, final_consumption.csv, value_added.csv,"
              + " deficit.csv, theta.csv",
          "--deficits", "zero (the paper's zero-deficit baseline, default) or keep (the data's deficits)",
          "--out", "folder for regions.csv and region_sectors.csv (default ./solve-cp-results)"),
      Set.of(), Map.of(), null, true, false);

  private SolveCpJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, SolveCpJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    Path dataDir = new TextFiles(spark.sparkContext().hadoopConfiguration()).local(ctx.args().required("--data"));
    String mode = ctx.args().value("--deficits").orElse("zero");
    if (!mode.equals("zero") && !mode.equals("keep")) {
      throw new UserException("--deficits '" + mode + "' is not allowed; use zero or keep");
    }
    Path out = Path.of(ctx.args().value("--out").orElse("solve-cp-results"));
    CpData data = CpLayout.read(dataDir);
    for (String note : new CpModel(data).notes()) {
      ctx.err().println("ftasim solve-cp: note: " + note);
    }
    CpComparison c = CaliendoParro.run(data, CaliendoParro.Deficits.parse(mode), options(ctx.config()));
    check("baseline", c.baseline().diagnostics());
    check("counterfactual", c.counterfactual().diagnostics());

    Files.createDirectories(out);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("regions.csv"), StandardCharsets.UTF_8))) {
      w.println("region,welfare_pct,tot_pct,vot_pct,tech_pct,real_wage_pct,real_income_pct,tariff_revenue_pct");
      for (int r = 0; r < data.n(); r++) {
        w.println(String.join(",", Csv.field(data.regions().get(r)), Csv.number(c.welfarePct(r)), Csv.number(c.termsOfTradePct(r)),
            Csv.number(c.volumeOfTradePct(r)), Csv.number(c.technicalEfficiencyPct(r)), Csv.number(c.realWagePct(r)),
            Csv.number(c.realIncomePct(r)), Csv.number(c.tariffRevenuePct(r))));
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("region_sectors.csv"),
        StandardCharsets.UTF_8))) {
      w.println("region,sector,output_pct,real_output_pct,exports_pct,imports_pct");
      for (int r = 0; r < data.n(); r++) {
        for (int s = 0; s < data.j(); s++) {
          w.println(String.join(",", Csv.field(data.regions().get(r)), Csv.field(data.sectors().get(s)),
              Csv.number(c.outputPct(r, s)), Csv.number(c.realOutputPct(r, s)), Csv.number(c.exportsPct(r, s)), Csv.number(c.importsPct(r, s))));
        }
      }
    }
    ctx.err().printf("ftasim solve-cp: %d regions x %d sectors, deficits %s; results in %s%n", data.n(), data.j(),
        mode, out.toAbsolutePath());
    ctx.err().printf("%-14s %9s %9s %9s %9s %10s %12s%n", "region", "welfare%", "ToT%", "VoT%", "tech%",
        "realwage%", "realincome%");
    for (int r = 0; r < data.n(); r++) {
      ctx.err().printf(Locale.ROOT, "%-14s %9.3f %9.3f %9.3f %9.3f %10.3f %12.3f%n", data.regions().get(r),
          c.welfarePct(r), c.termsOfTradePct(r), c.volumeOfTradePct(r), c.technicalEfficiencyPct(r),
          c.realWagePct(r), c.realIncomePct(r));
    }
    return new JobResult().count("regions", data.n()).count("sectors", data.j())
        .count("iterations_baseline", c.baseline().diagnostics().iterations())
        .count("iterations_counterfactual", c.counterfactual().diagnostics().iterations());
  }

  static CpSolver.Options options(FtasimConfig config) {
    FtasimConfig.Solver s = config.solver();
    return new CpSolver.Options(s.tolerance(), s.maxIterations(), s.memory(), 1.0, s.wageStep());
  }

  private static void check(String which, Diagnostics d) {
    if (!d.converged()) {
      throw new IllegalStateException("the " + which + " equilibrium did not converge: residual " + d.residual()
          + " after " + d.iterations() + " iterations (solver.tolerance, solver.max_iterations, solver.memory and"
          + " solver.wage_step tune the solver; a smaller solver.wage_step is slower but more robust)");
    }
  }
}
