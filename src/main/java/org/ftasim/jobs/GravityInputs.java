package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.estimate.spark.GravityPanel;
import org.ftasim.estimate.spark.GravitySample;
import org.ftasim.inputs.CsvTable;
import org.ftasim.inputs.GravityTable;
import org.ftasim.model.gravity.GravityData;
import org.ftasim.model.gravity.PairCosts;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;

/**
 * Gravity tables for solve-gravity and the gravity sweep when their costs come from an estimate-gravity run: the
 * data read with the user's derived columns, joined to the run's pair effects, the missing ones filled.
 */
final class GravityInputs {
  private GravityInputs() {}

  /** "a + b + c" as terms. */
  static List<String> terms(String spec) {
    return spec.isBlank() ? List.of() : List.of(spec.trim().split("\\s*\\+\\s*"));
  }

  /**
   * The gravity data with a {@code pair_effect} covariate, and the cost function from an estimate run: β by term
   * (and pair_effect = 1), with the run's β̂ and V̂ in term order for draws.
   */
  record Estimated(GravityData data, Map<String, Double> cost, List<String> terms, double[] beta,
      double[] covariance, String note) {}

  static final String PAIR_EFFECT = "pair_effect";

  /** Costs from estimate run {@code runId} on the gravity table {@code source} (one year of it). */
  static Estimated fromEstimates(SparkSession spark, Warehouse warehouse, String source, Integer year,
      List<String> with, String runId, String pairTerm, List<String> fill) {
    List<Row> estimates = TableReader.read(spark, warehouse, Tables.GRAVITY_ESTIMATES)
        .filter(col("run_id").equalTo(runId)).orderBy("term_index").select("term", "estimate", "formula",
            "covariance").collectAsList();
    if (estimates.isEmpty()) {
      List<String> runs = TableReader.read(spark, warehouse, Tables.GRAVITY_ESTIMATES).select("run_id")
          .distinct().orderBy("run_id").as(Encoders.STRING()).collectAsList();
      throw JobErrors.noEstimatesRun(runId, runs);
    }
    String formula = estimates.get(0).getString(2);
    Dataset<Row> effects = TableReader.read(spark, warehouse, Tables.GRAVITY_FIXED_EFFECTS)
        .filter(col("run_id").equalTo(runId).and(col("fixed_effect").equalTo(pairTerm)))
        .select(col("level").as("__level"), col("estimate").as("__pair_effect"));
    List<String> pairColumns = List.of(pairTerm.split("\\^"));
    CsvTable table = collected(spark, source, year, with, pairColumns, effects);
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
      throw JobErrors.noPairLevel(runId, source, pairTerm, formula);
    }
    PairCosts.Filled filled = PairCosts.fill(base, lnPair, fill);
    Map<String, double[]> covariates = new java.util.LinkedHashMap<>(base.covariates());
    covariates.put(PAIR_EFFECT, filled.lnPair());
    GravityData data = new GravityData(base.countries(), base.trade(), covariates, base.output(),
        base.expenditure());
    Map<String, Double> cost = new java.util.LinkedHashMap<>();
    List<String> terms = new ArrayList<>();
    int k = estimates.size();
    double[] beta = new double[k];
    double[] covariance = new double[k * k];
    for (int q = 0; q < k; q++) {
      Row e = estimates.get(q);
      terms.add(e.getString(0));
      beta[q] = e.getDouble(1);
      List<Double> row = e.getList(3);
      for (int p = 0; p < k; p++) {
        covariance[q * k + p] = row.get(p);
      }
      if (!covariates.containsKey(e.getString(0))) {
        throw JobErrors.notACovariate(runId, e.getString(0), source);
      }
      cost.put(e.getString(0), e.getDouble(1));
    }
    cost.put(PAIR_EFFECT, 1.0);
    String note = String.format(Locale.ROOT, "costs from estimate %s (%s): %s + the pair effect, estimated for %d "
        + "pairs, filled for %d%s", runId, formula, cost.entrySet().stream().filter(c -> !c.getKey().equals(
            PAIR_EFFECT)).map(c -> c.getKey() + "=" + c.getValue()).toList(), filled.estimated(), filled.filled(),
        filled.filled() > 0 ? " by PPML on " + filled.fillCoefficients() : "");
    return new Estimated(data, cost, terms, beta, covariance, note);
  }

  /**
   * The data file read by Spark, with the --with columns, narrowed to the year, as a table in the driver (every
   * value as text); with {@code effects}, each row gains the pair effect of its level of {@code pairColumns}.
   */
  static CsvTable collected(SparkSession spark, String source, Integer year, List<String> with,
      List<String> pairColumns, Dataset<Row> effects) {
    Dataset<Row> d = GravitySample.derive(EstimateGravityJob.readCsv(spark, source), source, with);
    if (year != null && List.of(d.columns()).contains("year")) {
      d = d.filter(col("year").cast("int").equalTo(year));
    }
    for (String c : pairColumns) {
      if (!List.of(d.columns()).contains(c)) {
        throw JobErrors.noPairColumn(source, c, List.of(d.columns()));
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
    List<String> expressions = with.stream().map(w -> "--with " + w).toList();
    for (Row r : GravitySample.evaluating(source, expressions, all::collectAsList)) {
      String[] cells = new String[header.size()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = r.isNullAt(i) ? "" : r.getString(i);
      }
      rows.add(cells);
    }
    return CsvTable.of(java.nio.file.Path.of(source), header, rows, "exporter", "importer", "trade");
  }


}
