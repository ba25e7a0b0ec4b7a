package org.ftasim.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.junit.jupiter.api.Test;

class TableWriterTest {
  private final SparkSession spark = TestSpark.session();

  private Dataset<Row> run(String id, String status, long rows) {
    return run(id, status, rows, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
  }

  private Dataset<Row> run(String id, String status, long rows, String started, String ended) {
    Row r = RowFactory.create(id, "demo", status, "seed: 1\n", "h", "v", 1L, Timestamp.from(Instant.parse(started)),
        Timestamp.from(Instant.parse(ended)), 0.5, Map.of("rows", rows), List.of("runs"), "local[2]", null, null, null,
        null);
    return spark.createDataFrame(List.of(r), Tables.RUNS.schema());
  }

  /**
   * Guards the Spark 4.1.1 / Delta 4.2.0 pin: MERGE breaks with NoClassDefFoundError on Spark 4.1.2+. ftasim itself
   * no longer merges (the runs log is appended to), but a Delta warehouse that cannot MERGE is a broken stack.
   */
  @Test
  void deltaMergeUpdatesByKeyInsteadOfDuplicating() {
    Warehouse wh = new Warehouse(TestSpark.newDir("merge").toString());
    TableWriter.append(run("r1", "running", 0).union(run("r2", "ok", 3)), wh, Tables.RUNS);
    io.delta.tables.DeltaTable.forPath(spark, wh.path(Tables.RUNS)).as("t")
        .merge(run("r1", "ok", 7).as("s"), "t.run_id = s.run_id").whenMatched().updateAll().whenNotMatched()
        .insertAll().execute();
    List<Row> rows = TableReader.rows(spark, wh, Tables.RUNS).orderBy("run_id").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<String>getAs("status")).isEqualTo("ok");
    assertThat(rows.get(0).<scala.collection.Map<String, Long>>getAs("counts").apply("rows")).isEqualTo(7L);
    assertThat(rows.get(1).<String>getAs("run_id")).isEqualTo("r2");
  }

