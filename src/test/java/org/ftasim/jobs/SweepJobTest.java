package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.SharedData;
import org.ftasim.TestSpark;
import org.ftasim.sweep.Ishigami;
import org.junit.jupiter.api.Test;

class SweepJobTest {
  private final SparkSession spark = TestSpark.session();

  private static LauncherContractTest.Outcome sweep(Path wh, String runId, String... more) {
    String[] base = {"--warehouse", wh.toString(), "--run-id", runId};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return LauncherContractTest.run("sweep", all);
  }

  /** The shipped self-check: 4096 base points (20,480 runs) recover the analytic indices within 0.02. */
  @Test
  void ishigamiSobolIndicesFromTheShippedConfig() throws Exception {
    Path wh = TestSpark.newDir("ishigami");
    LauncherContractTest.Outcome o = sweep(wh, "ish", "--config", "conf/sweeps/ishigami.yaml",
        "--set", "sweep.progress_seconds=1");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.summary(false).get("counts").get("draws").asLong()).isEqualTo(4096 * 5);
    double[][] exact = new Ishigami(7, 0.1).analyticIndices();
    List<Row> rows = spark.read().format("delta").load(wh.resolve("sweep_sensitivity").toString())
        .orderBy("method", "parameter").collectAsList();
    assertThat(rows).hasSize(6);
    for (Row r : rows) {
      int k = r.<String>getAs("parameter").charAt(1) - '1';
      double expected = exact[r.<String>getAs("method").equals("sobol_first") ? 0 : 1][k];
      assertThat(r.<Double>getAs("value")).as(r.toString()).isCloseTo(expected, within(0.02));
      assertThat(r.<Double>getAs("ci_low")).isLessThanOrEqualTo(r.<Double>getAs("ci_high"));
    }
    Row summary = spark.read().format("delta").load(wh.resolve("sweep_summary").toString()).first();
    assertThat(summary.<Long>getAs("n_ok")).isEqualTo(4096L * 5);
    assertThat(summary.<Double>getAs("mean")).isCloseTo(3.5, within(0.1)); // E[f] = a/2
    assertThat(o.err()).contains("draws/s");
  }

  /** Same seed ⇒ bit-identical sweep_draws with 1 and 7 partitions, and after a task that fails once and is retried. */
  @Test
  void drawsDoNotDependOnPartitioningOrRetries() throws Exception {
    String data = SharedData.require("cp2015-nafta").toString();
    Path wh = TestSpark.newDir("determinism");
    String[] common = {"--set", "sweep.model=cp", "--set", "sweep.data=" + data, "--set", "sweep.design=latin_hypercube",
        "--set", "sweep.draws=14", "--set", "sweep.cp.regions=[Mexico, Canada]",
        "--set", "sweep.parameters=[{name: theta.scale, dist: lognormal, median: 1, log_sd: 0.3, min: 0.4},"
            + " {name: theta.Auto, dist: normal, mean: 8.22, sd: 3, min: 1}]"};
    assertThat(sweep(wh, "p1", concat(common, "--set", "sweep.partitions=1")).code()).isZero();
    assertThat(sweep(wh, "p7", concat(common, "--set", "sweep.partitions=7")).code()).isZero();
    java.util.concurrent.atomic.AtomicInteger failedAttempts = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
          failedAttempts.incrementAndGet();
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    LauncherContractTest.Outcome retried;
    System.setProperty(org.ftasim.sweep.spark.SweepRunner.INJECT_FAILURE_PROPERTY, "3");
    try {
      retried = sweep(wh, "p7r", concat(common, "--set", "sweep.partitions=7"));
    } finally {
      System.clearProperty(org.ftasim.sweep.spark.SweepRunner.INJECT_FAILURE_PROPERTY);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.sparkContext().removeSparkListener(listener);
    }
    assertThat(retried.code()).as(retried.err()).isZero();
    assertThat(failedAttempts.get()).as("the injected failure made one task attempt fail").isEqualTo(1);

    List<String> p1 = drawsOf(wh, "p1");
    assertThat(p1).hasSize(14 * 2 * 5);
    assertThat(drawsOf(wh, "p7")).containsExactlyElementsOf(p1);
    assertThat(drawsOf(wh, "p7r")).containsExactlyElementsOf(p1);
  }

  @Test
  void failedDrawsAreKeptFlaggedAndCounted() throws Exception {
    String data = SharedData.require("gegravity-sample/sample_data_set.csv").toString();
    Path wh = TestSpark.newDir("failures");
    String[] args = {"--set", "sweep.model=gravity", "--set", "sweep.data=" + data, "--set", "sweep.design=monte_carlo",
        "--set", "sweep.draws=40", "--set", "sweep.gravity.reference=USA",
        "--set", "sweep.gravity.cost=lndist=-0.39,contiguity=0.89,pta=0.47,international=-3.41",
        "--set", "sweep.gravity.counterfactual=[\"pta=1@CAN:JPN,JPN:CAN\"]",
        "--set", "sweep.parameters=[{name: sigma, dist: uniform, low: 0.5, high: 6}]"};
    LauncherContractTest.Outcome tolerant = sweep(wh, "f1", concat(args, "--set", "sweep.max_failed_share=1"));
    assertThat(tolerant.code()).as(tolerant.err()).isZero();
    long failed = tolerant.summary(false).get("counts").get("failed_draws").asLong();
    // sigma <= 1 is invalid: exactly the draws of the seeded design with sigma <= 1 fail
    org.ftasim.sweep.SweepDesign design = new org.ftasim.sweep.SweepDesign(
        org.ftasim.sweep.SweepDesign.Kind.MONTE_CARLO, List.of(new org.ftasim.sweep.Parameter("sigma",
            org.ftasim.sweep.Distribution.uniform(0.5, 6), null)),
        org.ftasim.config.ConfigLoader.load(null, List.of()).config().seed(), 40);
    long invalid = java.util.stream.LongStream.range(0, 40).filter(d -> design.values(d)[0] <= 1).count();
    assertThat(invalid).isPositive();
    assertThat(failed).isEqualTo(invalid);
    List<Row> flagged = spark.read().format("delta").load(wh.resolve("sweep_draws").toString())
        .where("run_id = 'f1' and not converged").collectAsList();
    assertThat(flagged).hasSize((int) failed);
    assertThat(flagged).allSatisfy(r -> assertThat(r.<String, Double>getJavaMap(
        r.fieldIndex("parameters")).get("sigma")).isLessThanOrEqualTo(1.0));
    assertThat(flagged).allSatisfy(r -> assertThat(r.<String>getAs("error"))
        .startsWith("ModelDataException: sigma is").contains("must be finite and > 1"));
    assertThat(spark.read().format("delta").load(wh.resolve("sweep_draws").toString())
        .where("run_id = 'f1' and converged and error is not null").count()).isZero();
    Row can = spark.read().format("delta").load(wh.resolve("sweep_summary").toString())
        .where("run_id = 'f1' and metric = 'real_gdp_pct' and country = 'CAN'").first();
    assertThat(can.<Long>getAs("n_ok")).isEqualTo(40 - failed);
    assertThat(can.<Double>getAs("p05")).isLessThan(can.<Double>getAs("p95"));
    summaryIsSparkSqlsAggregates(wh, "f1");

    long versionBefore = io.delta.tables.DeltaTable.forPath(spark, wh.resolve("sweep_draws").toString()).history(1)
        .first().getLong(0);
    LauncherContractTest.Outcome strict = sweep(wh, "f2", args);
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.err()).contains("more than sweep.max_failed_share = 0.05");
    // the check comes after the three tables are written: the failed run takes its commits out again
    assertThat(strict.err()).contains("rolled back sweep_draws: restored to version " + versionBefore)
        .contains("rolled back sweep_summary: restored").contains("rolled back sweep_sensitivity: restored");
    for (String table : List.of("sweep_draws", "sweep_summary", "sweep_sensitivity")) {
      assertThat(spark.read().format("delta").load(wh.resolve(table).toString()).where("run_id = 'f2'").count())
          .as(table).isZero();
    }
    assertThat(org.ftasim.table.TableReader.read(spark, new org.ftasim.table.Warehouse(wh.toString()),
        org.ftasim.table.Tables.RUNS).where("run_id = 'f2'").first()
        .<String>getAs("error")).contains("rolled back: sweep_draws: restored to version " + versionBefore);
  }

  /**
   * sweep_summary, computed per outcome in draw order, against Spark SQL's own aggregates of the stored draws: counts
   * equal, statistics within rounding (the order of summation is the only difference).
   */
  private void summaryIsSparkSqlsAggregates(Path wh, String runId) {
    spark.read().format("delta").load(wh.resolve("sweep_draws").toString()).where("run_id = '" + runId + "'")
        .createOrReplaceTempView("summary_draws");
    String key = "scenario_id, metric, country, sector, partner, year, closure";
    List<Row> expected = spark.sql("SELECT " + key + ", sum(CASE WHEN converged THEN 1 ELSE 0 END) n_ok,"
        + " sum(CASE WHEN converged THEN 0 ELSE 1 END) n_failed, avg(CASE WHEN converged THEN value END) mean,"
        + " stddev_samp(CASE WHEN converged THEN value END) sd,"
        + " percentile(CASE WHEN converged THEN value END, array(0.05, 0.5, 0.95)) q"
        + " FROM summary_draws GROUP BY " + key + " ORDER BY " + key).collectAsList();
    spark.read().format("delta").load(wh.resolve("sweep_summary").toString()).where("run_id = '" + runId + "'")
        .createOrReplaceTempView("summary_rows");
    List<Row> actual = spark.sql("SELECT * FROM summary_rows ORDER BY " + key).collectAsList();
    assertThat(actual).hasSameSizeAs(expected).hasSizeGreaterThan(10);
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      assertThat(a.<Long>getAs("n_ok")).isEqualTo(e.<Long>getAs("n_ok"));
      assertThat(a.<Long>getAs("n_failed")).isEqualTo(e.<Long>getAs("n_failed"));
      List<Double> q = e.isNullAt(e.fieldIndex("q")) ? null : e.getList(e.fieldIndex("q"));
      String[] names = {"mean", "sd", "p05", "p50", "p95"};
      Double[] want = {e.getAs("mean"), e.getAs("sd"), q == null ? null : q.get(0), q == null ? null : q.get(1),
          q == null ? null : q.get(2)};
      for (int c = 0; c < names.length; c++) {
        Double got = a.getAs(names[c]);
        if (want[c] == null) {
          assertThat(got).as("%s of %s", names[c], e).isNull();
        } else {
          assertThat(got).as("%s of %s", names[c], e)
              .isCloseTo(want[c], within(1e-12 * Math.max(1, Math.abs(want[c]))));
        }
      }
    }
  }

  /** A quadrature design reports its rule's mean and sd (equal weights, no n − 1) and no percentiles. */
  @Test
  void quadratureSummariesAreTheRulesMoments() throws Exception {
    String data = SharedData.require("gegravity-sample/sample_data_set.csv").toString();
    Path wh = TestSpark.newDir("quadrature");
    LauncherContractTest.Outcome o = sweep(wh, "q1", "--set", "sweep.model=gravity", "--set", "sweep.data=" + data,
        "--set", "sweep.design=quadrature", "--set", "sweep.gravity.reference=USA",
        "--set", "sweep.gravity.cost=lndist=-0.39,contiguity=0.89,pta=0.47,international=-3.41",
        "--set", "sweep.gravity.counterfactual=[\"pta=1@CAN:JPN,JPN:CAN\"]",
        "--set", "sweep.parameters=[{name: sigma, dist: normal, mean: 5, sd: 0.5}, {name: cost.pta, dist: uniform, "
            + "low: 0.3, high: 0.6}]");
    assertThat(o.code()).as(o.err()).isZero();
    List<Double> values = spark.read().format("delta").load(wh.resolve("sweep_draws").toString())
        .where("run_id = 'q1' and metric = 'real_gdp_pct' and country = 'CAN'").orderBy("draw_id")
        .select("value").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList();
    assertThat(values).hasSize(4);
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / 4;
    Row can = spark.read().format("delta").load(wh.resolve("sweep_summary").toString())
        .where("run_id = 'q1' and metric = 'real_gdp_pct' and country = 'CAN'").first();
    assertThat(can.<Double>getAs("mean")).isCloseTo(mean, within(1e-12));
    assertThat(can.<Double>getAs("sd")).isCloseTo(Math.sqrt(var), within(1e-12));
    assertThat(can.isNullAt(can.fieldIndex("p05"))).isTrue();
    assertThat(can.isNullAt(can.fieldIndex("p95"))).isTrue();
  }

  @Test
  void oneAtATimeGivesTornadoEffects() throws Exception {
    Path wh = TestSpark.newDir("oat");
    LauncherContractTest.Outcome o = sweep(wh, "oat", "--config", "conf/sweeps/ishigami.yaml",
        "--set", "sweep.design=oat");
    assertThat(o.code()).as(o.err()).isZero();
    List<Row> rows = spark.read().format("delta").load(wh.resolve("sweep_sensitivity").toString())
        .where("parameter = 'x1'").orderBy("method").collectAsList();
    assertThat(rows).extracting(r -> r.<String>getAs("method")).containsExactly("oat_high", "oat_low");
    // f(x1 = q95, 0, 0) − f(0, 0, 0) = sin(0.9π)
    assertThat(rows.get(0).<Double>getAs("value")).isCloseTo(Math.sin(0.9 * Math.PI), within(1e-9));
  }

  @Test
  void smartSweepOverElasticities() throws Exception {
    Path dir = TestSpark.newDir("smart");
    Path file = dir.resolve("markets.csv");
    Files.writeString(file, "importer,product,exporter,imports,tariff,new_tariff\n"
        + "KOR,870323,JPN,100,0.08,0\nKOR,870323,USA,50,0.08,0.08\nJPN,030617,KOR,20,0.05,0\n");
    LauncherContractTest.Outcome o = sweep(dir.resolve("wh"), "smart", "--set", "sweep.model=smart",
        "--set", "sweep.data=" + file, "--set", "sweep.design=latin_hypercube", "--set", "sweep.draws=20",
        "--set", "sweep.parameters=[{name: import_demand, dist: triangular, low: 0.5, mode: 1.5, high: 3},"
            + " {name: substitution, dist: uniform, low: 0.5, high: 3}]");
    assertThat(o.code()).as(o.err()).isZero();
    Row kor = spark.read().format("delta").load(dir.resolve("wh/sweep_summary").toString())
        .where("metric = 'trade_creation' and country = 'KOR'").first();
    assertThat(kor.<Long>getAs("n_ok")).isEqualTo(20);
    assertThat(kor.<Double>getAs("p05")).isPositive().isLessThan(kor.<Double>getAs("p95"));
  }

  @Test
  void anUnknownParameterIsAUserError() {
    LauncherContractTest.Outcome o = sweep(TestSpark.newDir("bad"), "bad", "--config", "conf/sweeps/ishigami.yaml",
        "--set", "sweep.parameters=[{name: x9, dist: uniform, low: 0, high: 1}]");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("x9").contains("x1, x2, x3");
    LauncherContractTest.Outcome missing = sweep(TestSpark.newDir("bad2"), "bad2", "--config",
        "conf/sweeps/ishigami.yaml", "--set", "sweep.parameters=[{name: x1, dist: normal, mean: 0}]");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("sweep.parameters.0.sd").contains("needs mean and sd");
  }

  private List<String> drawsOf(Path wh, String runId) {
    return spark.read().format("delta").load(wh.resolve("sweep_draws").toString())
        .where("run_id = '" + runId + "'").drop("run_id").collectAsList().stream()
        .map(r -> r.getLong(r.fieldIndex("draw_id")) + "|" + r.getAs("metric") + "|" + r.getAs("country") + "|"
            + Double.doubleToRawLongBits(r.getDouble(r.fieldIndex("value"))) + "|" + r.getJavaMap(r.fieldIndex("parameters"))
            + "|" + r.getAs("iterations") + "|" + Double.doubleToRawLongBits(r.getDouble(r.fieldIndex("residual"))))
        .sorted(Comparator.naturalOrder()).toList();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
