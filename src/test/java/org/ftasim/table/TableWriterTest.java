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
    Timestamp t = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
    Row r = RowFactory.create(id, "demo", status, "seed: 1\n", "h", "v", 1L, t, t, 0.5,
        Map.of("rows", rows), List.of("runs"), "local[2]", null, null, null, null);
    return spark.createDataFrame(List.of(r), Tables.RUNS.schema());
  }

  /** Guards the Spark 4.1.1 / Delta 4.2.0 pin: MERGE breaks with NoClassDefFoundError on Spark 4.1.2+. */
  @Test
  void mergeUpdatesByRunIdInsteadOfDuplicating() {
    Warehouse wh = new Warehouse(TestSpark.newDir("merge").toString());
    TableWriter.merge(run("r1", "running", 0), wh, Tables.RUNS);
    TableWriter.merge(run("r2", "ok", 3), wh, Tables.RUNS);
    TableWriter.merge(run("r1", "ok", 7), wh, Tables.RUNS);
    List<Row> rows = TableReader.read(spark, wh, Tables.RUNS).orderBy("run_id").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<String>getAs("status")).isEqualTo("ok");
    assertThat(rows.get(0).<scala.collection.Map<String, Long>>getAs("counts").apply("rows")).isEqualTo(7L);
    assertThat(rows.get(1).<String>getAs("run_id")).isEqualTo("r2");
  }

  @Test
  void replaceRunReplacesOnlyThatRun() {
    Warehouse wh = new Warehouse(TestSpark.newDir("replace").toString());
    TableWriter.merge(run("a", "ok", 1), wh, Tables.RUNS);
    TableWriter.merge(run("b", "ok", 1), wh, Tables.RUNS);
    TableWriter.replaceRun(run("a", "failed", 2).union(run("a", "failed", 3)), wh, Tables.RUNS, "a");
    Dataset<Row> all = TableReader.read(spark, wh, Tables.RUNS);
    assertThat(all.where("run_id = 'a'").count()).isEqualTo(2);
    assertThat(all.where("run_id = 'b'").count()).isEqualTo(1);
    // Delta refuses rows outside the replaced run rather than touching another run.
    assertThatThrownBy(() -> TableWriter.replaceRun(run("b", "x", 1), wh, Tables.RUNS, "a"))
        .hasMessageContaining("DELTA_REPLACE_WHERE_MISMATCH");
  }

  @Test
  void schemaDriftIsCaughtBeforeWriting() {
    Warehouse wh = new Warehouse(TestSpark.newDir("drift").toString());
    Dataset<Row> wrong = run("x", "ok", 1).drop("error");
    assertThatThrownBy(() -> TableWriter.merge(wrong, wh, Tables.RUNS))
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
