package org.ftasim.table;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * The only place that writes curated tables. Every write is one Delta commit, so a job that dies mid-write
 * leaves the table as it was; re-runs replace their own rows instead of adding more.
 */
public final class TableWriter {
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private TableWriter() {}

  /**
   * Appends rows in one commit (a blind append: it conflicts with no other writer).
   *
   * @return the write, whose rows Delta's commit metrics count
   */
  public static Written append(Dataset<Row> rows, Warehouse warehouse, TableDef table) {
    Dataset<Row> conformed = writing(rows, table);
    long[] before = new long[1];
    retrying(table, () -> {
      before[0] = version(ensure(rows.sparkSession(), warehouse, table));
      conformed.write().format("delta").mode("append").save(warehouse.path(table));
    });
    TestSeams.point("after-commit:" + table.name());
    return new Written(rows.sparkSession(), warehouse.path(table), before[0]);
  }

  /**
   * Replaces the rows of one run (all rows whose run_id equals {@code runId}) with {@code rows}, atomically.
   *
   * @return the write, whose rows Delta's commit metrics count
   */
  public static Written replaceRun(Dataset<Row> rows, Warehouse warehouse, TableDef table, String runId) {
    if (!table.hasColumn("run_id")) {
      throw new IllegalArgumentException("table " + table.name() + " has no run_id column");
    }
    return replaceWhere(rows, warehouse, table, "run_id = '" + safeId(runId) + "'");
  }

  /**
   * Replaces the rows matching {@code predicate} with {@code rows} in one commit. Every written row must satisfy the
   * predicate, so a caller cannot overwrite another run's rows by mistake.
   *
   * <p>A table this write has just created holds nothing to replace: the rows are appended, which commits without
   * the snapshot state a replace reads first (a Spark job over the log, 2-4 s in a cold JVM). Should another commit
   * have come between the creation and the append (a job that raced to create the table), the rows are then
   * replaced as usual, which takes out whatever that job wrote under the same predicate.
   *
   * @return the write, whose rows Delta's commit metrics count
   */
  public static Written replaceWhere(Dataset<Row> rows, Warehouse warehouse, TableDef table, String predicate) {
    Dataset<Row> conformed = writing(rows, table);
    SparkSession spark = rows.sparkSession();
    String path = warehouse.path(table);
    long[] before = new long[1];
    retrying(table, () -> {
      boolean existed = DeltaTable.isDeltaTable(spark, path);
      before[0] = version(ensure(spark, warehouse, table));
      if (!existed) {
        // Delta checks a replace's rows against its predicate; an append is checked here, row by row as written
        conformed.where(functions.assert_true(functions.expr(predicate), functions.lit("a row outside the"
            + " predicate " + predicate + " of a write to table " + table.name())).isNull())
            .write().format("delta").mode("append").save(path);
        if (nothingCameBetween(spark, path, before[0])) {
          return;
        }
      }
      conformed.write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(path);
    });
    TestSeams.point("after-commit:" + table.name());
    return new Written(rows.sparkSession(), warehouse.path(table), before[0]);
  }

