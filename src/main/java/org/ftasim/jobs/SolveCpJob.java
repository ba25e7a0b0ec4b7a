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
import org.ftasim.inputs.CpLayout;
import org.ftasim.model.Diagnostics;
import java.util.Arrays;
import java.util.List;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.Capital;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpSolver;
import org.ftasim.table.TextFiles;

/**
 * {@code ftasim solve-cp --data DIR [--deficits zero|keep] [--closure fixed|steady_state|recursive] [--capital-share S
 * | --capital-shares FILE] [--depreciation D] [--years N] [--out DIR]}: the Caliendo–Parro model on a folder in the
 * CP2015 replication layout (see {@link CpLayout}), with capital in value added if asked. Writes {@code regions.csv}
 * (the long run of a recursive path) and {@code region_sectors.csv}, and for the recursive closure
 * {@code region_years.csv}, to the output folder, and prints the per-region table on stderr.
 */
public final class SolveCpJob {
  public static final JobSpec SPEC = new JobSpec("solve-cp",
      "Caliendo-Parro multi-sector GE on your own data (CP2015 layout), CSV results",
      options(), Set.of(), Map.of(), null, true, false);

  private static Map<String, String> options() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("--data", "folder with trade.csv, intermediate_consumption.csv, final_consumption.csv, value_added.csv,"
        + " deficit.csv, theta.csv");
    m.put("--deficits", "zero (the paper's zero-deficit baseline, default) or keep (the data's deficits)");
    m.put("--closure", "capital: fixed (the short run, default), steady_state (capital adjusts until its rental rate"
        + " over the investment price is back at baseline) or recursive (accumulated year by year)");
    m.put("--capital-share", "capital's share of value added in every region and sector (default 0: labour only)");
    m.put("--capital-shares", "CSV file sector,region,value of capital shares (ALL for every sector or region)");
    m.put("--depreciation", "depreciation rate of the recursive closure, a year (default 0.06)");
    m.put("--years", "years of the recursive path (default 15)");
    m.put("--out", "folder for regions.csv and region_sectors.csv (default ./solve-cp-results)");
    return m;
  }

  private SolveCpJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, SolveCpJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    TextFiles files = new TextFiles(spark.sparkContext().hadoopConfiguration());
    Path dataDir = files.local(ctx.args().required("--data"), "--data");
    String mode = ctx.args().value("--deficits").orElse("zero");
    if (!mode.equals("zero") && !mode.equals("keep")) {
      throw JobErrors.badCpDeficits(mode);
    }
    String closureName = ctx.args().value("--closure").orElse("fixed");
    if (!List.of("fixed", "steady_state", "recursive").contains(closureName)) {
      throw JobErrors.badClosure(closureName);
    }
    Capital.Closure closure = Capital.Closure.parse(closureName);
    double depreciation = number("--depreciation", ctx.args().value("--depreciation").orElse("0.06"), 0, 1, false);
    int years = ctx.args().value("--years").map(v -> GenerateSampleJob.positive("--years", v)).orElse(15);
    Path out = Path.of(ctx.args().value("--out").orElse("solve-cp-results"));
    CpData data = CpLayout.read(dataDir);
    double[] shares = new double[data.n() * data.j()];
    if (ctx.args().value("--capital-shares").isPresent()) {
      if (ctx.args().value("--capital-share").isPresent()) {
        throw JobErrors.capitalSharesTwice();
      }
      shares = CpLayout.capitalShares(files.local(ctx.args().value("--capital-shares").get(), "--capital-shares"),
          data);
    } else {
      Arrays.fill(shares, number("--capital-share", ctx.args().value("--capital-share").orElse("0"), 0, 1, true));
    }
    CpModel model = new CpModel(data, shares);
    for (String note : model.notes()) {
      ctx.err().println("ftasim solve-cp: note: " + note);
    }
    CpComparison[] path = CaliendoParro.run(model, CaliendoParro.Deficits.parse(mode), options(ctx.config()),
        closure, depreciation, years);
    int iterations = 0;
    for (CpComparison c : path) {
      check("baseline", c.baseline().diagnostics());
      check("counterfactual", c.counterfactual().diagnostics());
      iterations += c.baseline().diagnostics().iterations() + c.counterfactual().diagnostics().iterations();
    }
    CpComparison c = path[path.length - 1];

    Files.createDirectories(out);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("regions.csv"), StandardCharsets.UTF_8))) {
      w.println(REGION_HEADER);
      for (int r = 0; r < data.n(); r++) {
        w.println(regionLine(data, c, r));
      }
    }
    if (closure == Capital.Closure.RECURSIVE) {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("region_years.csv"),
          StandardCharsets.UTF_8))) {
        w.println("year," + REGION_HEADER);
        for (int t = 0; t < path.length; t++) {
          for (int r = 0; r < data.n(); r++) {
            w.println((t + 1) + "," + regionLine(data, path[t], r));
          }
        }
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("region_sectors.csv"),
        StandardCharsets.UTF_8))) {
      w.println("region,sector,output_pct,real_output_pct,exports_pct,imports_pct");
      for (int r = 0; r < data.n(); r++) {
        for (int s = 0; s < data.j(); s++) {
          w.println(String.join(",", Csv.field(data.regions().get(r)), Csv.field(data.sectors().get(s)),
              Csv.number(c.outputPct(r, s)), Csv.number(c.realOutputPct(r, s)), Csv.number(c.exportsPct(r, s)),
                  Csv.number(c.importsPct(r, s))));
        }
      }
    }
    ctx.err().printf("ftasim solve-cp: %d regions x %d sectors, deficits %s, capital %s%s; results in %s%n", data.n(),
        data.j(), mode, closureName, closure == Capital.Closure.RECURSIVE ? " (year " + years + " of the path)" : "",
        out.toAbsolutePath());
    ctx.err().printf("%-14s %9s %9s %9s %9s %9s %10s %12s %9s%n", "region", "welfare%", "ToT%", "VoT%", "tech%",
        "capital%", "realwage%", "realincome%", "realGDP%");
    for (int r = 0; r < data.n(); r++) {
      ctx.err().printf(Locale.ROOT, "%-14s %9.3f %9.3f %9.3f %9.3f %9.3f %10.3f %12.3f %9.3f%n", data.regions().get(r),
          c.welfarePct(r), c.termsOfTradePct(r), c.volumeOfTradePct(r), c.technicalEfficiencyPct(r),
          c.capitalAccumulationPct(r), c.realWagePct(r), c.realIncomePct(r), c.realGdpPct(r));
    }
    return new JobResult().count("regions", data.n()).count("sectors", data.j()).count("years", path.length)
        .count("iterations", iterations);
  }

  private static final String REGION_HEADER = "region,welfare_pct,tot_pct,vot_pct,tech_pct,capital_pct,real_wage_pct,"
      + "real_income_pct,tariff_revenue_pct,real_gdp_pct,ev_pct,capital_stock_pct,rental_rate_pct,investment_pct";

  private static String regionLine(CpData data, CpComparison c, int r) {
    return String.join(",", Csv.field(data.regions().get(r)), Csv.number(c.welfarePct(r)),
        Csv.number(c.termsOfTradePct(r)), Csv.number(c.volumeOfTradePct(r)), Csv.number(c.technicalEfficiencyPct(r)),
        Csv.number(c.capitalAccumulationPct(r)), Csv.number(c.realWagePct(r)), Csv.number(c.realIncomePct(r)),
        Csv.number(c.tariffRevenuePct(r)), Csv.number(c.realGdpPct(r)), Csv.number(c.evPct(r)),
        Csv.number(c.capitalStockPct(r)), Csv.number(c.rentalRatePct(r)), Csv.number(c.investmentPct(r)));
  }

  /** A number in [low, high) for a share, in (low, high] otherwise (δ). */
  private static double number(String option, String text, double low, double high, boolean share) {
    double v;
    try {
      v = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    boolean ok = share ? v >= low && v < high : v > low && v <= high;
    if (!ok) {
      throw JobErrors.badRate(option, text, share ? "at least " + low + " and below " + high + " (0.33 = a third of"
          + " value added)" : "above " + low + " and at most " + high + " (0.06 = 6% of the stock a year)");
    }
    return v;
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
