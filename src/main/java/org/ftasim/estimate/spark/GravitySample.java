package org.ftasim.estimate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ftasim.estimate.EstimateErrors;
import org.ftasim.model.ppml.Formula;

/**
 * The estimation sample of a gravity panel: derived columns, the years and the filter the user asked for, then a
 * check that every flow is a finite number {@code >= 0}, every covariate finite and every fixed-effect column
 * filled. A bad value stops the job naming the column, how many rows have it, and the first such row.
 */
public final class GravitySample {
  private GravitySample() {}

  /**
   * @param source what the rows came from, for messages (a file path)
   * @param derived {@code NAME=SQL expression} columns added first, in order
   * @param years kept years (column {@code year}), or empty for all
   * @param where a Spark SQL condition on the rows, or null
   */
  public static Dataset<Row> select(Dataset<Row> raw, String source, Formula formula, List<String> cluster,
      List<String> derived, List<Integer> years, String where) {
    Dataset<Row> data = derive(raw, source, derived);
    Set<String> needed = new LinkedHashSet<>(formula.columns());
    if (cluster != null) {
      needed.addAll(cluster);
    }
    if (!years.isEmpty()) {
      needed.add("year");
    }
    List<String> have = Arrays.asList(data.columns());
    for (String c : needed) {
      if (!have.contains(c)) {
        throw EstimateErrors.noSuchColumn(source, c, String.valueOf(formula), cluster != null && cluster.contains(c),
            have);
      }
    }
    if (!years.isEmpty()) {
      data = data.filter(col("year").cast("int").isin(years.toArray()));
    }
    if (where != null) {
      Dataset<Row> d = data;
      data = analysed(() -> d.filter(expr(where)), "--where \"" + where + "\"", source, d);
    }
    List<String> expressions = new ArrayList<>(derived.stream().map(d -> "--with " + d).toList());
    if (where != null) {
      expressions.add("--where " + where);
    }
    expressions.add("the casts of the formula's columns to numbers");
    check(data, source, formula, cluster, expressions);
    return data;
  }

  /**
   * A panel whose flows come from {@code trade_flows}: the rows of {@code grid} (exporter, importer, year and the
   * covariates; its own trade column, if any, is replaced) take as {@code trade} the sum of trade_flows' value_usd
   * over HS6 for international pairs, the {@code domestic} file's trade (exporter, year, trade) for domestic ones,
   * and 0 where neither has a flow — PPML needs the zeros. Column {@code __source} says which: flows, domestic or
   * zero.
   */
  public static Dataset<Row> withFlows(Dataset<Row> grid, Dataset<Row> tradeFlows, Dataset<Row> domestic) {
    Dataset<Row> flows = tradeFlows.groupBy(col("exporter").as("__f_exporter"), col("importer").as("__f_importer"),
        col("year").as("__f_year")).agg(sum(col("value_usd")).as("__flow"));
    Dataset<Row> home = domestic.select(col("exporter").as("__dom_exporter"),
        col("year").cast("int").as("__dom_year"), col("trade").cast("double").as("__domestic"));
    Dataset<Row> g = grid.drop("trade").withColumn("year", col("year").cast("int"));
    return g.join(flows, col("exporter").equalTo(col("__f_exporter")).and(col("importer").equalTo(
            col("__f_importer"))).and(col("year").equalTo(col("__f_year")))
            .and(col("exporter").notEqual(col("importer"))), "left")
        .drop("__f_exporter", "__f_importer", "__f_year")
        .join(home, col("exporter").equalTo(col("__dom_exporter")).and(col("year").equalTo(col("__dom_year")))
            .and(col("exporter").equalTo(col("importer"))), "left")
        .withColumn("trade", when(col("__flow").isNotNull(), col("__flow"))
            .when(col("__domestic").isNotNull(), col("__domestic")).otherwise(lit(0.0)))
        .withColumn("__source", when(col("__flow").isNotNull(), lit("flows"))
            .when(col("__domestic").isNotNull(), lit("domestic")).otherwise(lit("zero")))
        .drop("__flow", "__domestic", "__dom_exporter", "__dom_year");
  }