  /**
   * Whether the table's commits since {@code created} are at most one, this session's run's (an empty append commits
   * nothing). The run tag tells this job's commit from another's; without one the answer is no, and the caller
   * replaces as it would have.
   */
  private static boolean nothingCameBetween(SparkSession spark, String path, long created) {
    org.apache.spark.sql.delta.DeltaLog log = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path);
    long latest = log.update(false, scala.Option.empty(), scala.Option.empty()).version();
    if (latest == created) {
      return true;
    }
    String tag = spark.conf().getOption(RunCommits.USER_METADATA).getOrElse(() -> null);
    if (latest != created + 1 || tag == null) {
      return false;
    }
    scala.collection.Iterator<scala.Tuple2<Object, scala.collection.immutable.Seq<
        org.apache.spark.sql.delta.actions.Action>>> changes = log.getChanges(latest, latest, scala.Option.empty(),
            false);
    while (changes.hasNext()) {
      scala.collection.Iterator<org.apache.spark.sql.delta.actions.Action> actions = changes.next()._2().iterator();
      while (actions.hasNext()) {
        if (actions.next() instanceof org.apache.spark.sql.delta.actions.CommitInfo info) {
          return tag.equals(info.userMetadata().getOrElse(() -> null));
        }
      }
    }
    return false;
  }

  /** The table's latest version, from its log (no Spark job). */
  private static long version(DeltaTable table) {
    return table.deltaLog().update(false, scala.Option.empty(), scala.Option.empty()).version();
  }

  /** A committed write: the table and its version before the write. */
  public record Written(SparkSession spark, String path, long before) {
    /**
     * The rows the write committed, as Delta's commit info counts them ({@code operationMetrics.numOutputRows}):
     * reading the log's newest entries replaces a Spark job that would scan the table again only to count. Of the
     * commits after {@code before}, this write's is the one with this session's run tag (another job's carry its
     * own); none means Delta had nothing to commit, which it skips for an empty write. Tables are only written
     * through here, with Delta's history metrics on (its default).
     */
    public long rows() {
      return rowsWritten(spark, path, before);
    }
  }

  private static long rowsWritten(SparkSession spark, String path, long before) {
    DeltaTable table = DeltaTable.forPath(spark, path);
    long after = version(table);
    if (after == before) {
      return 0;
    }
    String tag = spark.conf().getOption(RunCommits.USER_METADATA).getOrElse(() -> null);
    for (Row commit : table.history((int) Math.min(after - before, 64)).select("userMetadata", "operation",
        "operationMetrics").collectAsList()) {
      if (java.util.Objects.equals(commit.getString(0), tag) && commit.getString(1).equals("WRITE")) {
        java.util.Map<String, String> metrics = commit.getJavaMap(2);
        String rows = metrics.get("numOutputRows");
        if (rows != null) {
          return Long.parseLong(rows);
        }
        // a write that added no file (an empty replace that only removes) counts no output rows
        if (metrics.getOrDefault("numFiles", "0").equals("0")) {
          return 0;
        }
        throw new IllegalStateException(path + ": the commit's metrics " + metrics + " carry no numOutputRows; is"
            + " spark.databricks.delta.history.metricsEnabled off?");
      }
    }
    return 0;
  }

  private static final int ATTEMPTS = 8;

  /**
   * Runs one write again when another job's commit got in first (Delta's concurrent-modification exceptions). Safe
   * because every write here is a function of its rows alone: an append of new rows, a replace of the rows its
   * predicate names; the second attempt reads the table as the first commit left it.
   */
  static void retrying(TableDef table, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !concurrent(e)) {
          throw e;
        }
        System.err.println("ftasim: table " + table.name() + ": another job committed first (" + e.getClass()
            .getSimpleName() + "); writing again, attempt " + (attempt + 1) + " of " + ATTEMPTS);
        try {
          Thread.sleep(100L * attempt * attempt);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean concurrent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException
          || t.getClass().getName().startsWith("io.delta.exceptions.Concurrent")) {
        return true;
      }
    }
    return false;
  }

  /** The rows a write commits, conformed, once the job's start-up lets it touch the table. */
  private static Dataset<Row> writing(Dataset<Row> rows, TableDef table) {
    TableGate.await(table);
    TestSeams.point("before-write:" + table.name());
    return TestSeams.duringWrite(conform(rows, table), table);
  }

  /** Creates the table (empty, with its schema and partitioning) unless it exists. */
  public static DeltaTable ensure(SparkSession spark, Warehouse warehouse, TableDef table) {
    TableGate.await(table);
    String path = warehouse.path(table);
    if (DeltaTable.isDeltaTable(spark, path)) {
      return addMissingColumns(spark, path, table);
    }
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).location(path).addColumns(table.schema());
    if (!table.partitionBy().isEmpty()) {
      builder = builder.partitionedBy(table.partitionBy().toArray(new String[0]));
    }
    for (java.util.Map.Entry<String, String> p : table.properties().entrySet()) {
      builder = builder.property(p.getKey(), p.getValue());
    }
    return builder.execute();
  }

  /**
   * A table written by an older ftasim lacks the columns the catalog has gained since: they are added (Delta adds
   * them nullable; the rows already there hold null), so a warehouse moves forward without being rebuilt.
   */
  private static DeltaTable addMissingColumns(SparkSession spark, String path, TableDef table) {
    DeltaTable existing = DeltaTable.forPath(spark, path);
    List<String> have = Arrays.asList(existing.toDF().columns());
    List<String> missing = new java.util.ArrayList<>();
    for (StructField f : table.schema().fields()) {
      if (!have.contains(f.name())) {
        missing.add("`" + f.name() + "` " + f.dataType().sql() + " COMMENT " + sqlString(f.getComment().get()));
      }
    }
    if (missing.isEmpty()) {
      return existing;
    }
    spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` ADD COLUMNS (" + String.join(", ", missing) + ")");
    return DeltaTable.forPath(spark, path);
  }

  /**
   * Any text as a Spark SQL string literal, quoted and escaped (Spark reads backslash escapes in literals), so a file
   * named with spaces, brackets, quotes or non-ASCII characters can stand in a predicate.
   */
  public static String sqlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Quotes-safe identifier for predicates; run ids are validated at the command line too. */
  public static String safeId(String id) {
    if (!SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("identifier '" + id + "' has characters outside [A-Za-z0-9._:-]");
    }
    return id;
  }

  /**
   * Selects the table's columns in catalog order, and fails (a bug, not a user error) if a column is missing
   * or has another type: the catalog is the one source of truth for schemas.
   */
  static Dataset<Row> conform(Dataset<Row> rows, TableDef table) {
    List<String> have = Arrays.asList(rows.columns());
    Column[] cols = new Column[table.schema().fields().length];
    int i = 0;
    for (StructField f : table.schema().fields()) {
      if (!have.contains(f.name())) {
        throw new IllegalStateException("rows for table " + table.name() + " lack column " + f.name()
            + "; they have " + have);
      }
      StructField actual = rows.schema().apply(f.name());
      if (!actual.dataType().sameType(f.dataType())) {
        throw new IllegalStateException("rows for table " + table.name() + ": column " + f.name() + " is "
            + actual.dataType().simpleString() + ", the catalog says " + f.dataType().simpleString());
      }
      cols[i++] = rows.col(f.name());
    }
    return rows.select(cols);
  }

  /**
   * The rows a run over these files replaces: those of the same paths, those of the same bytes under any path or
   * name, and (rows written before ftasim recorded paths) those of the same names.
   */
  public static String sameSourceFiles(List<String> names, List<String> paths, java.util.Collection<String> contents) {
    String byPath = "source_path IN (" + paths.stream().map(TableWriter::sqlString).collect(Collectors.joining(", "))
        + ")";
    String byContent = contents.isEmpty() ? "" : " OR source_content IN (" + contents.stream().distinct()
        .map(TableWriter::sqlString).collect(Collectors.joining(", ")) + ")";
    String byName = " OR (source_path IS NULL AND source_file IN (" + names.stream().distinct()
        .map(TableWriter::sqlString).collect(Collectors.joining(", ")) + "))";
    return "(" + byPath + byContent + byName + ")";
  }
}
