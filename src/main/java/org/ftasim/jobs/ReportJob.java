package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ftasim.config.FtasimConfig;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;

/**
 * {@code ftasim report [--run-id ID] [--out DIR]}: the headline of a phase-in sweep (sweep.model fta), per scenario:
 * welfare and real GDP of the report's countries in year 1 and in the long run, mean [p05, p95] over the draws;
 * the first country's output change in the report's sectors; the change in the first two countries' bilateral
 * trade in USD, year by year; and the parameters that drive the first country's long-run welfare most. Printed on
 * stdout and written as the Parquet result set {@code <out>/headline/} (default out: {@code <warehouse>/results}).
 */
public final class ReportJob {
  public static final JobSpec SPEC = new JobSpec("report",
      "Headline results of a phase-in sweep with uncertainty bands, on stdout and as Parquet (config section"
          + " report)",
      Map.of("--out", "results folder: the headline goes to <out>/headline/ (default <warehouse>/results)"),
      Set.of(), Map.of(), null, false, true);

  public static final StructType HEADLINE = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("scenario_id", DataTypes.StringType, false)
      .add("item", DataTypes.StringType, false)
      .add("country", DataTypes.StringType, false)
      .add("partner", DataTypes.StringType, false)
      .add("sector", DataTypes.StringType, false)
      .add("horizon", DataTypes.StringType, false)
      .add("year", DataTypes.IntegerType, true)
      .add("mean", DataTypes.DoubleType, true)
      .add("p05", DataTypes.DoubleType, true)
      .add("p50", DataTypes.DoubleType, true)
      .add("p95", DataTypes.DoubleType, true)
      .add("n_ok", DataTypes.LongType, true)
      .add("n_failed", DataTypes.LongType, true)
      .add("parameter", DataTypes.StringType, true)
      .add("method", DataTypes.StringType, true)
      .add("rank", DataTypes.IntegerType, true)
      .add("closure", DataTypes.StringType, true);

  /** The order closures are reported in: the short run first. */
  private static final List<String> CLOSURE_ORDER = List.of("ALL", "fixed", "recursive", "steady_state");

  /** Sensitivity methods in order of preference for naming the drivers. */
  private static final List<String> DRIVER_METHODS = List.of("sobol_total", "src", "oat_high");

