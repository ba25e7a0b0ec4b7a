package org.ftasim.jobs;

import static org.apache.spark.sql.functions.regexp_replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.ftasim.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on a real standalone Spark cluster — a Master and two Workers with one core each on 127.0.0.1,
 * their own JVMs started from the Maven build's jars by {@code jobs/cluster} — submitted through spark-submit's
 * entry class in client mode, and compared with the same command in local mode. The command is {@code ftasim demo}
 * on a four-economy sample: generate → ingest → tariffs → model inputs → a phase-in sweep → export → report, one
 * submit; local mode runs beside the cluster, in the test's JVM. {@code sweep_draws} must be equal bit for bit,
 * every other table row for row (the summary's means and percentiles to 1e-12: Spark's partial aggregates may meet
 * in another order). Every process the cluster started
 * is stopped by PID, even on failure, and {@code jobs/cluster stop} fails if a port of the cluster is left open.
 * The cluster's exported result sets stay in {@code target/cluster-it/wh-cluster/results} for the notebooks.
 *
 * <p>Mid-sweep, the executor running the first task of the {@code sweep_draws} write is killed with SIGKILL (a test
 * seam pauses that task once, {@code ftasim.test.pauseOnceAt}); the worker starts another executor, Spark runs the
 * lost task again, and the results must still equal local mode's.
 */
class StandaloneClusterIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path WORK = ROOT.resolve("target/cluster-it");
  private static final List<String> DEMO = List.of("demo", "--countries", "4", "--products", "500", "--years",
      "2022", "--draws", "16", "--run-id", "it-demo");
  private final SparkSession spark = TestSpark.session();

  @Test
  void theDemoOnAStandaloneClusterGivesTheLocalResults() throws Exception {
    deleteTree(WORK);
    Files.createDirectories(WORK);
    Path local = WORK.resolve("wh-local");
    List<String> args = new ArrayList<>(DEMO.subList(1, DEMO.size()));
    args.addAll(List.of("--warehouse", local.toString()));
    // Local mode runs in this JVM while the cluster starts and runs its submit: both spend much of their time waiting
    // on JVM starts, commits and scheduling, so side by side they finish sooner than one after the other.
    ExecutorService beside = Executors.newSingleThreadExecutor();
    Future<LauncherContractTest.Outcome> localDemo = beside.submit(() -> {
      long t0 = System.nanoTime();
      LauncherContractTest.Outcome o = LauncherContractTest.run(DEMO.get(0), args.toArray(new String[0]));
      System.out.printf("local mode: demo in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      return o;
    });
    beside.shutdown();

    Path cluster = WORK.resolve("wh-cluster");
    Path state = WORK.resolve("cluster");
    long start = System.nanoTime();
    String out;
    Path paused = WORK.resolve("sweep-task-paused");
    String killed;
    try {
      run(List.of("jobs/cluster", "start", state.toString(), "2", "1"), paused);
      List<String> cmd = new ArrayList<>(List.of("jobs/cluster", "submit", state.toString()));
      cmd.addAll(DEMO);
      cmd.addAll(List.of("--warehouse", cluster.toString()));
      Process submit = start(cmd, paused);
      killed = killPausedExecutor(paused, submit);
      out = finish(submit, cmd);
    } finally {
      run(List.of("jobs/cluster", "stop", state.toString()), paused);
    }
    LauncherContractTest.Outcome o = localDemo.get(15, TimeUnit.MINUTES);
    assertThat(o.code()).as(o.err()).isZero();
    System.out.println("standalone cluster: killed executor " + killed + " mid-sweep");
    assertThat(killed).contains("CoarseGrainedExecutorBackend");
    System.out.printf("standalone cluster: start, the demo's submit and stop in %.1f s%n",
        (System.nanoTime() - start) / 1e9);
    assertThat(out).contains("\"status\":\"ok\"");
    for (String pid : List.of("master.pid", "worker-1.pid", "worker-2.pid")) {
      assertThat(state.resolve(pid)).as("stopped and removed").doesNotExist();
    }

    String[][] tables = {
        {"sweep_draws", "scenario_id, draw_id, metric, country, sector, partner, year"},
        {"model_tariffs", "inputs_id, scenario_id, year, importer, exporter, sector"},
        {"model_inputs", "inputs_id, item, region, sector, other"},
        {"tariff_aggregates", "scenario_id, year, importer, exporter, level, code"},
        {"tariff_effective", "scenario_id, year, importer, exporter, hs6"},
        {"tariff_schedules", "source_file, line_number"},
        {"trade_flows", "year, exporter, importer, hs6"},
        {"trade_flows_rejects", "source_file, line_number"},
        {"ingest_metrics", "source_file"},
        {"import_dependence", "year, importer, hs6"},
        {"smart_effects", "scenario_id, importer, exporter, hs6"},
        {"smart_summary", "scenario_id, importer, exporter, level, code"}};
    for (String[] t : tables) {
      List<Row> a = rows(local, t[0], t[1]);
      List<Row> b = rows(cluster, t[0], t[1]);
      assertThat(a).as(t[0]).isNotEmpty();
      assertThat(b).as("cluster = local: " + t[0]).isEqualTo(a);
    }
    String key = "scenario_id, metric, country, sector, partner, year, closure";
    List<Row> a = rows(local, "sweep_summary", key);
    List<Row> b = rows(cluster, "sweep_summary", key);
    assertThat(b).hasSameSizeAs(a).isNotEmpty();
    for (int i = 0; i < a.size(); i++) {
      for (String c : List.of("n_ok", "n_failed")) {
        assertThat(b.get(i).<Long>getAs(c)).isEqualTo(a.get(i).<Long>getAs(c));
      }
      for (String c : List.of("mean", "sd", "p05", "p50", "p95")) {
        Double x = a.get(i).getAs(c);
        Double y = b.get(i).getAs(c);
        if (x == null || y == null) {
          assertThat(y).as(c).isEqualTo(x);
        } else {
          assertThat(y).as("%s of %s", c, a.get(i)).isCloseTo(x, within(1e-12 * Math.max(1, Math.abs(x))));
        }
      }
    }
    assertThat(Files.isDirectory(cluster.resolve("results/sweep_summary"))).isTrue();
    List<Row> runs = spark.read().format("delta").load(cluster.resolve("runs").toString())
        .select("spark_master").distinct().collectAsList();
    assertThat(runs).singleElement().satisfies(r -> assertThat(r.getString(0)).startsWith("spark://127.0.0.1:"));
  }

  /** A table's rows without the run-specific columns (run id, wall time, paths), sorted by its key. */
  private List<Row> rows(Path warehouse, String table, String key) {
    var df = spark.read().format("delta").load(warehouse.resolve(table).toString()).drop("run_id", "seconds");
    if (Arrays.asList(df.columns()).contains("source_path")) {
      df = df.withColumn("source_path", regexp_replace(df.col("source_path"), "^.*/wh-(local|cluster)/", ""));
    }
    if (Arrays.asList(df.columns()).contains("source")) {
      // model_inputs names the io file it read, under each run's own warehouse: compare the file name
      df = df.withColumn("source", regexp_replace(df.col("source"), "^.*/", ""));
    }
    return df.orderBy(Arrays.stream(key.split(",\\s*")).map(functions::col)
        .toArray(Column[]::new)).collectAsList();
  }

  /**
   * Waits for the paused sweep task's marker, kills the executor whose process id it holds with SIGKILL, and
   * returns that process's command line.
   */
  private static String killPausedExecutor(Path marker, Process submit) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline && submit.isAlive()) {
      String pid = Files.exists(marker) ? Files.readString(marker).trim() : "";
      if (!pid.isEmpty()) {
        ProcessHandle executor = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
        String command = executor.info().commandLine().orElse("pid " + pid).replaceFirst(
            ".* (org\\.apache\\.spark\\.executor\\.CoarseGrainedExecutorBackend) .*(--executor-id \\S+).*",
            "$1 $2 (pid " + pid + ")");
        executor.destroyForcibly();
        executor.onExit().get(30, TimeUnit.SECONDS);
        return command;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the sweep task never paused (marker " + marker + ")");
  }

  /** Runs a command from the project root; its stdout, or a failure with both streams. */
  private static String run(List<String> cmd, Path pauseMarker) throws IOException, InterruptedException {
    return finish(start(cmd, pauseMarker), cmd);
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    return run(cmd, null);
  }

  private static final java.util.Map<Process, Path[]> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Process start(List<String> cmd, Path pauseMarker) throws IOException {
    Path out = Files.createTempFile(WORK, "out", ".txt");
    Path err = Files.createTempFile(WORK, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // Every JVM of the cluster (master, workers, the executors they fork, the submitting driver) is short-lived and
    // shares two cores: the quick C1 compiler and a single-threaded collector leave the cores to the work, as the
    // test JVMs' own -XX:TieredStopAtLevel=1 does. JAVA_TOOL_OPTIONS reaches the executors through the workers.
    pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" + (pauseMarker == null ? ""
        : " -Dftasim.test.pauseOnceAt=during-write:sweep_draws@" + pauseMarker));
    Process p = pb.start();
    OUTPUTS.put(p, new Path[] {out, err});
    return p;
  }

  private static String finish(Process p, List<String> cmd) throws IOException, InterruptedException {
    Path out = OUTPUTS.get(p)[0];
    Path err = OUTPUTS.remove(p)[1];
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + stdout + "\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return stdout;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