  /**
   * Runs a Spark action on rows built with the user's expressions: a data error Spark raises while evaluating them
   * (SQLSTATE class 22: a cast of malformed text, a division by zero, an overflow) is the user's, named with the
   * expressions.
   */
  public static <T> T evaluating(String source, List<String> expressions, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.apache.spark.SparkThrowable st && st.getSqlState() != null
            && st.getSqlState().startsWith("22")) {
          throw EstimateErrors.evaluationFailed(String.join(" ", expressions), source, firstLine(t.getMessage()), e);
        }
      }
      throw e;
    }
  }

  /** Adds the {@code NAME=SQL expression} columns, in order; a bad expression is the user's, with the columns. */
  public static Dataset<Row> derive(Dataset<Row> raw, String source, List<String> derived) {
    Dataset<Row> data = raw;
    for (String d : derived) {
      int eq = d.indexOf('=');
      if (eq <= 0) {
        throw EstimateErrors.notADerivedColumn(d);
      }
      data = analysedColumn(data, d.substring(0, eq).trim(), d.substring(eq + 1), d, source);
    }
    return data;
  }

  private static Dataset<Row> analysedColumn(Dataset<Row> data, String name, String expression, String option,
      String source) {
    return analysed(() -> data.withColumn(name, expr(expression)), "--with " + option, source, data);
  }

  private static Dataset<Row> analysed(java.util.function.Supplier<Dataset<Row>> build, String option,
      String source, Dataset<Row> data) {
    try {
      return build.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw EstimateErrors.notEvaluable(option, source, firstLine(e.getMessage()), Arrays.asList(data.columns()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void check(Dataset<Row> data, String source, Formula formula, List<String> cluster,
      List<String> expressions) {
    List<String> names = new ArrayList<>();
    List<Column> bad = new ArrayList<>();
    Column y = col(formula.dependent()).cast("double");
    names.add("flow '" + formula.dependent() + "' is missing, not a number or infinite");
    bad.add(notFinite(y));
    names.add("flow '" + formula.dependent() + "' is negative");
    bad.add(y.lt(0));
    for (String x : formula.covariates()) {
      names.add("covariate '" + x + "' is missing, not a number or infinite");
      bad.add(notFinite(col(x).cast("double")));
    }
    Set<String> effects = new LinkedHashSet<>();
    formula.fixedEffects().forEach(effects::addAll);
    if (cluster != null) {
      effects.addAll(cluster);
    }
    for (String c : effects) {
      names.add("fixed-effect column '" + c + "' is empty");
      bad.add(col(c).isNull());
    }
    Column[] counts = new Column[bad.size() + 1];
    for (int i = 0; i < bad.size(); i++) {
      counts[i] = sum(when(bad.get(i), lit(1L)).otherwise(lit(0L)));
    }
    counts[bad.size()] = org.apache.spark.sql.functions.count(lit(1));
    Row r = evaluating(source, expressions, () -> data.agg(counts[0],
        Arrays.copyOfRange(counts, 1, counts.length)).first());
    long rows = r.getLong(bad.size());
    if (rows == 0) {
      throw EstimateErrors.noRowsLeft(source);
    }
    for (int i = 0; i < bad.size(); i++) {
      long n = r.isNullAt(i) ? 0 : r.getLong(i);
      if (n > 0) {
        Row first = data.filter(bad.get(i)).first();
        throw EstimateErrors.badRows(source, n, rows, names.get(i), describe(first));
      }
    }
  }

  private static Column notFinite(Column c) {
    return c.isNull().or(c.isNaN()).or(c.equalTo(Double.POSITIVE_INFINITY))
        .or(c.equalTo(Double.NEGATIVE_INFINITY));
  }

  private static String describe(Row r) {
    StringBuilder sb = new StringBuilder("{");
    String[] f = r.schema().fieldNames();
    for (int i = 0; i < f.length && i < 12; i++) {
      sb.append(i == 0 ? "" : ", ").append(f[i]).append('=').append(r.isNullAt(i) ? "(empty)" : r.get(i));
    }
    return sb.append(f.length > 12 ? ", …}" : "}").toString();
  }
}
