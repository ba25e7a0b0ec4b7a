package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.ftasim.config.FtasimConfig;
import org.ftasim.inputs.CpLayout;
import org.ftasim.inputs.GravityTable;
import org.ftasim.inputs.SmartMarkets;
import org.ftasim.inputs.spark.ModelTables;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.gravity.GravityData;
import org.ftasim.model.gravity.StructuralGravity;
import org.ftasim.sweep.CpSweep;
import org.ftasim.sweep.FtaSweep;
import org.ftasim.model.cp.Capital;
import org.ftasim.model.cp.CpData;
import org.ftasim.sweep.Distribution;
import org.ftasim.sweep.GravitySweep;
import org.ftasim.sweep.JointNormal;
import org.ftasim.sweep.Ishigami;
import org.ftasim.sweep.Parameter;
import org.ftasim.sweep.SmartSweep;
import org.ftasim.sweep.SweepDesign;
import org.ftasim.sweep.SweepModel;
import org.ftasim.sweep.SweepSpecs;
import org.ftasim.sweep.spark.SweepRunner;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.table.TextFiles;

/**
 * {@code ftasim sweep --config conf/sweeps/X.yaml}: a Monte Carlo sensitivity sweep of one model over its uncertain
 * parameters, written to sweep_draws, sweep_summary and sweep_sensitivity (replaced by run id on re-run).
 */
public final class SweepJob {
  public static final JobSpec SPEC = new JobSpec("sweep",
      "Monte Carlo sensitivity sweep of a model (config section sweep; examples in conf/sweeps/)",
      Map.of(), Set.of(), Map.of(), null, true, false);

