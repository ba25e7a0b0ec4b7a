package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.estimate.spark.GravityPanel;
import org.ftasim.estimate.spark.GravitySample;
import org.ftasim.model.ppml.Formula;
import org.ftasim.model.ppml.PanelBlock;
import org.ftasim.model.ppml.PpmlHdfe;
import org.ftasim.model.ppml.PpmlKernels;
import org.ftasim.table.Csv;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * {@code ftasim estimate-gravity --data FILE --formula "trade ~ rta | exporter^year + importer^year + pair"}: PPML
 * with high-dimensional fixed effects on Spark ({@link PpmlHdfe}); writes {@code gravity_estimates} and
 * {@code gravity_fixed_effects}, and with {@code --out} the estimates as CSV.
 */
public final class EstimateGravityJob {
  static final int DEFAULT_BLOCKS = 16;
  static final long DRIVER_PASSES_UP_TO = 1_000_000;

  public static final JobSpec SPEC = new JobSpec("estimate-gravity",
      "PPML gravity estimation with high-dimensional fixed effects (IRLS + alternating projections)",
      JobSpec.ordered("--data", "gravity panel: CSV with a header, or Parquet (a path ending .parquet); any Hadoop URI",
          "--formula", "fixest-style: \"trade ~ rta + ln_dist | exporter^year + importer^year + pair\"",
          "--years", "years to keep (column year), comma-separated: 1986,1990,1994",
          "--year", "one year to keep (column year)",
          "--where", "Spark SQL filter on the rows, e.g. \"exporter != importer\"",
          "--with", "derived column NAME=SQL expression, repeatable; e.g. \"pair=if(exporter = importer, 'intra', "
              + "pair_id)\"",
          "--cluster", "cluster standard errors by a column or interaction (e.g. pair); robust (HC0) by default",
          "--domestic", "with --flows: domestic flows CSV (exporter, year, trade; USD like trade_flows)",
          "--out", "also write the estimates as CSV: term, estimate, std_error, n_obs",
          "--max-iterations", "IRLS iterations before giving up (default 100)",
          "--blocks", "blocks the panel is cut into (default 16); the same blocks give the same numbers bit for "
              + "bit",
          "--passes", "where the estimator's data passes run: spark (executors), driver, or auto (default: driver "
              + "up to " + DRIVER_PASSES_UP_TO + " observations, where a Spark job costs more than the pass)"),
      Set.of("--with"), Map.of("--flows", "take the flows from table trade_flows (USD, summed over HS6) on the rows "
          + "of --data, domestic ones from --domestic, 0 where there is none"), null, true, false);

  private EstimateGravityJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, EstimateGravityJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    Invocation a = ctx.args();
    Formula formula = Formula.parse(a.required("--formula"));
    List<Integer> years = years(a);
    List<String> cluster = a.value("--cluster").map(c -> List.of(c.trim().split("\\s*\\^\\s*"))).orElse(null);
    int maxIterations = positive("--max-iterations", a.value("--max-iterations").orElse("100"));
    int blocks = positive("--blocks", a.value("--blocks").orElse(String.valueOf(DEFAULT_BLOCKS)));
    String source = a.required("--data");
    Dataset<Row> raw = readCsv(spark, source);
    if (a.flag("--flows")) {
      raw = flowsOnGrid(spark, ctx, raw, source);
    } else if (a.value("--domestic").isPresent()) {
      throw JobErrors.domesticNeedsFlows();
    }
    Dataset<Row> data = GravitySample.select(raw, source, formula, cluster, a.all("--with"), years,
        a.value("--where").orElse(null));

    String where = a.value("--passes").orElse("auto");
    if (!List.of("auto", "spark", "driver").contains(where)) {
      throw JobErrors.badPasses(where);
    }
    long t0 = System.nanoTime();
    GravityPanel panel = GravityPanel.build(data, formula, cluster, blocks);
    boolean onDriver = where.equals("driver") || where.equals("auto") && panel.observations() <= DRIVER_PASSES_UP_TO;
    PpmlHdfe.Passes passes = onDriver ? panel.driverPasses() : panel.sparkPasses();
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    PpmlHdfe.Result fit;
    long t1 = System.nanoTime();
    try {
      fit = PpmlHdfe.fit(passes, formula, panel.levels(), PpmlHdfe.Options.defaults()
          .withMaxIterations(maxIterations).withVcov(panel.vcov(), panel.clusterLevels()));
    } catch (RuntimeException e) {
      panel.release();
      throw e;
    }
    double fitSeconds = (System.nanoTime() - t1) / 1e9;
    String vcov = panel.clusterTerm() == null ? "robust" : "cluster:" + panel.clusterTerm();