  /**
   * A run's state is its latest row: the latest attempt, then an outcome over 'running' even when the clock stepped
   * back between the two, then the latest end.
   */
  @Test
  void theRunsLogReadsAsEachRunsLatestRow() {
    Warehouse wh = new Warehouse(TestSpark.newDir("runlog").toString());
    TableWriter.append(run("a", "running", 0, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
        .union(run("a", "ok", 5, "2026-01-01T00:00:00Z", "2026-01-01T00:00:09Z"))
        .union(run("a", "running", 0, "2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z"))
        .union(run("b", "running", 0, "2026-01-01T00:00:10Z", "2026-01-01T00:00:10Z"))
        .union(run("b", "failed", 1, "2026-01-01T00:00:10Z", "2026-01-01T00:00:08Z"))
        .union(run("c", "running", 0, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
        .union(run("c", "interrupted", 0, "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z")), wh, Tables.RUNS);
    TableWriter.append(run("d", "running", 0), wh, Tables.RUNS);
    Map<String, String> state = new java.util.TreeMap<>();
    for (Row r : TableReader.read(spark, wh, Tables.RUNS).collectAsList()) {
      assertThat(state.put(r.getString(0), r.getString(2))).as(r.getString(0)).isNull();
    }
    assertThat(state).containsExactly(Map.entry("a", "running"), Map.entry("b", "failed"),
        Map.entry("c", "interrupted"), Map.entry("d", "running"));
    assertThat(TableReader.rows(spark, wh, Tables.RUNS).count()).isEqualTo(8);
  }

  /** Every append adds a file; the log is compacted into one once it holds the threshold's number (4 here). */
  @Test
  void theRunsLogIsCompactedOnceItHoldsManyFiles() {
    Warehouse wh = new Warehouse(TestSpark.newDir("runlog-compact").toString());
    for (int i = 0; i < 3; i++) {
      TableWriter.append(run("r" + i, "ok", i), wh, Tables.RUNS);
    }
    assertThat(RunLog.compactIfMany(spark, wh, 4)).isFalse();
    TableWriter.append(run("r3", "ok", 3), wh, Tables.RUNS);
    List<Row> before = TableReader.rows(spark, wh, Tables.RUNS).orderBy("run_id").collectAsList();
    assertThat(RunLog.compactIfMany(spark, wh, 4)).isTrue();
    assertThat(org.apache.spark.sql.delta.DeltaLog.forTable(spark, wh.path(Tables.RUNS))
        .update(false, scala.Option.empty(), scala.Option.empty()).numOfFiles()).isEqualTo(1);
    assertThat(TableReader.rows(spark, wh, Tables.RUNS).orderBy("run_id").collectAsList())
        .containsExactlyElementsOf(before);
  }

  @Test
  void replaceRunReplacesOnlyThatRun() {
    Warehouse wh = new Warehouse(TestSpark.newDir("replace").toString());
    TableWriter.append(run("a", "ok", 1).union(run("b", "ok", 1)), wh, Tables.RUNS);
    TableWriter.replaceRun(run("a", "failed", 2).union(run("a", "failed", 3)), wh, Tables.RUNS, "a");
    Dataset<Row> all = TableReader.rows(spark, wh, Tables.RUNS);
    assertThat(all.where("run_id = 'a'").count()).isEqualTo(2);
    assertThat(all.where("run_id = 'b'").count()).isEqualTo(1);
    // Delta refuses rows outside the replaced run rather than touching another run.
    assertThatThrownBy(() -> TableWriter.replaceRun(run("b", "x", 1), wh, Tables.RUNS, "a"))
        .hasMessageContaining("DELTA_REPLACE_WHERE_MISMATCH");
  }

  /** The first write of a table holds nothing to replace: an append, which still refuses rows outside the predicate. */
  @Test
  void aReplaceThatCreatesItsTableAppendsAndStillRefusesRowsOutsideItsPredicate() {
    Warehouse wh = new Warehouse(TestSpark.newDir("replace-new").toString());
    // the run's tag tells its own commit from another job's
    RunCommits.tag(spark, "replace-new");
    try {
      assertThat(TableWriter.replaceRun(run("a", "ok", 1), wh, Tables.RUNS, "a").rows()).isEqualTo(1);
    } finally {
      RunCommits.untag(spark);
    }
    Row write = io.delta.tables.DeltaTable.forPath(spark, wh.path(Tables.RUNS)).history(1).first();
    assertThat(write.<Long>getAs("version")).isEqualTo(1L);
    assertThat(write.<scala.collection.Map<String, String>>getAs("operationParameters").apply("mode"))
        .isEqualTo("Append");
    // untagged, the append cannot be told from another job's: it is replaced as usual, and the rows are there once
    Warehouse untagged = new Warehouse(TestSpark.newDir("replace-new-untagged").toString());
    assertThat(TableWriter.replaceRun(run("a", "ok", 1), untagged, Tables.RUNS, "a").rows()).isEqualTo(1);
    assertThat(io.delta.tables.DeltaTable.forPath(spark, untagged.path(Tables.RUNS)).history(1).first()
        .<scala.collection.Map<String, String>>getAs("operationParameters").apply("mode")).isEqualTo("Overwrite");
    assertThat(TableReader.rows(spark, untagged, Tables.RUNS).count()).isEqualTo(1);
    Warehouse other = new Warehouse(TestSpark.newDir("replace-new-outside").toString());
    assertThatThrownBy(() -> TableWriter.replaceRun(run("b", "ok", 1), other, Tables.RUNS, "a"))
        .hasStackTraceContaining("a row outside the predicate run_id = 'a' of a write to table runs");
  }

  @Test
  void schemaDriftIsCaughtBeforeWriting() {
    Warehouse wh = new Warehouse(TestSpark.newDir("drift").toString());
    Dataset<Row> wrong = run("x", "ok", 1).drop("error");
    assertThatThrownBy(() -> TableWriter.append(wrong, wh, Tables.RUNS))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lack column error");
    assertThat(TableReader.exists(spark, wh, Tables.RUNS)).isFalse();
  }

  /** A table an older ftasim wrote, without a column the catalog has gained since, takes the column on its next write. */
  @Test
  void aTableFromAnOlderVersionGainsTheNewColumns() {
    Warehouse wh = new Warehouse(TestSpark.newDir("older").toString());
    org.apache.spark.sql.types.StructType old = new org.apache.spark.sql.types.StructType(
        java.util.Arrays.stream(Tables.SWEEP_DRAWS.schema().fields())
            .filter(f -> !f.name().equals("error") && !f.name().equals("closure"))
            .toArray(org.apache.spark.sql.types.StructField[]::new));
    TableDef before = new TableDef("sweep_draws", "as an older ftasim wrote it", old, List.of("run_id"), List.of(),
        "sweep");
    SparkSession spark = TestSpark.session();
    Row row = org.apache.spark.sql.RowFactory.create("r1", "s", 0L, 1L, scala.collection.immutable.Map$.MODULE$
        .empty(), "m", "ALL", "ALL", "ALL", null, 1.0, true, 1, 0.0);
    TableWriter.append(spark.createDataFrame(List.of(row), old), wh, before);
    Row again = org.apache.spark.sql.RowFactory.create("r2", "s", 0L, 1L, scala.collection.immutable.Map$.MODULE$
        .empty(), "m", "ALL", "ALL", "ALL", null, 1.0, false, 1, 0.0, "did not converge", "fixed");
    TableWriter.append(spark.createDataFrame(List.of(again), Tables.SWEEP_DRAWS.schema()), wh, Tables.SWEEP_DRAWS);
    List<Row> rows = TableReader.read(spark, wh, Tables.SWEEP_DRAWS).orderBy("run_id")
        .select("run_id", "error", "closure").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).isNullAt(1)).isTrue();
    assertThat(rows.get(0).isNullAt(2)).isTrue();
    assertThat(rows.get(1).getString(1)).isEqualTo("did not converge");
    assertThat(rows.get(1).getString(2)).isEqualTo("fixed");
  }

  @Test
  void everyCatalogColumnIsDocumented() {
    for (TableDef t : Tables.all()) {
      assertThat(t.schema().fields()).allSatisfy(f -> assertThat(f.getComment().isDefined()).isTrue());
    }
  }
}
