package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.SharedData;
import org.ftasim.TestSpark;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** A run whose driver died without a word (SIGKILL) is marked interrupted by the next job on the host. */
class InterruptedRunTest {
  private static final SparkSession spark = TestSpark.session();

  @Test
  void aRunLeftRunningByAGoneDriverIsMarkedInterrupted() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Path dir = TestSpark.newDir("interrupted");
    Warehouse wh = new Warehouse(dir.toString());
    Timestamp t = Timestamp.from(Instant.now().minusSeconds(60));
    // a live run starts after its driver's JVM
    Timestamp live = Timestamp.from(ProcessHandle.current().info().startInstant().orElseThrow().plusSeconds(1));
    List<Row> rows = List.of(
        RowFactory.create("killed-1", "ingest-flows", "running", "seed: 1\n", "h", "v", 1L, t, t, 0.0, Map.of(),
            List.of(), "local[2]", null, host, deadPid, null),
        RowFactory.create("alive-1", "sweep", "running", "seed: 1\n", "h", "v", 1L, live, live, 0.0, Map.of(), List.of(),
            "local[2]", null, host, ProcessHandle.current().pid(), null),
        RowFactory.create("elsewhere-1", "sweep", "running", "seed: 1\n", "h", "v", 1L, t, t, 0.0, Map.of(),
            List.of(), "spark://x:7077", null, "another-host", deadPid, null));
    TableWriter.append(spark.createDataFrame(rows, Tables.RUNS.schema()), wh, Tables.RUNS);

    LauncherContractTest.Outcome o = LauncherContractTest.run("solve-gravity", "--data",
        SharedData.require("gegravity-sample/sample_data_set.csv").toString(), "--sigma", "5", "--cost",
        "lndist=-0.39,pta=0.47,international=-3.41", "--counterfactual", "pta=1@CAN:JPN,JPN:CAN", "--out",
        dir.resolve("out.csv").toString(), "--warehouse", wh.root());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("run killed-1 (ingest-flows, started").contains("marked interrupted");

    Map<String, Row> byId = new java.util.HashMap<>();
    for (Row r : TableReader.read(spark, wh, Tables.RUNS).collectAsList()) {
      byId.put(r.getString(0), r);
    }
    assertThat(byId.get("killed-1").<String>getAs("status")).isEqualTo("interrupted");
    assertThat(byId.get("killed-1").<String>getAs("error")).contains("pid " + deadPid)
        .contains("ended without recording an outcome");
    assertThat(byId.get("alive-1").<String>getAs("status")).isEqualTo("running");
    assertThat(byId.get("elsewhere-1").<String>getAs("status")).isEqualTo("running");
    assertThat(byId.values().stream().filter(r -> r.getString(1).equals("solve-gravity")).findFirst().orElseThrow()
        .<String>getAs("status")).isEqualTo("ok");
  }
}
