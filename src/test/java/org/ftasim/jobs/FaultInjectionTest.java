package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.table.RunCommits;
import org.ftasim.table.TableDef;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.TestSeams;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs killed with SIGKILL at known points (during and after their writes, and after their last write with the
 * outcome not yet recorded) in a separate JVM. The next job marks the run interrupted and takes its commits out,
 * so every table is back at its version before the run (checked table by table against that version), and the rerun
 * ends with the tables of an undisturbed pipeline (sweep_draws value for value) on a four-economy sample world.
 */
class FaultInjectionTest {
  private static final SparkSession spark = TestSpark.session();
  private static Path sample;
  private static Warehouse reference;

  @BeforeAll
  static void undisturbed() {
    Path dir = TestSpark.newDir("faults");
    sample = dir.resolve("sample");
    ok(LauncherContractTest.run("generate-sample", LauncherContractTest.tiny("--out", sample.toString(),
        "--warehouse", dir.resolve("sample-wh").toString())));
    reference = new Warehouse(dir.resolve("reference").toString());
    for (String[] stage : stages()) {
      ok(LauncherContractTest.run(stage[1], with(Arrays.copyOfRange(stage, 2, stage.length), reference)));
    }
  }

  /** The pipeline as {name, command, args...}. */
  private static List<String[]> stages() {
    return List.of(
        new String[] {"ingest", "ingest-flows", "--input", sample.resolve("baci").toString()},
        new String[] {"tariffs", "tariffs", "--input", sample.resolve("tariffs").toString(), "--set",
            "tariffs.scenarios=[bundled:kor-jpn-fta]", "--set", "tariffs.first_year=2022", "--set",
            "tariffs.last_year=2029", "--set", "tariffs.levels=[total]"},
        new String[] {"model-inputs", "model-inputs", "--io", sample.resolve("icio").resolve("2022.csv").toString(),
            "--io-format", "icio"},
        new String[] {"sweep", "sweep", "--config", Path.of("conf/sweeps/kj-default.yaml").toAbsolutePath().toString(),
            "--set", "sweep.draws=4", "--set", "sweep.bootstrap=0", "--set", "sweep.fta.closures=[fixed]"});
  }

  private static String[] with(String[] args, Warehouse wh, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--warehouse", wh.root()));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private static void ok(LauncherContractTest.Outcome o) {
    assertThat(o.code()).as(o.err()).isZero();
  }

  @Test
  void everyStageKilledAtEveryPointIsTakenOutAndItsRerunEqualsAnUndisturbedRun() throws Exception {
    Warehouse wh = new Warehouse(TestSpark.newDir("faults-killed").toString());
    Map<String, List<String>> points = new LinkedHashMap<>();
    // each stage once, and each kind of point at least once: mid-write (nothing committed), after a commit (the
    // run's commits taken out), after the last write with the outcome not recorded
    points.put("ingest", List.of("during-write:trade_flows"));
    points.put("tariffs", List.of("after-commit:tariff_effective"));
    points.put("model-inputs", List.of("before-record"));
    points.put("sweep", List.of("after-commit:sweep_summary"));
    for (String[] stage : stages()) {
      String[] args = Arrays.copyOfRange(stage, 2, stage.length);
      for (String point : points.get(stage[0])) {
        Map<TableDef, Long> before = versions(wh);
        String killed = "killed-" + stage[0] + "-" + point.replace(':', '-').replace('_', '-');
        killAt(point, stage[1], with(args, wh, "--run-id", killed));
        assertThat(status(wh, killed)).isEqualTo("running");

        LauncherContractTest.Outcome rerun = LauncherContractTest.run(stage[1], with(args, wh));
        ok(rerun);
        assertThat(rerun.err()).as(point).contains("run " + killed + " (" + stage[1]).contains("marked interrupted");
        assertThat(status(wh, killed)).isEqualTo("interrupted");
        for (TableDef t : Tables.curated()) {
          backToBefore(wh, t, before.get(t), killed);
        }
      }
    }
    same(wh, Tables.TRADE_FLOWS, "year", "exporter", "importer", "hs6", "hs_version", "value_usd", "quantity_t",
        "source_file");
    same(wh, Tables.INGEST_METRICS, "source_file", "lines_read", "accepted", "rejected", "value_usd");
    same(wh, Tables.TARIFF_EFFECTIVE, "scenario_id", "year", "importer", "exporter", "hs6", "rate", "mfn_rate",
        "source", "n_lines");
    same(wh, Tables.MODEL_TARIFFS, "inputs_id", "scenario_id", "year", "importer", "exporter", "sector", "tariff",
        "iceberg", "weight_usd");
    same(wh, Tables.MODEL_INPUTS, "inputs_id", "item", "region", "sector", "other", "ordinal", "value");
    same(wh, Tables.SWEEP_DRAWS, "scenario_id", "draw_id", "seed", "metric", "country", "sector", "partner", "year",
        "closure", "value", "converged", "iterations");
  }

