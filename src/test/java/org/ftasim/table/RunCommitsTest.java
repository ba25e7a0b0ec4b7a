package org.ftasim.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.junit.jupiter.api.Test;

/** Undoing a run's commits: restored once, idempotent when repeated, and never over another run's later commit. */
class RunCommitsTest {
  private static final SparkSession spark = TestSpark.session();

  private static void write(Warehouse wh, String runId, String file) {
    RunCommits.tag(spark, runId);
    try {
      TableWriter.replaceWhere(spark.createDataFrame(List.of(RowFactory.create(runId, "t", 0, "ALL", 1.0)),
          new org.apache.spark.sql.types.StructType().add("run_id", "string").add("scenario_id", "string")
              .add("year", "int").add("sector", "string").add("value", "double")).selectExpr(
              "'" + file + "' as source_file", "1L as line_number", "'raw' as raw_line", "'BAD' as reason_code",
              "'why' as message", "run_id", "'/d/" + file + "' as source_path", "'1:00000000' as source_content"), wh, Tables.TRADE_FLOWS_REJECTS, "source_file = '" + file + "'");
    } finally {
      RunCommits.untag(spark);
    }
  }

  private static List<String> files(Warehouse wh) {
    return TableReader.read(spark, wh, Tables.TRADE_FLOWS_REJECTS).select("source_file").orderBy("source_file")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void aRunIsUndoneOnceAndAnUndoOverAnotherRunsCommitIsRefused() {
    Warehouse wh = new Warehouse(TestSpark.newDir("undo").toString());
    write(wh, "ok-1", "a.csv");
    write(wh, "bad-1", "b.csv");
    write(wh, "bad-1", "c.csv");
    assertThat(files(wh)).containsExactly("a.csv", "b.csv", "c.csv");

    assertThat(RunCommits.undo(spark, wh, "bad-1", Tables.curated()))
        .containsExactly("trade_flows_rejects: restored to version 1 (undoing versions 2-3)");
    assertThat(files(wh)).containsExactly("a.csv");
    // a second undo of the same run (its first was interrupted after this table) changes nothing
    assertThat(RunCommits.undo(spark, wh, "bad-1", Tables.curated())).isEmpty();
    assertThat(files(wh)).containsExactly("a.csv");

    write(wh, "bad-2", "d.csv");
    write(wh, "ok-2", "e.csv");
    assertThat(RunCommits.undo(spark, wh, "bad-2", Tables.curated())).singleElement().asString()
        .contains("left as it is").contains("ftasim run ok-2");
    assertThat(files(wh)).containsExactly("a.csv", "d.csv", "e.csv");

    Warehouse fresh = new Warehouse(TestSpark.newDir("undo-created").toString());
    write(fresh, "bad-3", "x.csv");
    assertThat(RunCommits.undo(spark, fresh, "bad-3", Tables.curated()))
        .containsExactly("trade_flows_rejects: created by the run: removed");
    assertThat(DeltaTable.isDeltaTable(spark, fresh.path(Tables.TRADE_FLOWS_REJECTS))).isFalse();
  }
}
