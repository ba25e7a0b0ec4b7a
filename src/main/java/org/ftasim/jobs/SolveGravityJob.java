package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.UserException;
import org.ftasim.estimate.spark.GravityPanel;
import org.ftasim.estimate.spark.GravitySample;
import org.ftasim.inputs.CsvTable;
import org.ftasim.inputs.GravityTable;
import org.ftasim.model.gravity.GravityData;
import org.ftasim.model.gravity.PairCosts;
import org.ftasim.model.gravity.StructuralGravity;
import org.ftasim.table.Csv;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.TextFiles;

/**
 * {@code ftasim solve-gravity --data FILE.csv --sigma S --cost "var=coef,…" --counterfactual SPEC
 * [--baseline fitted|observed] [--reference ISO3] [--year Y] [--out FILE.csv]}: one-sector structural gravity GE.
 */
public final class SolveGravityJob {
  public static final JobSpec SPEC = new JobSpec("solve-gravity",
      "One-sector structural gravity GE on a gravity table, CSV results",
      JobSpec.ordered("--data", "gravity table CSV: exporter, importer, trade, covariates (Y, E, year optional)",
          "--sigma", "elasticity of substitution σ > 1",
          "--cost", "trade-cost function ln t^(1-σ) = Σ coef·var, as var=coef,var=coef",
          "--estimates", "instead of --cost: the estimate-gravity run whose coefficients and pair effects give "
              + "ln t^(1-σ) = Σ β·x + pair effect",
          "--pair", "with --estimates: the fixed effect holding the pair effects (default pair)",
          "--fill", "with --estimates: covariates whose PPML fit (exporter and importer effects) fills pairs "
              + "without a pair effect, e.g. \"ln_DIST + CNTG + LANG + CLNY\"",
          "--with", "derived column NAME=SQL expression, repeatable (as for estimate-gravity)",
          "--counterfactual", "covariate changes: NAME=VALUE (all pairs), NAME=OTHER (another column's values) or "
              + "NAME=VALUE@EXP:IMP,… ; repeatable",
          "--baseline", "fitted (flows predicted from the cost function, default) or observed",
          "--deficits", "additive (the imbalance a share of world output, default) or multiplicative (expenditure "
              + "a fixed multiple of output)",
          "--reference", "country whose inward multilateral resistance stays fixed (default: the first)",
          "--year", "the year to use when the file holds several",
          "--out", "results CSV (default ./solve-gravity-results.csv)"),
      Set.of("--counterfactual", "--with"), Map.of(), null, true, false);