    writeEstimates(spark, ctx, formula, fit, vcov);
    long effects = writeFixedEffects(spark, ctx, panel, fit);
    panel.release();
    a.value("--out").ifPresent(out -> writeCsv(Path.of(out), formula, fit));
    report(ctx, formula, fit, vcov, panel, buildSeconds, fitSeconds, onDriver);
    return new JobResult().count("n_obs", fit.nObs()).count("n_dropped_separated", fit.separated())
        .count("n_dropped_singleton", fit.singletons()).count("iterations", fit.iterations())
        .count("passes", fit.passes()).count("fixed_effects", effects)
        .table(Tables.GRAVITY_ESTIMATES.name()).table(Tables.GRAVITY_FIXED_EFFECTS.name());
  }

  /** The --data rows with their flows from trade_flows and --domestic; reports where the flows came from. */
  private static Dataset<Row> flowsOnGrid(SparkSession spark, JobContext ctx, Dataset<Row> grid, String source) {
    for (String c : List.of("exporter", "importer", "year")) {
      if (!List.of(grid.columns()).contains(c)) {
        throw JobErrors.flowsPanelMissing(source, c);
      }
    }
    String domesticFile = ctx.args().value("--domestic").orElseThrow(() -> JobErrors.flowsNeedDomestic());
    Dataset<Row> domestic = readCsv(spark, domesticFile);
    for (String c : List.of("exporter", "year", "trade")) {
      if (!List.of(domestic.columns()).contains(c)) {
        throw JobErrors.domesticColumnMissing(domesticFile, c, List.of(domestic.columns()));
      }
    }
    Dataset<Row> flows = org.ftasim.table.TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS);
    Dataset<Row> panel = GravitySample.withFlows(grid, flows, domestic).cache();
    Map<String, Long> bySource = new java.util.TreeMap<>();
    for (Row r : panel.groupBy("__source").count().collectAsList()) {
      bySource.put(r.getString(0), r.getLong(1));
    }
    Dataset<Row> gridKeys = grid.select(col("exporter"), col("importer"), col("year").cast("int").as("year"));
    long outside = flows.select("exporter", "importer", "year").distinct()
        .join(gridKeys, scala.jdk.javaapi.CollectionConverters.asScala(List.of("exporter", "importer", "year"))
            .toSeq(), "left_anti").count();
    ctx.err().printf(Locale.ROOT, "ftasim estimate-gravity: flows from trade_flows on the %d rows of %s: %d from "
        + "trade_flows, %d domestic from %s, %d zero; %d exporter-importer-years of trade_flows are not rows of "
        + "%s and stay out%n", bySource.values().stream().mapToLong(Long::longValue).sum(), source,
        bySource.getOrDefault("flows", 0L), bySource.getOrDefault("domestic", 0L), domesticFile,
        bySource.getOrDefault("zero", 0L), outside, source);
    return panel.drop("__source");
  }

  static Dataset<Row> readCsv(SparkSession spark, String path) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        throw JobErrors.noGravityPanel(path);
      }
    } catch (IOException e) {
      throw JobErrors.gravityPanelUnreadable(path, e.getMessage(), e);
    }
    if (path.endsWith(".parquet") || path.endsWith(".parquet/")) {
      return spark.read().parquet(path);
    }
    return spark.read().option("header", "true").option("mode", "FAILFAST").csv(path);
  }

  private static void writeEstimates(SparkSession spark, JobContext ctx, Formula formula, PpmlHdfe.Result fit,
      String vcov) {
    NormalDistribution normal = new NormalDistribution();
    int k = fit.beta().length;
    List<Row> rows = new ArrayList<>();
    for (int q = 0; q < k; q++) {
      double se = fit.stdError(q);
      double z = fit.beta()[q] / se;
      List<Double> cov = new ArrayList<>();
      for (int p = 0; p < k; p++) {
        cov.add(fit.covariance()[q * k + p]);
      }
      rows.add(RowFactory.create(ctx.runId(), formula.toString(), formula.covariates().get(q), fit.beta()[q], se, z,
          2 * normal.cumulativeProbability(-Math.abs(z)), vcov, scala.jdk.javaapi.CollectionConverters.asScala(cov)
              .toSeq(), q, fit.nObs(), fit.separated(), fit.singletons(),
          fit.clusters() == 0 ? null : fit.clusters(), fit.iterations(), fit.deviance(), fit.converged()));
    }
    TableWriter.replaceRun(spark.createDataFrame(rows, Tables.GRAVITY_ESTIMATES.schema()), ctx.warehouse(),
        Tables.GRAVITY_ESTIMATES, ctx.runId());
  }

  private static long writeFixedEffects(SparkSession spark, JobContext ctx, GravityPanel panel,
      PpmlHdfe.Result fit) {
    List<Row> global = new ArrayList<>();
    for (int g = 0; g < panel.globalTerms().size(); g++) {
      String[] names = panel.dictionaries().get(g);
      for (int l = 0; l < names.length; l++) {
        if (fit.levelWhy()[g][l] == PpmlKernels.KEPT) {
          global.add(RowFactory.create(ctx.runId(), panel.globalTerms().get(g), names[l], fit.state().fe()[g][l]));
        }
      }
    }
    String runId = ctx.runId();
    String localTerm = panel.localTerm();
    byte[][] why = fit.levelWhy();
    PpmlKernels.State state = fit.state();
    org.apache.spark.api.java.JavaRDD<Row> local = panel.blocks().flatMap((PanelBlock b) ->
        PpmlKernels.localEffects(b, why, state).stream()
            .map(e -> RowFactory.create(runId, localTerm, e.level(), e.estimate())).iterator());
    Dataset<Row> all = spark.createDataFrame(global, Tables.GRAVITY_FIXED_EFFECTS.schema())
        .unionAll(spark.createDataFrame(local, Tables.GRAVITY_FIXED_EFFECTS.schema()));
    TableWriter.replaceRun(all, ctx.warehouse(), Tables.GRAVITY_FIXED_EFFECTS, runId);
    return global.size() + local.count();
  }

  private static void writeCsv(Path out, Formula formula, PpmlHdfe.Result fit) {
    try {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
        w.println("term,estimate,std_error,n_obs");
        for (int q = 0; q < fit.beta().length; q++) {
          w.println(String.join(",", Csv.field(formula.covariates().get(q)), String.valueOf(fit.beta()[q]),
              String.valueOf(fit.stdError(q)), String.valueOf(fit.nObs())));
        }
      }
    } catch (IOException e) {
      throw JobErrors.estimatesUnwritable(out.toString(), e.getMessage());
    }
  }

  private static void report(JobContext ctx, Formula formula, PpmlHdfe.Result fit, String vcov, GravityPanel panel,
      double buildSeconds, double fitSeconds, boolean onDriver) {
    ctx.err().printf(Locale.ROOT, "ftasim estimate-gravity: PPML %s%n", formula);
    ctx.err().printf(Locale.ROOT, "  observations %d (dropped: %d separated, %d singletons); fixed effects %s%s%n",
        fit.nObs(), fit.separated(), fit.singletons(),
        String.join(", ", formula.fixedEffects().stream().map(Formula::termName).toList()),
        " (" + panel.localTerm() + " solved inside the blocks)");
    ctx.err().printf(Locale.ROOT, "  converged in %d IRLS iterations, %d data passes; deviance %.6f; "
        + "panel %.1f s, fit %.1f s (%.2f s per iteration, passes in the %s)%n", fit.iterations(), fit.passes(),
        fit.deviance(), buildSeconds, fitSeconds, fitSeconds / fit.iterations(), onDriver ? "driver" : "executors");
    ctx.err().printf(Locale.ROOT, "  %-16s %12s %12s %9s   (%s%s)%n", "term", "estimate", "std_error", "z", vcov,
        fit.clusters() > 0 ? ", " + fit.clusters() + " clusters" : "");
    for (int q = 0; q < fit.beta().length; q++) {
      ctx.err().printf(Locale.ROOT, "  %-16s %12.6f %12.6f %9.3f%n", formula.covariates().get(q), fit.beta()[q],
          fit.stdError(q), fit.beta()[q] / fit.stdError(q));
    }
  }

  static List<Integer> years(Invocation a) {
    if (a.value("--years").isPresent() && a.value("--year").isPresent()) {
      throw JobErrors.yearAndYears();
    }
    String spec = a.value("--years").or(() -> a.value("--year")).orElse("");
    List<Integer> out = new ArrayList<>();
    for (String y : spec.split(",")) {
      if (y.isBlank()) {
        continue;
      }
      try {
        out.add(Integer.parseInt(y.trim()));
      } catch (NumberFormatException e) {
        throw JobErrors.badYearList(spec, y.trim());
      }
    }
    return out;
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw JobErrors.notAWholeNumber(option, value);
  }
}