  private SweepJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, SweepJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) {
    FtasimConfig.Sweep cfg = ctx.config().sweep();
    GravityInputs.Estimated estimate = cfg.model().equals("gravity") && !cfg.gravity().estimates().isBlank()
        ? gravityEstimate(spark, ctx) : null;
    List<Parameter> parameters = SweepSpecs.parameters(cfg.parameters(), name -> {
      if (estimate == null) {
        throw new IllegalArgumentException("dist: estimate needs sweep.model: gravity with sweep.gravity.estimates "
            + "(an estimate-gravity run)");
      }
      int k = estimate.terms().indexOf(name.startsWith("cost.") ? name.substring(5) : "");
      if (k < 0) {
        throw new IllegalArgumentException("dist: estimate draws cost.<term> for a term of estimate "
            + cfg.gravity().estimates() + " (" + estimate.terms() + "); not '" + name + "'");
      }
      return Distribution.normal(estimate.beta()[k], Math.sqrt(estimate.covariance()[k * estimate.terms().size()
          + k]));
    });
    SweepModel.Factory model = model(spark, ctx, estimate, parameters);
    try {
      model.check(parameters);
    } catch (IllegalArgumentException e) {
      throw JobErrors.badSweepParameters(e.getMessage());
    }
    long prepared = System.nanoTime();
    model = model.prepare(parameters);
    ctx.err().printf("ftasim sweep: model prepared in %.1f s%n", (System.nanoTime() - prepared) / 1e9);
    SweepDesign design = SweepSpecs.design(cfg, parameters, ctx.config().seed());
    long total = design.drawCount();
    int partitions = cfg.partitions() > 0 ? cfg.partitions() : derivedPartitions(total,
        spark.sparkContext().defaultParallelism());
    ctx.err().printf("ftasim sweep: model %s, design %s, %d draws over %d dimension(s), %d partitions, seed %d%n",
        cfg.model(), cfg.design(), total, design.dimensions().size(), partitions, ctx.config().seed());

    // the fta model names each row's scenario; its failed draws belong to none
    String scenarioId = cfg.model().equals("fta") ? "ALL" : cfg.scenarioId();
    SweepRunner.Plan plan = new SweepRunner.Plan(ctx.runId(), scenarioId, ctx.config().seed(), design, model,
        Integer.getInteger(SweepRunner.INJECT_FAILURE_PROPERTY, -1));
    LongAccumulator done = spark.sparkContext().longAccumulator("sweep draws done");
    long rows;
    try (SweepRunner.Progress p = new SweepRunner.Progress(done, total, cfg.progressSeconds(), ctx.err())) {
      rows = TableWriter.replaceRun(SweepRunner.draws(spark, plan, partitions, done), ctx.warehouse(),
          Tables.SWEEP_DRAWS, ctx.runId()).rows();
    }
    Dataset<Row> stored = TableReader.read(spark, ctx.warehouse(), Tables.SWEEP_DRAWS)
        .where(col("run_id").equalTo(ctx.runId()));
    // the draws grouped by outcome once, for both tables
    Dataset<Row> outcomes = SweepRunner.outcomes(stored).persist(StorageLevel.MEMORY_AND_DISK());
    long summaryRows;
    long sensitivityRows;
    try {
      summaryRows = TableWriter.replaceRun(SweepRunner.summary(outcomes, design.kind()), ctx.warehouse(),
          Tables.SWEEP_SUMMARY, ctx.runId()).rows();
      SweepRunner.DesignInfo info = new SweepRunner.DesignInfo(design.kind(), design.basePoints(),
          design.dimensions(), ctx.config().seed(), cfg.bootstrap(), design);
      sensitivityRows = TableWriter.replaceRun(SweepRunner.sensitivity(outcomes, info), ctx.warehouse(),
          Tables.SWEEP_SENSITIVITY, ctx.runId()).rows();
    } finally {
      outcomes.unpersist();
    }

    long failed = stored.where(not(col("converged"))).select("draw_id").distinct().count();
    JobResult result = new JobResult().count("draws", total).count("failed_draws", failed)
        .count("draw_rows", rows).count("partitions", partitions).count("summary_rows", summaryRows)
        .count("sensitivity_rows", sensitivityRows)
        .table(Tables.SWEEP_DRAWS.name()).table(Tables.SWEEP_SUMMARY.name()).table(Tables.SWEEP_SENSITIVITY.name());
    ctx.err().printf("ftasim sweep: %d draws, %d failed; tables sweep_draws (%d rows), sweep_summary,"
        + " sweep_sensitivity in %s%n", total, failed, rows, ctx.warehouse().root());
    if (failed > cfg.maxFailedShare() * total) {
      throw new IllegalStateException(failed + " of " + total + " draws failed, more than sweep.max_failed_share = "
          + cfg.maxFailedShare() + "; they are kept in sweep_draws with converged = false");
    }
    return result;
  }

  /**
   * At least four partitions per core (so a slow one does not hold the others up) and about 100 draws each (progress
   * is counted as partitions finish; each partition also pays one model setup), at most one per draw and 10,000.
   */
  static int derivedPartitions(long draws, int cores) {
    long byDraws = (draws + 99) / 100;
    return (int) Math.max(1, Math.min(Math.min(draws, 10_000), Math.max(4L * cores, byDraws)));
  }

  /** The gravity sweep's data and costs from sweep.gravity.estimates. */
  private static GravityInputs.Estimated gravityEstimate(SparkSession spark, JobContext ctx) {
    FtasimConfig.SweepGravity g = ctx.config().sweep().gravity();
    if (!g.cost().isBlank()) {
      throw JobErrors.costAndEstimatesInSweep();
    }
    if (ctx.config().sweep().data().isBlank()) {
      throw JobErrors.noGravityData();
    }
    GravityInputs.Estimated e = GravityInputs.fromEstimates(spark, ctx.warehouse(), ctx.config().sweep().data(),
        g.year() > 0 ? g.year() : null, g.with(), g.estimates(), g.pair(), GravityInputs.terms(g.fill()));
    ctx.err().println("ftasim sweep: " + e.note());
    return e;
  }

  static SweepModel.Factory model(SparkSession spark, JobContext ctx, GravityInputs.Estimated estimate,
      List<Parameter> parameters) {
    FtasimConfig config = ctx.config();
    FtasimConfig.Sweep cfg = config.sweep();
    return switch (cfg.model()) {
      case "fta" -> {
        FtasimConfig.SweepFta f = cfg.fta();
        ModelTables.Loaded in = ModelTables.load(spark, ctx.warehouse(), f.inputs(), f.scenarios(), f.firstYear(),
            f.lastYear());
        ctx.err().printf("ftasim sweep: model inputs '%s' (%d regions x %d sectors, reference year %d); scenarios %s,"
            + " years %d-%d%n", f.inputs(), in.data().n(), in.data().j(), in.referenceYear(), in.path().scenarios(),
            in.path().years()[0], in.path().years()[in.path().years().length - 1]);
        FtaSweep.CapitalSpec capital = capital(spark, f, in.data());
        ctx.err().printf("ftasim sweep: closures %s; %s%n", f.closures(), capitalNote(f));
        yield new FtaSweep(in.data(), in.path(), CaliendoParro.Deficits.parse(cfg.cp().deficits()),
            cfg.cp().regions(), f.sectorRegions(), f.pairRegions(), FtaSweep.groups(f.sectorGroups()), in.unitUsd(),
            SolveCpJob.options(config), capital);
      }
      case "ishigami" -> new Ishigami(7, 0.1);
      case "cp" -> new CpSweep(CpLayout.read(dataPath(spark, cfg)), CaliendoParro.Deficits.parse(cfg.cp().deficits()),
          cfg.cp().regions(), cfg.cp().sectorMetrics(), SolveCpJob.options(config));
      case "gravity" -> {
        FtasimConfig.SweepGravity g = cfg.gravity();
        GravityData data = estimate != null ? estimate.data()
            : GravityTable.read(dataPath(spark, cfg), g.year() > 0 ? g.year() : null);
        if (g.counterfactual().isEmpty()) {
          throw JobErrors.noSweepCounterfactual();
        }
        int ref = g.reference().isBlank() ? 0 : data.countries().indexOf(g.reference());
        if (ref < 0) {
          throw JobErrors.notASweepReference(g.reference());
        }
        List<String> drawn = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
          if (cfg.parameters().get(p).dist().equals("estimate")) {
            drawn.add(parameters.get(p).name());
          }
        }
        yield new GravitySweep(data, g.sigma(),
            estimate != null ? estimate.cost() : SolveGravityJob.parseCost(g.cost()),
            GravityTable.counterfactual(data, g.counterfactual()),
            g.baseline().equals("observed") ? StructuralGravity.Baseline.OBSERVED : StructuralGravity.Baseline.FITTED,
            g.deficits().equals("multiplicative") ? StructuralGravity.Deficits.MULTIPLICATIVE
                : StructuralGravity.Deficits.ADDITIVE,
            ref, config.solver().tolerance(), config.solver().maxIterations(),
            drawn.isEmpty() ? null : JointNormal.of(estimate.terms(), estimate.beta(), estimate.covariance(), drawn,
                "cost."));
      }
      case "smart" -> {
        SmartMarkets.Markets m = cfg.data().isBlank() ? smartLines(spark, ctx, cfg)
            : SmartMarkets.read(dataPath(spark, cfg), cfg.smart().importDemand(), cfg.smart().substitution(),
                cfg.smart().exportSupply());
        yield new SmartSweep(m.batch(), m.importers(), m.products());
      }
      default -> throw JobErrors.unknownSweepModel(cfg.model());
    };
  }

  /**
   * With no sweep.data, the smart model sweeps the markets {@code ftasim smart} solved for sweep.scenario_id: the
   * markets of smart_effects where some source's tariff changes, with their imports, rates and import-demand
   * elasticities.
   */
  private static SmartMarkets.Markets smartLines(SparkSession spark, JobContext ctx, FtasimConfig.Sweep cfg) {
    if (!TableReader.exists(spark, ctx.warehouse(), Tables.SMART_EFFECTS)) {
      throw JobErrors.noSmartEffects(cfg.scenarioId());
    }
    Dataset<Row> lines = TableReader.read(spark, ctx.warehouse(), Tables.SMART_EFFECTS)
        .where(col("scenario_id").equalTo(cfg.scenarioId()));
    Dataset<Row> changed = lines.where(col("tariff_before").notEqual(col("tariff_after")))
        .select("importer", "hs6").distinct();
    List<Row> rows = lines.join(changed, scala.jdk.javaapi.CollectionConverters.asScala(List.of("importer", "hs6"))
            .toSeq()).select("importer", "hs6", "imports_usd", "tariff_before", "tariff_after", "import_demand")
        .orderBy("importer", "hs6", "exporter").collectAsList();
    if (rows.isEmpty()) {
      throw JobErrors.noSmartMarket(cfg.scenarioId());
    }
    int n = rows.size();
    double[] m = new double[n];
    double[] t0 = new double[n];
    double[] t1 = new double[n];
    double[] eta = new double[n];
    List<String> importers = new ArrayList<>();
    List<String> products = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      importers.add(r.getString(0));
      products.add(r.getString(1));
      m[i] = r.getDouble(2);
      t0[i] = r.getDouble(3) / 100;
      t1[i] = r.getDouble(4) / 100;
      eta[i] = r.getDouble(5);
    }
    ctx.err().printf("ftasim sweep: %,d SMART markets (%,d lines) of smart_effects, scenario %s%n",
        new java.util.HashSet<>(java.util.stream.IntStream.range(0, n).mapToObj(i -> importers.get(i) + "|"
            + products.get(i)).toList()).size(), n, cfg.scenarioId());
    return SmartMarkets.ofLines(importers, products, m, t0, t1, eta, cfg.smart().substitution(),
        cfg.smart().exportSupply());
  }

  /** sweep.data on the driver's disk: a local path, or a copy of a file or folder on any Hadoop file system. */
  private static FtaSweep.CapitalSpec capital(SparkSession spark, FtasimConfig.SweepFta f, CpData data) {
    double[] shares;
    if (f.capitalShares().isBlank()) {
      shares = new double[data.n() * data.j()];
      java.util.Arrays.fill(shares, f.capitalShare());
    } else {
      if (f.capitalShare() != 0) {
        throw JobErrors.capitalShareTwice(f.capitalShare(), f.capitalShares());
      }
      shares = CpLayout.capitalShares(new TextFiles(spark.sparkContext().hadoopConfiguration()).local(
          f.capitalShares(), "sweep.fta.capital_shares"), data);
    }
    return new FtaSweep.CapitalSpec(f.closures().stream().map(Capital.Closure::parse).toList(), f.depreciation(),
        shares);
  }

  private static String capitalNote(FtasimConfig.SweepFta f) {
    String shares = f.capitalShares().isBlank()
        ? (f.capitalShare() == 0 ? "labour only (capital share 0)" : "capital share " + f.capitalShare()
            + " of value added in every region and sector")
        : "capital shares from " + f.capitalShares();
    return shares + (f.closures().contains("recursive") ? ", depreciation " + f.depreciation() : "");
  }

  private static Path dataPath(SparkSession spark, FtasimConfig.Sweep cfg) {
    if (cfg.data().isBlank()) {
      throw JobErrors.noSweepData(cfg.model());
    }
    return new TextFiles(spark.sparkContext().hadoopConfiguration()).local(cfg.data(), "sweep.data");
  }
}
