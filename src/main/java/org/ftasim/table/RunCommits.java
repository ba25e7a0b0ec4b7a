package org.ftasim.table;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A run's commits, and undoing them. Every commit a job makes carries its run id in Delta's commit info
 * ({@code userMetadata}), so the commits of a run that failed or was killed can be found in each table's history and
 * undone by restoring the table to the version before the first of them; a table the run created is removed. A run
 * that fails therefore leaves every table as it was, and the next job does the same for a run that was killed. A
 * table in which another run committed after this one's first commit is left alone, and named: that run built on it.
 */
public final class RunCommits {
  static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private RunCommits() {}

  public static String tag(String runId) {
    return "ftasim run " + runId;
  }

  /** What the restores of a run's undo are committed as. */
  static String rollback(String runTag) {
    return "ftasim rollback of " + runTag.substring("ftasim ".length());
  }

  /** Tags every Delta commit of this session with the run id until {@link #untag}. */
  public static void tag(SparkSession spark, String runId) {
    spark.conf().set(USER_METADATA, tag(runId));
  }

  public static void untag(SparkSession spark) {
    spark.conf().unset(USER_METADATA);
  }

  /** Undoes {@code runId}'s commits in {@code tables}; returns one line per table it touched, saying what it did. */
  public static List<String> undo(SparkSession spark, Warehouse warehouse, String runId, Collection<TableDef> tables) {
    String tag = tag(runId);
    List<String> done = new ArrayList<>();
    String before = spark.conf().getOption(USER_METADATA).getOrElse(() -> null);
    // the restores are not the run's commits: a later undo of the run that does them must not take them back
    spark.conf().set(USER_METADATA, rollback(tag));
    try {
      for (TableDef table : tables) {
        String path = warehouse.path(table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
          continue;
        }
        String note = undo(spark, DeltaTable.forPath(spark, path), path, tag);
        if (note != null) {
          done.add(table.name() + ": " + note);
        }
      }
    } finally {
      if (before == null) {
        spark.conf().unset(USER_METADATA);
      } else {
        spark.conf().set(USER_METADATA, before);
      }
    }
    return done;
  }

  private static String undo(SparkSession spark, DeltaTable table, String path, String tag) {
    List<Row> history = table.history().select("version", "userMetadata").orderBy("version").collectAsList();
    long first = -1;
    long latest = history.get(history.size() - 1).getLong(0);
    for (Row r : history) {
      if (tag.equals(r.getString(1))) {
        first = first < 0 ? r.getLong(0) : first;
      } else if (first >= 0) {
        if (rollback(tag).equals(r.getString(1))) {
          // an earlier undo of the same run got this far (its job was killed while undoing)
          return null;
        }
        return "left as it is: version " + r.getLong(0) + " (" + r.getString(1) + ") was committed after the run's"
            + " version " + first + " and builds on it";
      }
    }
    if (first < 0) {
      return null;
    }
    if (first == 0) {
      try {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.delete(p, true);
      } catch (IOException e) {
        return "created by the run; removing it failed (" + e.getMessage() + "): remove " + path + " by hand";
      }
      return "created by the run: removed";
    }
    table.restoreToVersion(first - 1);
    return "restored to version " + (first - 1) + (first == latest ? " (undoing version " + first + ")"
        : " (undoing versions " + first + "-" + latest + ")");
  }
}
