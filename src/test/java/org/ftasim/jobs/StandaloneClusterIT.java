package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on a real standalone Spark cluster — a Master and two Workers with one core each on 127.0.0.1,
 * their own JVMs started from the Maven build's jars by {@code jobs/cluster} — submitted through spark-submit's
 * entry class in client mode, and compared with the same commands in local mode: {@code sweep_draws} bit for bit,
 * the ingest's and the tariff engine's tables row for row. Every process the cluster started is stopped by PID,
 * even on failure, and {@code jobs/cluster stop} fails if a port of the cluster is left open.
 */
class StandaloneClusterIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path WORK = ROOT.resolve("target/cluster-it");
  private final SparkSession spark = TestSpark.session();

  @Test
  void thePipelineOnAStandaloneClusterGivesTheLocalResults() throws Exception {
    deleteTree(WORK);
    Files.createDirectories(WORK);
    Path sample = WORK.resolve("sample");
    LauncherContractTest.Outcome generated = LauncherContractTest.run("generate-sample", "--out", sample.toString(),
        "--countries", "4", "--products", "500", "--years", "2022", "--warehouse", WORK.resolve("wh-gen").toString());
    assertThat(generated.code()).as(generated.err()).isZero();
    Path tariffs = WORK.resolve("tariffs.yaml");
    Files.writeString(tariffs, """
        tariffs:
          scenarios: [bundled:kor-jpn-fta]
          first_year: 2022
          last_year: 2028
          levels: [total, wto_group, hs2]
        """);
    // The sweep's scenario: Korea-Japan tariffs to zero in the CP layout's counterfactual column (tariff_cfl).
    Path model = Files.createDirectories(WORK.resolve("model-kj"));
    try (var files = Files.list(sample.resolve("model"))) {
      for (Path f : files.toList()) {
        Files.copy(f, model.resolve(f.getFileName()));
      }
    }
    List<String> trade = new ArrayList<>(Files.readAllLines(model.resolve("trade.csv")));
    for (int i = 1; i < trade.size(); i++) {
      String[] c = trade.get(i).split(",", -1);
      if ((c[1].equals("KOR") && c[2].equals("JPN")) || (c[1].equals("JPN") && c[2].equals("KOR"))) {
        c[6] = "0";
        trade.set(i, String.join(",", c));
      }
    }
    Files.write(model.resolve("trade.csv"), trade);
    Path sweep = WORK.resolve("sweep.yaml");
    Files.writeString(sweep, """
        seed: 7
        sweep:
          model: cp
          data: %s
          scenario_id: it
          design: latin_hypercube
          draws: 24
          partitions: 4
          parameters:
            - {name: theta.scale, dist: lognormal, median: 1.0, log_sd: 0.25, min: 0.5, max: 2.0}
          cp:
            deficits: zero
            regions: [KOR, JPN]
        """.formatted(model));
    List<List<String>> pipeline = List.of(
        List.of("ingest-flows", "--input", sample.resolve("baci").toString(), "--run-id", "it-ingest"),
        List.of("tariffs", "--config", tariffs.toString(), "--input", sample.resolve("tariffs").toString(),
            "--run-id", "it-tariffs"),
        List.of("sweep", "--config", sweep.toString(), "--run-id", "it-sweep"));

    Path local = WORK.resolve("wh-local");
    for (List<String> step : pipeline) {
      List<String> args = new ArrayList<>(step.subList(1, step.size()));
      args.addAll(List.of("--warehouse", local.toString()));
      LauncherContractTest.Outcome o = LauncherContractTest.run(step.get(0), args.toArray(new String[0]));
      assertThat(o.code()).as(o.err()).isZero();
    }

    Path cluster = WORK.resolve("wh-cluster");
    Path state = WORK.resolve("cluster");
    long start = System.nanoTime();
    try {
      run(List.of("jobs/cluster", "start", state.toString(), "2", "1"));
      for (List<String> step : pipeline) {
        List<String> cmd = new ArrayList<>(List.of("jobs/cluster", "submit", state.toString()));
        cmd.addAll(step);
        cmd.addAll(List.of("--warehouse", cluster.toString()));
        assertThat(run(cmd)).contains("\"status\":\"ok\"");
      }
    } finally {
      run(List.of("jobs/cluster", "stop", state.toString()));
    }
    System.out.printf("standalone cluster: start, 3 submits and stop in %.1f s%n", (System.nanoTime() - start) / 1e9);
    for (String pid : List.of("master.pid", "worker-1.pid", "worker-2.pid")) {
      assertThat(state.resolve(pid)).as("stopped and removed").doesNotExist();
    }

    String[][] tables = {
        {"sweep_draws", "draw_id, metric, country, sector, partner, year"},
        {"tariff_aggregates", "scenario_id, year, importer, exporter, level, code"},
        {"tariff_effective", "scenario_id, year, importer, exporter, hs6"},
        {"tariff_schedules", "source_file, line_number"},
        {"trade_flows", "year, exporter, importer, hs6"},
        {"trade_flows_rejects", "source_file, line_number"}};
    for (String[] t : tables) {
      List<Row> a = rows(local, t[0], t[1]);
      List<Row> b = rows(cluster, t[0], t[1]);
      assertThat(a).as(t[0]).isNotEmpty();
      assertThat(b).as("cluster = local: " + t[0]).isEqualTo(a);
    }
    List<Row> runs = spark.read().format("delta").load(cluster.resolve("runs").toString())
        .select("spark_master").distinct().collectAsList();
    assertThat(runs).singleElement().satisfies(r -> assertThat(r.getString(0)).startsWith("spark://127.0.0.1:"));
  }

  /** A table's rows without the run-specific columns, sorted by its key; doubles compared bit for bit. */
  private List<Row> rows(Path warehouse, String table, String key) {
    var df = spark.read().format("delta").load(warehouse.resolve(table).toString()).drop("run_id");
    return df.orderBy(java.util.Arrays.stream(key.split(",\\s*")).map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new)).collectAsList();
  }

  /** Runs a command from the project root; its stdout, or a failure with both streams. */
  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile(WORK, "out", ".txt");
    Path err = Files.createTempFile(WORK, "err", ".txt");
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
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
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