  /** The latest version of every curated table, -1 for one that does not exist. */
  private static Map<TableDef, Long> versions(Warehouse wh) {
    Map<TableDef, Long> out = new LinkedHashMap<>();
    for (TableDef t : Tables.curated()) {
      // the log's latest version, without a history query (a Spark job per table and point)
      out.put(t, TableReader.exists(spark, wh, t) ? org.apache.spark.sql.delta.DeltaLog.forTable(spark, wh.path(t))
          .update(false, scala.Option.empty(), scala.Option.empty()).version() : -1L);
    }
    return out;
  }

  /**
   * After the next job's recovery the table is what it was before the killed run: the version its rollback restored
   * holds exactly the rows of the version before the run, or, for a table the run created, nothing of the run is
   * left in its history.
   */
  private static void backToBefore(Warehouse wh, TableDef t, long before, String killed) {
    if (!TableReader.exists(spark, wh, t)) {
      return;
    }
    List<Row> history = io.delta.tables.DeltaTable.forPath(spark, wh.path(t)).history()
        .select("version", "userMetadata").orderBy("version").collectAsList();
    long restored = history.stream().filter(r -> ("ftasim rollback of run " + killed).equals(r.getString(1)))
        .mapToLong(r -> r.getLong(0)).findFirst().orElse(-1);
    if (before < 0) {
      // the killed run created the table, if it got that far; its removal leaves nothing of it in the history
      assertThat(history).as(t.name()).noneMatch(r -> RunCommits.tag(killed).equals(r.getString(1)));
      return;
    }
    boolean touched = history.stream().anyMatch(r -> RunCommits.tag(killed).equals(r.getString(1)));
    if (!touched) {
      return;
    }
    assertThat(restored).as(t.name() + " has a rollback of " + killed).isPositive();
    Dataset<Row> then = comparable(spark.read().format("delta").option("versionAsOf", before).load(wh.path(t)));
    Dataset<Row> now = comparable(spark.read().format("delta").option("versionAsOf", restored).load(wh.path(t)));
    assertThat(then.exceptAll(now).count()).as(t.name()).isZero();
    assertThat(now.exceptAll(then).count()).as(t.name()).isZero();
  }

  /** Map columns as sorted entry arrays: set operations take no maps. */
  private static Dataset<Row> comparable(Dataset<Row> rows) {
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : rows.schema().fields()) {
      cols.add(f.dataType() instanceof org.apache.spark.sql.types.MapType
          ? org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.map_entries(col(f.name())))
              .as(f.name())
          : col(f.name()));
    }
    return rows.select(cols.toArray(new org.apache.spark.sql.Column[0]));
  }

  /**
   * The table holds what the undisturbed pipeline's does; a table whose rows are kept per run (ingest_metrics,
   * sweep_draws) holds that once for every rerun that finished.
   */
  private static void same(Warehouse wh, TableDef t, String... columns) {
    Dataset<Row> b = TableReader.read(spark, reference, t).selectExpr(columns);
    assertThat(b.count()).as(t.name()).isPositive();
    Dataset<Row> all = TableReader.read(spark, wh, t);
    List<String> runs = t == Tables.INGEST_METRICS || t == Tables.SWEEP_DRAWS
        ? all.select("run_id").distinct().collectAsList().stream().map(r -> r.getString(0)).toList() : List.of("");
    assertThat(runs).as(t.name()).isNotEmpty().noneMatch(r -> r.startsWith("killed-"));
    for (String run : runs) {
      Dataset<Row> a = (run.isEmpty() ? all : all.where(col("run_id").equalTo(run))).selectExpr(columns);
      assertThat(a.exceptAll(b).count()).as(t.name() + " " + run).isZero();
      assertThat(b.exceptAll(a).count()).as(t.name() + " " + run).isZero();
    }
  }

  private static String status(Warehouse wh, String runId) {
    return TableReader.read(spark, wh, Tables.RUNS).where(col("run_id").equalTo(runId)).select("status").first()
        .getString(0);
  }

  /** Runs ftasim in its own JVM until it reaches {@code point}, then kills it with SIGKILL. */
  private static void killAt(String point, String command, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(ChildJvm.ftasim(List.of("-D" + TestSeams.PAUSE_PROPERTY + "=" + point), command));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--master", "local[2]"));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CountDownLatch paused = new CountDownLatch(1);
    StringBuilder err = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (err) {
            err.append(line).append('\n');
          }
          if (line.equals("ftasim-test: paused at " + point)) {
            paused.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // the process was killed
      }
    });
    reader.setDaemon(true);
    reader.start();
    boolean reached = paused.await(300, TimeUnit.SECONDS);
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
    p.waitFor(60, TimeUnit.SECONDS);
    synchronized (err) {
      assertThat(reached).as(command + " never reached " + point + ":\n" + err).isTrue();
    }
  }
}
