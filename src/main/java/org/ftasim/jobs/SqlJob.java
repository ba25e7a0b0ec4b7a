package org.ftasim.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ftasim.table.Csv;
import org.ftasim.table.RunLog;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import scala.runtime.BoxedUnit;

/**
 * {@code ftasim sql "<query>"}: Spark SQL over the warehouse, each Delta table registered under its folder
 * name; the result is printed as CSV (RFC 4180, header first) on stdout, so the JSON summary goes to stderr.
 *
 * <p>It only reads: the text must parse as a query (SELECT, WITH, VALUES, TABLE, FROM …), so DDL, DML and commands
 * are refused before anything runs, and so are the reflective functions that call Java methods. Only the tables
 * the query names are registered: loading a Delta table reads its log, and a warehouse holds over a dozen.
 */
public final class SqlJob {
  public static final JobSpec SPEC = new JobSpec("sql", "Spark SQL over the warehouse's tables, CSV on stdout",
      Map.of(), Set.of(), Map.of(), "\"<query>\"", false, true);
  /** Functions that call arbitrary Java methods, which a read-only query has no business calling. */
  /** The name under which a query sees every row of the runs log, not only each run's latest. */
  static final String RUN_EVENTS = "run_events";
  private static final Set<String> REFLECTIVE = Set.of("reflect", "java_method", "try_reflect");

  private SqlJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, SqlJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws Exception {
    if (ctx.args().positionals().size() != 1) {
      throw JobErrors.notOneQuery();
    }
    String query = ctx.args().positionals().get(0);
    LogicalPlan plan = readOnly(spark, query);
    List<String> registered = registerTables(spark, ctx.warehouse(), namedTables(plan));
    Dataset<Row> result;
    try {
      result = spark.sql(query);
    } catch (Exception e) {
      // Scala's AnalysisException (parse errors included) is checked in Java's eyes but not declared.
      if (!(e instanceof org.apache.spark.sql.AnalysisException ae)) {
        throw e;
      }
      List<String> tables = tablesIn(spark, ctx.warehouse());
      throw JobErrors.queryFailed(ae.getSimpleMessage(), ctx.warehouse().root(),
          tables.isEmpty() ? "none" : String.join(", ", tables), e);
    }
    int maxRows = ctx.config().sql().maxRows();
    List<Row> rows = asText(result).limit(maxRows + 1).collectAsList();
    printCsv(ctx.out(), result.columns(), rows.subList(0, Math.min(rows.size(), maxRows)));
    if (rows.size() > maxRows) {
      ctx.err().println("ftasim sql: output stopped after sql.max_rows = " + maxRows
          + " rows; add a LIMIT or raise it with --set sql.max_rows=N");
    }
    return new JobResult().count("rows", Math.min(rows.size(), maxRows)).count("tables_registered", registered.size());
  }

  /** The query's plan as parsed (not analysed), or a user error when it is not a read-only query. */
  static LogicalPlan readOnly(SparkSession spark, String query) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parseQuery(query);
    } catch (ParseException notAQuery) {
      String statement = query.strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
      try {
        spark.sessionState().sqlParser().parsePlan(query);
      } catch (ParseException syntax) {
        throw JobErrors.queryUnparsable(syntax.getMessage().strip().split("\n")[0], syntax);
      }
      throw JobErrors.notAQuery(statement);
    }
    List<String> reflective = new ArrayList<>();
    forEachNode(plan, node -> node.expressions().foreach(e -> {
      e.foreach(x -> {
        if (x instanceof UnresolvedFunction f && REFLECTIVE.contains(f.nameParts().last().toLowerCase())) {
          reflective.add(f.nameParts().last());
        }
        return BoxedUnit.UNIT;
      });
      return BoxedUnit.UNIT;
    }));
    if (!reflective.isEmpty()) {
      throw JobErrors.reflectiveCall(reflective);
    }
    return plan;
  }

  /** The table names a parsed query reads (the last part of each name; CTE names among them). */
  static Set<String> namedTables(LogicalPlan plan) {
    Set<String> names = new java.util.TreeSet<>();
    forEachNode(plan, node -> {
      if (node instanceof UnresolvedRelation r) {
        names.add(r.multipartIdentifier().last());
      }
    });
    return names;
  }

  /**
   * Every node of a parsed plan, its subqueries' and its WITH clauses' definitions included: a definition is not a
   * child of the WITH node, so a walk over children and subqueries alone misses what it reads and calls.
   */
  private static void forEachNode(LogicalPlan plan, java.util.function.Consumer<LogicalPlan> visit) {
    plan.foreachWithSubqueries(node -> {
      visit.accept(node);
      if (node instanceof UnresolvedWith w) {
        w.cteRelations().foreach(definition -> {
          forEachNode(definition._2(), visit);
          return BoxedUnit.UNIT;
        });
      }
      return BoxedUnit.UNIT;
    });
  }

  /**
   * Registers the Delta tables directly under the warehouse whose folder names are in {@code names} as temporary
   * views named after their folders (names without such a table, a CTE's for one, are left to the query). The runs
   * log is registered as each run's state under {@code runs}, and with every row under {@code run_events}.
   */
  public static List<String> registerTables(SparkSession spark, Warehouse warehouse, Set<String> names)
      throws IOException {
    Path root = new Path(warehouse.root());
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> registered = new ArrayList<>();
    for (String name : names) {
      boolean events = name.equals(RUN_EVENTS);
      Path table = new Path(root, events ? Tables.RUNS.name() : name);
      if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && fs.exists(new Path(table, "_delta_log"))) {
        Dataset<Row> rows = spark.read().format("delta").load(table.toString());
        (name.equals(Tables.RUNS.name()) ? RunLog.latest(rows) : rows).createOrReplaceTempView(name);
        registered.add(name);
      }
    }
    return registered;
  }

  /** The Delta tables directly under the warehouse, by folder name. */
  private static List<String> tablesIn(SparkSession spark, Warehouse warehouse) throws IOException {
    Path root = new Path(warehouse.root());
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> names = new ArrayList<>();
    if (fs.exists(root)) {
      for (FileStatus st : fs.listStatus(root)) {
        if (st.isDirectory() && fs.exists(new Path(st.getPath(), "_delta_log"))) {
          names.add(st.getPath().getName());
        }
      }
    }
    names.sort(null);
    return names;
  }

  private static Dataset<Row> asText(Dataset<Row> df) {
    StructType schema = df.schema();
    Column[] cols = new Column[schema.fields().length];
    for (int i = 0; i < cols.length; i++) {
      StructField f = schema.fields()[i];
      Column c = df.col("`" + f.name().replace("`", "``") + "`");
      boolean complex = f.dataType() instanceof MapType || f.dataType() instanceof ArrayType
          || f.dataType() instanceof StructType;
      cols[i] = (complex ? functions.to_json(c) : c.cast("string")).as("c" + i);
    }
    return df.select(cols);
  }

  static void printCsv(PrintStream out, String[] header, List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < header.length; i++) {
      sb.append(i == 0 ? "" : ",").append(Csv.field(header[i]));
    }
    out.println(sb);
    for (Row r : rows) {
      sb.setLength(0);
      for (int i = 0; i < r.length(); i++) {
        sb.append(i == 0 ? "" : ",").append(r.isNullAt(i) ? "" : Csv.field(r.getString(i)));
      }
      out.println(sb);
    }
    out.flush();
  }
}