  private ReportJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, ReportJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) {
    String out = ctx.args().value("--out").orElse(ctx.warehouse().root() + "/results");
    ctx.warehouse().refuseOutputOverTables("--out", out);
    return run(spark, ctx, ctx.args().runId().orElse(null), out, ctx.out());
  }

  static JobResult run(SparkSession spark, JobContext ctx, String runId, String out, PrintStream print) {
    FtasimConfig.Report cfg = ctx.config().report();
    if (cfg.countries().isEmpty()) {
      throw JobErrors.noReportCountries();
    }
    if (!TableReader.exists(spark, ctx.warehouse(), Tables.SWEEP_SUMMARY)) {
      throw JobErrors.noSweepToReport(ctx.warehouse().root());
    }
    Dataset<Row> summary = TableReader.read(spark, ctx.warehouse(), Tables.SWEEP_SUMMARY);
    String run = runId != null ? runId : latestPhaseInRun(spark, ctx, summary);
    List<Row> rows = summary.where(col("run_id").equalTo(run)).collectAsList();
    if (rows.stream().noneMatch(r -> "welfare_pct".equals(r.getAs("metric")) && !r.isNullAt(r.fieldIndex("year")))) {
      throw JobErrors.notAPhaseInRun(run);
    }
    Map<String, Row> byKey = new HashMap<>();
    TreeSet<String> scenarios = new TreeSet<>();
    TreeSet<String> closures = new TreeSet<>(Comparator.comparingInt((String c) -> CLOSURE_ORDER.indexOf(c))
        .thenComparing(c -> c));
    for (Row r : rows) {
      String closure = closure(r);
      byKey.put(key(r.getAs("scenario_id"), r.getAs("metric"), r.getAs("country"), r.getAs("sector"),
          r.getAs("partner"), r.getAs("year"), closure), r);
      if (!"ALL".equals(r.getAs("scenario_id"))) {
        scenarios.add(r.getAs("scenario_id"));
        closures.add(closure);
      }
    }
    List<Row> sensitivity = TableReader.exists(spark, ctx.warehouse(), Tables.SWEEP_SENSITIVITY)
        ? TableReader.read(spark, ctx.warehouse(), Tables.SWEEP_SENSITIVITY).where(col("run_id").equalTo(run)
            .and(col("metric").equalTo("welfare_pct")).and(col("country").equalTo(cfg.countries().get(0)))
            .and(col("sector").equalTo("ALL"))).collectAsList()
        : List.of();

    String first = cfg.countries().get(0);
    String second = cfg.countries().size() > 1 ? cfg.countries().get(1) : null;
    List<Row> headline = new ArrayList<>();
    print.printf("ftasim report: run %s, %d scenario(s); mean [p05, p95] over the draws, percent unless stated%n",
        run, scenarios.size());
    for (String s : scenarios) {
      TreeSet<Integer> years = new TreeSet<>();
      for (Row r : rows) {
        if (s.equals(r.getAs("scenario_id")) && "welfare_pct".equals(r.getAs("metric"))
            && first.equals(r.getAs("country")) && !r.isNullAt(r.fieldIndex("year"))) {
          years.add(r.getAs("year"));
        }
      }
      if (years.isEmpty()) {
        continue;
      }
      int y1 = years.first();
      int lr = years.last();
      Row any = byKey.get(key(s, "welfare_pct", first, "ALL", "ALL", y1, closures.first()));
      print.printf("%n== %s: year 1 = %d, long run = %d (%d draws ok, %d failed) ==%n", s, y1, lr,
          any.<Long>getAs("n_ok"), any.<Long>getAs("n_failed"));
      for (String closure : closures) {
        if (!"ALL".equals(closure)) {
          print.printf("  -- capital %s --%n", closure.replace('_', ' '));
        }
        print.printf("  %-40s %-28s %-28s%n", "", "year 1 (" + y1 + ")", "long run (" + lr + ")");
        Line at = new Line(print, headline, byKey, run, s, closure, y1, lr);
        for (String c : cfg.countries()) {
          at.line("welfare", c + " welfare", "welfare_pct", c, "ALL", "ALL");
          at.line("real_gdp", c + " real GDP", "real_gdp_pct", c, "ALL", "ALL");
          at.line("capital_stock", c + " capital stock", "capital_stock_pct", c, "ALL", "ALL");
        }
        for (String sector : cfg.sectors()) {
          at.line("real_output", first + " output, " + sector.replace('_', ' '), "real_output_pct", first, sector,
              "ALL");
        }
        Row gdp1 = byKey.get(key(s, "real_gdp_pct", first, "ALL", "ALL", y1, closure));
        Row gdpLr = byKey.get(key(s, "real_gdp_pct", first, "ALL", "ALL", lr, closure));
        if (gdp1 != null && gdpLr != null && y1 != lr && !gdp1.isNullAt(gdp1.fieldIndex("mean"))
            && gdp1.<Double>getAs("mean") != 0) {
          print.printf(Locale.ROOT, "  %-40s %.1f%n", first + " real GDP, long run / year 1",
              gdpLr.<Double>getAs("mean") / gdp1.<Double>getAs("mean"));
        }
        if (second != null) {
          at.line("trade_balance_change_usd", first + " balance with " + second + ", USD m", "trade_balance_change_usd",
              first, "ALL", second, 1e-6, "%+,.0f");
          for (String[] pair : new String[][] {{first, second}, {second, first}}) {
            print.printf("  %s exports to %s, change in USD million by year:%n", pair[0], pair[1]);
            for (int y : years) {
              Row r = byKey.get(key(s, "exports_change_usd", pair[0], "ALL", pair[1], y, closure));
              if (r == null) {
                continue;
              }
              print.printf("    %d  %s%n", y, band(r, 1e-6, "%,.0f"));
              headline.add(RowFactory.create(run, s, "exports_change_usd", pair[0], pair[1], "ALL", "path", y,
                  r.getAs("mean"), r.getAs("p05"), r.getAs("p50"), r.getAs("p95"), r.getAs("n_ok"),
                  r.getAs("n_failed"), null, null, null, closure));
            }
          }
        }
      }
      List<Row> drivers = drivers(sensitivity, s, closures.last(), lr, cfg.drivers());
      if (!drivers.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        int rank = 1;
        for (Row d : drivers) {
          sb.append(rank == 1 ? "" : ", ").append(d.<String>getAs("parameter")).append(String.format(Locale.ROOT,
              " (%s %.2f)", d.<String>getAs("method"), d.<Double>getAs("value")));
          headline.add(RowFactory.create(run, s, "driver", first, "ALL", "ALL", "long_run", lr, d.getAs("value"),
              d.getAs("ci_low"), null, d.getAs("ci_high"), null, null, d.getAs("parameter"), d.getAs("method"),
              rank++, closure(d)));
        }
        print.printf("  drivers of %s's long-run welfare%s: %s%n", first,
            "ALL".equals(closures.last()) ? "" : " (capital " + closures.last().replace('_', ' ') + ")", sb);
      }
    }
    spark.createDataFrame(headline, HEADLINE).coalesce(1).write().mode("overwrite").parquet(out + "/headline");
    print.printf("%nheadline written to %s/headline%n", out);
    print.flush();
    return new JobResult().count("scenarios", scenarios.size()).count("headline_rows", headline.size());
  }

  /** One scenario and closure's year-1 and long-run lines, printed and added to the headline. */
  private record Line(PrintStream print, List<Row> headline, Map<String, Row> byKey, String run, String scenario,
      String closure, int y1, int lr) {
    void line(String item, String label, String metric, String country, String sector, String partner) {
      line(item, label, metric, country, sector, partner, 1, "%+.3f");
    }

    void line(String item, String label, String metric, String country, String sector, String partner, double scale,
        String format) {
      Row a = byKey.get(key(scenario, metric, country, sector, partner, y1, closure));
      Row b = byKey.get(key(scenario, metric, country, sector, partner, lr, closure));
      if (a == null || b == null) {
        return;
      }
      print.printf("  %-40s %-28s %-28s%n", label, band(a, scale, format), band(b, scale, format));
      for (Row r : List.of(a, b)) {
        headline.add(RowFactory.create(run, scenario, item, country, partner, sector, r == a ? "year_1" : "long_run",
            r.getAs("year"), r.getAs("mean"), r.getAs("p05"), r.getAs("p50"), r.getAs("p95"), r.getAs("n_ok"),
            r.getAs("n_failed"), null, null, null, closure));
      }
    }
  }

  /** A row's closure; a table written before closures existed holds null there, which means labour only. */
  private static String closure(Row r) {
    int i = r.fieldIndex("closure");
    return r.isNullAt(i) ? "ALL" : r.getString(i);
  }

  private static String band(Row r, double scale, String format) {
    if (r.isNullAt(r.fieldIndex("mean"))) {
      return "n/a";
    }
    return String.format(Locale.ROOT, format + " [" + format + ", " + format + "]", scale * r.<Double>getAs("mean"),
        scale * r.<Double>getAs("p05"), scale * r.<Double>getAs("p95"));
  }

  /** The largest effects by the first method the sweep's design produced. */
  private static List<Row> drivers(List<Row> sensitivity, String scenario, String closure, int year, int count) {
    for (String method : DRIVER_METHODS) {
      List<Row> rows = new ArrayList<>(sensitivity.stream().filter(r -> scenario.equals(r.getAs("scenario_id"))
          && closure.equals(closure(r))
          && method.equals(r.getAs("method")) && Integer.valueOf(year).equals(r.getAs("year"))
          && !"ALL".equals(r.getAs("parameter"))).toList());
      if (!rows.isEmpty()) {
        rows.sort(Comparator.comparingDouble((Row r) -> -Math.abs(r.<Double>getAs("value")))
            .thenComparing(r -> r.<String>getAs("parameter")));
        return rows.subList(0, Math.min(count, rows.size()));
      }
    }
    return List.of();
  }

  /** The latest run (by the runs table's start time, else by id) whose summary has year-by-year welfare. */
  private static String latestPhaseInRun(SparkSession spark, JobContext ctx, Dataset<Row> summary) {
    List<String> candidates = summary.where(col("metric").equalTo("welfare_pct").and(col("year").isNotNull()))
        .select("run_id").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
    if (candidates.isEmpty()) {
      throw JobErrors.noPhaseInSweep();
    }
    Map<String, Long> started = new TreeMap<>();
    if (TableReader.exists(spark, ctx.warehouse(), Tables.RUNS)) {
      for (Row r : TableReader.read(spark, ctx.warehouse(), Tables.RUNS).where(col("run_id").isin(candidates.toArray()))
          .select("run_id", "started_at").collectAsList()) {
        started.put(r.getString(0), r.getTimestamp(1).getTime());
      }
    }
    return candidates.stream().max(Comparator.comparing((String id) -> started.getOrDefault(id, Long.MIN_VALUE))
        .thenComparing(id -> id)).orElseThrow();
  }

  private static String key(Object... parts) {
    StringBuilder sb = new StringBuilder();
    for (Object p : parts) {
      sb.append(p).append('|');
    }
    return sb.toString();
  }
}
