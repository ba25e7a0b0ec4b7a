package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** The contract of every job: one JSON line on stdout, exit codes, runs recorded, bad input writes nothing. */
class LauncherContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark = TestSpark.session();

  /** Runs a command in-process against the shared session; returns exit code, stdout and stderr. */
  static Outcome run(String command, String... args) {
    Ftasim.Command c = Ftasim.find(command).orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Launcher.execute(c.spec(), c.body(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), (job, master, conf, verbose) -> TestSpark.session());
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Outcome(int code, String out, String err) {
    List<String> outLines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    JsonNode summary(boolean onStderr) throws Exception {
      String[] lines = (onStderr ? err : out).split("\n");
      return JSON.readTree(lines[lines.length - 1]);
    }
  }

  /** The demo's arguments with a small sample world, so the contract tests stay quick. */
  static String[] tiny(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--countries", "4", "--products", "500", "--years", "2022"));
    return all.toArray(new String[0]);
  }

  @Test
  void aRerunWithTheSameIdIsOneRunWhoseStateIsTheRerunsOutcome() throws Exception {
    // any recorded job shows it; generate-sample is the cheapest
    Path wh = TestSpark.newDir("rerun-wh");
    for (String set : List.of("seed=1", "seed=2")) {
      assertThat(run("generate-sample", tiny("--warehouse", wh.toString(), "--run-id", "same-id", "--set", set,
          "--out", TestSpark.newDir("rerun").toString())).code()).isZero();
    }
    Warehouse warehouse = new Warehouse(wh.toString());
    // the log holds both attempts, each a 'running' row and its outcome
    assertThat(TableReader.rows(spark, warehouse, Tables.RUNS).orderBy("ended_at").select("status").collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("running", "ok", "running", "ok");
    List<Row> runs = TableReader.read(spark, warehouse, Tables.RUNS).collectAsList();
    assertThat(runs).hasSize(1);
    Row r = runs.get(0);
    assertThat(r.<Long>getAs("seed")).isEqualTo(2L);
    assertThat(r.<String>getAs("status")).isEqualTo("ok");
    assertThat(r.<String>getAs("config_hash")).hasSize(64);
    assertThat(r.<String>getAs("code_version")).isNotBlank();
  }

  @Test
  void badSetValueExitsTwoNamesTheKeyAndWritesNothing() throws Exception {
    Path wh = TestSpark.newDir("bad").resolve("wh");
    Outcome o = run("demo", "--warehouse", wh.toString(), "--set", "sql.max_rows=-5");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("'sql.max_rows'").contains("-5");
    assertThat(o.outLines()).hasSize(1);
    JsonNode s = o.summary(false);
    assertThat(s.get("status").asText()).isEqualTo("failed");
    assertThat(s.get("error").asText()).contains("sql.max_rows");
    assertThat(Files.exists(wh)).isFalse();
  }

  @Test
  void unknownOptionAndBadRunIdAreUsageErrors() {
    assertThat(run("demo", "--warehous", "x").code()).isEqualTo(2);
    Outcome o = run("demo", "--run-id", "a b'");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--run-id");
  }

  @Test
  void sqlPrintsCsvOnStdoutAndSummaryOnStderr() throws Exception {
    Path wh = TestSpark.newDir("sql");
    for (String id : List.of("r-1", "r-2")) {
      assertThat(run("generate-sample", tiny("--warehouse", wh.toString(), "--run-id", id, "--out",
          TestSpark.newDir("sql-sample").toString())).code()).isZero();
    }
    Outcome o = run("sql", "--warehouse", wh.toString(),
        "select run_id, status, counts, 'a,\"b' as q from runs order by run_id");
    assertThat(o.code()).as(o.err()).isZero();
    List<String> lines = o.outLines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("run_id,status,counts,q");
    for (int r = 1; r <= 2; r++) {
      assertThat(lines.get(r)).startsWith("r-" + r + ",ok,\"{\"\"").contains("\"\"flows\"\":")
          .endsWith("}\",\"a,\"\"b\"");
    }
    assertThat(o.summary(true).get("counts").get("rows").asLong()).isEqualTo(2);

    Outcome bad = run("sql", "--warehouse", wh.toString(), "select * from no_such_table");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("query failed").contains("tables in").contains("runs");

    Outcome cte = run("sql", "--warehouse", wh.toString(),
        "with r as (select * from runs) select count(*) as n from r where run_id in (select run_id from runs)");
    assertThat(cte.code()).as(cte.err()).isZero();
    assertThat(cte.outLines()).containsExactly("n", "2");
    assertThat(cte.summary(true).get("counts").get("tables_registered").asLong()).isEqualTo(1);
    // a table named only inside a WITH clause's definitions, on lines of their own (the commands share this JVM's
    // session, so the view must not be there from before)
    spark.catalog().dropTempView("run_events");
    Outcome inWith = run("sql", "--warehouse", wh.toString(), "with r as (\n  select run_id from run_events\n),\n"
        + "s as (select distinct run_id from r)\nselect count(*) as n from s");
    assertThat(inWith.code()).as(inWith.err()).isZero();
    assertThat(inWith.outLines()).containsExactly("n", "2");
  }

  /** sql only reads: statements that are not queries, and reflective calls, stop before anything runs. */
  @Test
  void sqlRefusesDdlDmlAndReflectiveCalls() throws Exception {
    Path wh = TestSpark.newDir("sql-ro");
    assertThat(run("generate-sample", tiny("--warehouse", wh.toString(), "--run-id", "ro-1", "--out",
        TestSpark.newDir("sql-ro-sample").toString())).code()).isZero();
    for (String[] c : new String[][] {{"drop table runs", "'DROP …' is not a query"},
        {"insert into runs select * from runs", "'INSERT …' is not a query"},
        {"create table copy as select * from runs", "'CREATE …' is not a query"},
        {"delete from runs", "'DELETE …' is not a query"},
        {"set spark.sql.ansi.enabled=false", "'SET …' is not a query"}}) {
      Outcome o = run("sql", "--warehouse", wh.toString(), c[0]);
      assertThat(o.code()).as(c[0]).isEqualTo(2);
      assertThat(o.err()).as(c[0]).contains("ftasim sql only reads").contains(c[1]);
    }
    Outcome reflect = run("sql", "--warehouse", wh.toString(),
        "select * from runs where run_id = (select java_method('java.lang.String', 'valueOf', 1))");
    assertThat(reflect.code()).isEqualTo(2);
    assertThat(reflect.err()).contains("runs Java methods").contains("java_method");
    Outcome reflectInWith = run("sql", "--warehouse", wh.toString(),
        "with r as (select reflect('java.lang.String', 'valueOf', 1) as x) select * from r");
    assertThat(reflectInWith.code()).isEqualTo(2);
    assertThat(reflectInWith.err()).contains("runs Java methods").contains("reflect");
    Outcome typo = run("sql", "--warehouse", wh.toString(), "selec * from runs");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("query failed to parse");
    Outcome still = run("sql", "--warehouse", wh.toString(), "select count(*) as n from runs");
    assertThat(still.outLines()).containsExactly("n", "1");
  }

  @Test
  void exportWritesParquetOfOneRun() throws Exception {
    Path wh = TestSpark.newDir("export");
    Path out = TestSpark.newDir("results");
    for (String id : List.of("e-1", "e-2")) {
      assertThat(run("generate-sample", tiny("--warehouse", wh.toString(), "--run-id", id, "--out",
          TestSpark.newDir("export-sample").toString())).code()).isZero();
    }
    Outcome o = run("export", "--warehouse", wh.toString(), "--table", "runs", "--run-id", "e-2",
        "--out", out.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.summary(false).get("counts").get("runs").asLong()).isEqualTo(1);
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(out.resolve("runs"))) {
      s.filter(p -> p.toString().endsWith(".parquet")).forEach(files::add);
    }
    assertThat(files).hasSize(1);
    List<Row> back = spark.read().parquet(out.resolve("runs").toString()).collectAsList();
    assertThat(back).extracting(r -> r.<String>getAs("run_id")).containsExactly("e-2");
    // the count is observed as the rows are written: a run with no rows writes none and counts 0
    Outcome none = run("export", "--warehouse", wh.toString(), "--table", "runs", "--run-id", "e-none",
        "--out", out.toString());
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.summary(false).get("counts").get("runs").asLong()).isZero();
    assertThat(spark.read().parquet(out.resolve("runs").toString()).count()).isZero();

    assertThat(run("export", "--warehouse", wh.toString(), "--table", "nope", "--out", out.toString()).err())
        .contains("'nope' is not a ftasim table");

    // tables are written side by side: one that cannot be read fails the export with its own message, after the
    // others have been written
    Path both = TestSpark.newDir("results-both");
    Outcome missing = run("export", "--warehouse", wh.toString(), "--table", "runs", "--table", "trade_flows",
        "--out", both.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("table 'trade_flows' does not exist in warehouse");
    assertThat(spark.read().parquet(both.resolve("runs").toString()).count()).isEqualTo(2);

    // an --out that would put Parquet copies on the Delta tables is refused, and the tables stay as they were
    Outcome onTables = run("export", "--warehouse", wh.toString(), "--table", "runs", "--out", wh.toString());
    assertThat(onTables.code()).isEqualTo(2);
    assertThat(onTables.err()).contains("is the warehouse itself").contains(wh + "/results");
    Outcome inside = run("export", "--warehouse", wh.toString(), "--table", "runs", "--out",
        wh.resolve("runs").resolve("copy").toString());
    assertThat(inside.code()).isEqualTo(2);
    assertThat(inside.err()).contains("is inside the folder of table runs");
    Outcome report = run("report", "--warehouse", wh.toString(), "--out", wh.resolve("sweep_draws").toString());
    assertThat(report.code()).isEqualTo(2);
    assertThat(report.err()).contains("is inside the folder of table sweep_draws");
    assertThat(spark.read().format("delta").load(wh.resolve("runs").toString()).count()).isGreaterThanOrEqualTo(2);
  }

  /** User errors answered in the user's words: exit 2 and a message naming the option, file, line or key. */
  @Test
  void userErrorsExitTwoWithTheirOwnMessage() throws Exception {
    Path dir = TestSpark.newDir("user-errors");
    String wh = TestSpark.newDir("wh-user-errors").toString();
    for (String chunk : List.of("abc", "0")) {
      Outcome o = run("ingest-flows", "--input", dir.toString(), "--chunk-mb", chunk, "--warehouse", wh);
      assertThat(o.code()).as(chunk).isEqualTo(2);
      assertThat(o.err()).contains("--chunk-mb '" + chunk + "' is not a whole number of MB from 1 to 2047");
    }
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "seed: 1\nsweep:\n  draws: [1, 2\n");
    Outcome yaml = run("sql", "--config", config.toString(), "--warehouse", wh, "select 1");
    assertThat(yaml.code()).isEqualTo(2);
    assertThat(yaml.err()).contains("config file " + config + " is not valid YAML at line").contains(", column ")
        .contains("fix: correct the YAML syntax there");
    Path scenario = dir.resolve("scenario.yaml");
    Files.writeString(scenario, "id: s\nagreements:\n  - id: X\n    members: {KOR: {entry_into_force: 2027-01-01}\n");
    Path tariffs = dir.resolve("tariffs.yaml");
    Files.writeString(tariffs, "tariffs:\n  scenarios: [" + scenario + "]\n");
    Outcome sc = run("tariffs", "--config", tariffs.toString(), "--warehouse", wh);
    assertThat(sc.code()).isEqualTo(2);
    assertThat(sc.err()).contains("scenario " + scenario + " is not valid YAML at line ").contains("flow mapping");
    Outcome set = run("sql", "--set", "no.such.key=1", "--warehouse", wh, "select 1");
    assertThat(set.code()).isEqualTo(2);
    assertThat(set.err()).contains("config key 'no.such.key'").contains("'no' is unknown").contains("allowed keys");
    Path baci = dir.resolve("BACI_HS17_Y2022_V202401.csv");
    Files.writeString(baci, "t,i,j,k,v,q\n2022,410,392,290110,1.5,2\n");
    Outcome notIcio = run("model-inputs", "--io", baci.toString(), "--io-format", "icio", "--warehouse", wh);
    assertThat(notIcio.code()).isEqualTo(2);
    assertThat(notIcio.err()).contains("file " + baci + " line 1: column 2 is 'i'; this is not an OECD ICIO table")
        .contains("AUS_A01_02");
    Outcome format = run("model-inputs", "--io", baci.toString(), "--io-format", "wiod", "--warehouse", wh);
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("--io-format is 'wiod'; fix: cp");
    Outcome missing = run("model-inputs", "--io", dir.resolve("2022.csv").toString(), "--io-format", "icio",
        "--warehouse", wh);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("inputs.io: " + dir.resolve("2022.csv") + " does not exist");
  }

  /**
   * Configs and inputs on a file system other than the local one are read through Hadoop: {@code remote://} (a test
   * file system over local files) stands for an object store, and s3a:// without hadoop-aws is the user's to fix.
   */
  @Test
  void configsAndInputsOnRemoteFileSystemsAreReadThroughHadoop() throws Exception {
    Path dir = TestSpark.newDir("remote-fs");
    String wh = TestSpark.newDir("wh-remote-fs").toString();
    String remote = "spark.hadoop.fs.remote.impl=" + org.ftasim.RemoteTestFileSystem.class.getName();
    Path config = Files.writeString(dir.resolve("remote config.yaml"), "seed: 7\nno_such_key: 1\n");
    String uri = "remote://" + config.toUri().getPath();
    Outcome read = run("sql", "--config", uri, "--conf", remote, "--warehouse", wh, "select 1");
    assertThat(read.code()).as(read.err()).isEqualTo(2);
    assertThat(read.err()).contains("no_such_key").contains(uri);
    Outcome absent = run("sql", "--config", "remote://" + dir.toUri().getPath() + "nowhere.yaml", "--conf", remote,
        "--warehouse", wh, "select 1");
    assertThat(absent.code()).isEqualTo(2);
    assertThat(absent.err()).contains("config file remote://").contains("nowhere.yaml does not exist");
    Outcome s3 = run("sql", "--config", "s3a://bucket/conf/kj-default.yaml", "--warehouse", wh, "select 1");
    assertThat(s3.code()).isEqualTo(2);
    assertThat(s3.err()).contains("config file s3a://bucket/conf/kj-default.yaml: no file system for the scheme"
        + " 's3a'").contains("fix: add org.apache.hadoop:hadoop-aws:3.4.2");
    assertThat(s3.summary(true).get("status").asText()).isEqualTo("failed");

    // a missing --data on a remote file system: its own message, exit 2
    spark.sparkContext().hadoopConfiguration().set("fs.remote.impl", org.ftasim.RemoteTestFileSystem.class.getName());
    String data = "remote://" + dir.toUri().getPath() + "no-model";
    Outcome noData = run("solve-cp", "--data", data, "--warehouse", wh);
    assertThat(noData.code()).as(noData.err()).isEqualTo(2);
    assertThat(noData.err()).contains("--data " + data + " does not exist on remote:///").contains("fix:");
    Outcome noBucket = run("solve-cp", "--data", "s3a://bucket/model", "--warehouse", wh);
    assertThat(noBucket.code()).isEqualTo(2);
    assertThat(noBucket.err()).contains("--data s3a://bucket/model: no file system for the scheme 's3a'");
  }

  /** A master URL Spark cannot parse: exit 2, the option named, and the JSON line still printed. */
  @Test
  void aBadMasterIsTheUsersErrorAndStillPrintsTheSummary() throws Exception {
    List<String> cmd = ChildJvm.ftasim(List.of(), "export", "--table", "runs", "--out",
        TestSpark.newDir("bad-master").toString(), "--master", "nowhere://x");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(stderr).isEqualTo(2);
    assertThat(stderr).contains("Spark did not start with --master nowhere://x").contains("fix: give local[*]");
    assertThat(stdout.strip()).startsWith("{\"job\":\"export\"").contains("\"status\":\"failed\"");
  }
}