  private SolveGravityJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, SolveGravityJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    Integer year = ctx.args().value("--year").map(SolveGravityJob::parseYear).orElse(null);
    double sigma = number("--sigma", ctx.args().required("--sigma"));
    GravityData data;
    Map<String, Double> cost;
    String costNote;
    if (ctx.args().value("--estimates").isPresent()) {
      if (ctx.args().value("--cost").isPresent()) {
        throw new UserException("--cost and --estimates both given; fix: give one (--estimates takes the "
            + "coefficients from the estimate-gravity run)");
      }
      EstimatedCosts e = estimatedCosts(spark, ctx, year);
      data = e.data();
      cost = e.cost();
      costNote = e.note();
    } else {
      for (String only : List.of("--pair", "--fill")) {
        if (ctx.args().value(only).isPresent()) {
          throw new UserException(only + " needs --estimates RUN_ID");
        }
      }
      data = ctx.args().all("--with").isEmpty()
          ? GravityTable.read(new TextFiles(spark.sparkContext().hadoopConfiguration())
              .local(ctx.args().required("--data")), year)
          : GravityTable.read(collected(spark, ctx, year, List.of(), null), year, List.of());
      cost = parseCost(ctx.args().required("--cost"));
      costNote = "costs " + cost;
    }
    if (ctx.args().all("--counterfactual").isEmpty()) {
      throw new UserException("--counterfactual is required, e.g. --counterfactual INTL_BRDR=0");
    }
    Map<String, double[]> cf = GravityTable.counterfactual(data, ctx.args().all("--counterfactual"));
    String base = ctx.args().value("--baseline").orElse("fitted");
    StructuralGravity.Baseline baseline = switch (base) {
      case "fitted" -> StructuralGravity.Baseline.FITTED;
      case "observed" -> StructuralGravity.Baseline.OBSERVED;
      default -> throw new UserException("--baseline '" + base + "' is not allowed; use fitted or observed");
    };
    String refName = ctx.args().value("--reference").orElse(data.countries().get(0));
    int ref = data.countries().indexOf(refName);
    if (ref < 0) {
      throw new UserException("--reference '" + refName + "' is not a country of the data");
    }
    String def = ctx.args().value("--deficits").orElse("additive");
    StructuralGravity.Deficits deficits = switch (def) {
      case "additive" -> StructuralGravity.Deficits.ADDITIVE;
      case "multiplicative" -> StructuralGravity.Deficits.MULTIPLICATIVE;
      default -> throw new UserException("--deficits '" + def + "' is not allowed; use additive or multiplicative");
    };
    StructuralGravity.Result r = StructuralGravity.solve(data, sigma, cost, cf, baseline, deficits, ref,
        ctx.config().solver().tolerance(), ctx.config().solver().maxIterations());
    for (String note : r.notes()) {
      ctx.err().println("ftasim solve-gravity: note: " + note);
    }
    if (!r.diagnostics().converged()) {
      throw new IllegalStateException("the gravity equilibrium did not converge: " + r.diagnostics());
    }
    Path out = Path.of(ctx.args().value("--out").orElse("solve-gravity-results.csv"));
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      w.println("country,real_gdp_pct,welfare_pct,factory_gate_price_pct,omr_pct,imr_pct,exports_pct");
      for (int i = 0; i < data.n(); i++) {
        w.println(String.join(",", Csv.field(data.countries().get(i)), Csv.number(r.realGdpPct()[i]),
            Csv.number(r.welfarePct()[i]), Csv.number(r.factoryGatePricePct()[i]), Csv.number(r.omrPct()[i]),
            Csv.number(r.imrPct()[i]), Csv.number(r.exportsPct()[i])));
      }
    }
    ctx.err().printf("ftasim solve-gravity: %d countries, sigma %s, %s baseline (%s), %s deficits, reference %s; "
        + "%s; results in %s%n", data.n(), sigma, base, base.equals("fitted") ? "flows predicted from the costs, "
        + "scaled to each country's output and expenditure" : "the data's flows", def, refName, costNote,
        out.toAbsolutePath());
    ctx.err().printf("%-8s %12s %12s %12s %10s %10s %12s%n", "country", "real_gdp%", "welfare%", "fg_price%", "omr%",
        "imr%", "exports%");
    for (int i = 0; i < data.n(); i++) {
      ctx.err().printf(Locale.ROOT, "%-8s %12.4f %12.4f %12.4f %10.4f %10.4f %12.4f%n", data.countries().get(i),
          r.realGdpPct()[i], r.welfarePct()[i], r.factoryGatePricePct()[i], r.omrPct()[i], r.imrPct()[i],
          r.exportsPct()[i]);
    }
    return new JobResult().count("countries", data.n()).count("iterations", r.diagnostics().iterations());
  }

  /** The gravity data with a {@code pair_effect} covariate, and the cost function β from an estimate run. */
  record EstimatedCosts(GravityData data, Map<String, Double> cost, String note) {}

  static final String PAIR_EFFECT = "pair_effect";

  private static EstimatedCosts estimatedCosts(SparkSession spark, JobContext ctx, Integer year) {
    String runId = ctx.args().required("--estimates");
    String pairTerm = ctx.args().value("--pair").orElse("pair");
    List<Row> estimates = TableReader.read(spark, ctx.warehouse(), Tables.GRAVITY_ESTIMATES)
        .filter(col("run_id").equalTo(runId)).orderBy("term_index").select("term", "estimate", "formula")
        .collectAsList();
    if (estimates.isEmpty()) {
      List<String> runs = TableReader.read(spark, ctx.warehouse(), Tables.GRAVITY_ESTIMATES).select("run_id")
          .distinct().orderBy("run_id").as(Encoders.STRING()).collectAsList();
      throw new UserException("--estimates " + runId + ": table gravity_estimates has no rows of that run; it has "
          + runs + "; fix: give one of them, or run estimate-gravity first");
    }
    String formula = estimates.get(0).getString(2);
    Dataset<Row> effects = TableReader.read(spark, ctx.warehouse(), Tables.GRAVITY_FIXED_EFFECTS)
        .filter(col("run_id").equalTo(runId).and(col("fixed_effect").equalTo(pairTerm)))
        .select(col("level").as("__level"), col("estimate").as("__pair_effect"));
    List<String> pairColumns = List.of(pairTerm.split("\\^"));
    CsvTable table = collected(spark, ctx, year, pairColumns, effects);
    List<String> notCovariates = new ArrayList<>(pairColumns);
    notCovariates.add("__pair_effect");
    GravityData base = GravityTable.read(table, year, notCovariates);
    double[] lnPair = new double[base.n() * base.n()];
    java.util.Arrays.fill(lnPair, Double.NaN);
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < base.n(); i++) {
      index.put(base.countries().get(i), i);
    }
    int found = 0;
    for (int r = 0; r < table.size(); r++) {
      String v = table.text(r, "__pair_effect");
      if (!v.isEmpty()) {
        lnPair[base.pair(index.get(table.text(r, "exporter")), index.get(table.text(r, "importer")))] =
            Double.parseDouble(v);
        found++;
      }
    }
    if (found == 0) {
      throw new UserException("--estimates " + runId + ": no pair of " + ctx.args().required("--data")
          + " matches a level of its fixed effect '" + pairTerm + "' (formula \"" + formula + "\"); fix: give the "
          + "fixed effect with --pair and derive its columns as for the estimate (--with)");
    }
    List<String> fill = ctx.args().value("--fill").map(f -> List.of(f.trim().split("\\s*\\+\\s*"))).orElse(List.of());
    PairCosts.Filled filled = PairCosts.fill(base, lnPair, fill);
    Map<String, double[]> covariates = new java.util.LinkedHashMap<>(base.covariates());
    covariates.put(PAIR_EFFECT, filled.lnPair());
    GravityData data = new GravityData(base.countries(), base.trade(), covariates, base.output(),
        base.expenditure());
    Map<String, Double> cost = new java.util.LinkedHashMap<>();
    for (Row e : estimates) {
      if (!covariates.containsKey(e.getString(0))) {
        throw new UserException("--estimates " + runId + ": its covariate '" + e.getString(0) + "' is not a column "
            + "of " + ctx.args().required("--data") + "; fix: use the estimation's data, or derive it with --with");
      }
      cost.put(e.getString(0), e.getDouble(1));
    }
    cost.put(PAIR_EFFECT, 1.0);
    String note = String.format(Locale.ROOT, "costs from estimate %s (%s): %s + the pair effect, estimated for %d "
        + "pairs, filled for %d%s", runId, formula, cost.entrySet().stream().filter(c -> !c.getKey().equals(
            PAIR_EFFECT)).map(c -> c.getKey() + "=" + c.getValue()).toList(), filled.estimated(), filled.filled(),
        filled.filled() > 0 ? " by PPML on " + filled.fillCoefficients() : "");
    return new EstimatedCosts(data, cost, note);
  }

  /**
   * The data file read by Spark, with the --with columns, narrowed to the year, as a table in the driver (every
   * value as text); with {@code effects}, each row gains the pair effect of its level of {@code pairColumns}.
   */
  private static CsvTable collected(SparkSession spark, JobContext ctx, Integer year, List<String> pairColumns,
      Dataset<Row> effects) {
    String source = ctx.args().required("--data");
    Dataset<Row> d = GravitySample.derive(EstimateGravityJob.readCsv(spark, source), source, ctx.args().all("--with"));
    if (year != null && List.of(d.columns()).contains("year")) {
      d = d.filter(col("year").cast("int").equalTo(year));
    }
    for (String c : pairColumns) {
      if (!List.of(d.columns()).contains(c)) {
        throw new UserException(source + " has no column '" + c + "' of the pair effect's fixed effect; its "
            + "columns are " + List.of(d.columns()) + "; fix: derive it as for the estimate, with --with");
      }
    }
    List<String> header = new ArrayList<>(List.of(d.columns()));
    Dataset<Row> text = d.select(header.stream().map(c -> col(c).cast("string").as(c)).toArray(Column[]::new));
    if (effects != null) {
      text = text.withColumn("__key", GravityPanel.key(pairColumns))
          .join(effects, col("__key").equalTo(col("__level")), "left").drop("__key", "__level")
          .withColumn("__pair_effect", col("__pair_effect").cast("string"));
      header.add("__pair_effect");
    }
    List<String[]> rows = new ArrayList<>();
    Dataset<Row> all = text;
    List<String> expressions = ctx.args().all("--with").stream().map(w -> "--with " + w).toList();
    for (Row r : GravitySample.evaluating(source, expressions, all::collectAsList)) {
      String[] cells = new String[header.size()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = r.isNullAt(i) ? "" : r.getString(i);
      }
      rows.add(cells);
    }
    return CsvTable.of(java.nio.file.Path.of(source), header, rows, "exporter", "importer", "trade");
  }


  static Map<String, Double> parseCost(String spec) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new UserException("--cost '" + spec + "': '" + part + "' is not var=coef");
      }
      m.put(part.substring(0, eq).trim(), number("--cost " + part.substring(0, eq).trim(), part.substring(eq + 1)));
    }
    return m;
  }

  private static double number(String what, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new UserException(what + " '" + v + "' is not a finite number");
    }
  }

  private static Integer parseYear(String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UserException("--year '" + v + "' is not a year");
    }
  }
}
