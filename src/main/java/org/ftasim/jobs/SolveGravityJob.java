package org.ftasim.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.ftasim.inputs.GravityTable;
import org.ftasim.model.gravity.GravityData;
import org.ftasim.model.gravity.OneSectorGe;
import org.ftasim.model.gravity.StructuralGravity;
import org.ftasim.table.Csv;
import org.ftasim.table.TextFiles;

/**
 * {@code ftasim solve-gravity --data FILE.csv --sigma S --cost "var=coef,…" --counterfactual SPEC
 * [--model exact|gegravity] [--baseline fitted|observed] [--reference ISO3] [--year Y] [--out FILE.csv]}: one-sector
 * structural gravity GE.
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
          "--model", "exact (hat algebra with market clearing, default) or gegravity (the USITC gegravity package's"
              + " OneSectorGE: resistances with baseline shares, prices from the outward resistance)",
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
        throw JobErrors.costAndEstimates();
      }
      GravityInputs.Estimated e = GravityInputs.fromEstimates(spark, ctx.warehouse(), ctx.args().required("--data"),
          year, ctx.args().all("--with"), ctx.args().required("--estimates"),
          ctx.args().value("--pair").orElse("pair"),
          ctx.args().value("--fill").map(GravityInputs::terms).orElse(List.of()));
      data = e.data();
      cost = e.cost();
      costNote = e.note();
    } else {
      for (String only : List.of("--pair", "--fill")) {
        if (ctx.args().value(only).isPresent()) {
          throw JobErrors.needsEstimates(only);
        }
      }
      data = ctx.args().all("--with").isEmpty()
          ? GravityTable.read(new TextFiles(spark.sparkContext().hadoopConfiguration())
              .local(ctx.args().required("--data"), "--data"), year)
          : GravityTable.read(GravityInputs.collected(spark, ctx.args().required("--data"), year,
              ctx.args().all("--with"), List.of(), null), year, List.of());
      cost = parseCost(ctx.args().required("--cost"));
      costNote = "costs " + cost;
    }
    if (ctx.args().all("--counterfactual").isEmpty()) {
      throw JobErrors.noCounterfactual();
    }
    Map<String, double[]> cf = GravityTable.counterfactual(data, ctx.args().all("--counterfactual"));
    String base = ctx.args().value("--baseline").orElse("fitted");
    StructuralGravity.Baseline baseline = switch (base) {
      case "fitted" -> StructuralGravity.Baseline.FITTED;
      case "observed" -> StructuralGravity.Baseline.OBSERVED;
      default -> throw JobErrors.badBaseline(base);
    };
    String refName = ctx.args().value("--reference").orElse(data.countries().get(0));
    int ref = data.countries().indexOf(refName);
    if (ref < 0) {
      throw JobErrors.notAReference(refName);
    }
    String def = ctx.args().value("--deficits").orElse("additive");
    StructuralGravity.Deficits deficits = switch (def) {
      case "additive" -> StructuralGravity.Deficits.ADDITIVE;
      case "multiplicative" -> StructuralGravity.Deficits.MULTIPLICATIVE;
      default -> throw JobErrors.badDeficits(def);
    };
    String model = ctx.args().value("--model").orElse("exact");
    if (!model.equals("exact") && !model.equals("gegravity")) {
      throw JobErrors.badGravityModel(model);
    }
    if (model.equals("gegravity") && (ctx.args().value("--baseline").isPresent()
        || ctx.args().value("--deficits").isPresent())) {
      throw JobErrors.gegravityOptions();
    }
    StructuralGravity.Result r = model.equals("gegravity")
        ? OneSectorGe.solve(data, sigma, cost, cf, ref, ctx.config().solver().tolerance(),
            Math.max(ctx.config().solver().maxIterations(), 100_000))
        : StructuralGravity.solve(data, sigma, cost, cf, baseline, deficits, ref, ctx.config().solver().tolerance(),
            ctx.config().solver().maxIterations());
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

  static Map<String, Double> parseCost(String spec) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw JobErrors.badCost(spec, part);
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
      throw JobErrors.notFinite(what, v);
    }
  }

  private static Integer parseYear(String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw JobErrors.badGravityYear(v);
    }
  }
}
