package org.ftasim.jobs;

import org.ftasim.table.Csv;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ftasim.config.UserException;
import org.ftasim.table.Warehouse;

/**
 * {@code ftasim sql "<query>"}: Spark SQL over the warehouse, each Delta table registered under its folder
 * name; the result is printed as CSV (RFC 4180, header first) on stdout, so the JSON summary goes to stderr.
 */
public final class SqlJob {
  public static final JobSpec SPEC = new JobSpec("sql", "Spark SQL over the warehouse's tables, CSV on stdout",
      Map.of(), Set.of(), Map.of(), "\"<query>\"", false, true);

  private SqlJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, SqlJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws Exception {
    if (ctx.args().positionals().size() != 1) {
      throw new UserException("ftasim sql takes exactly one query in quotes, e.g. ftasim sql \"select * from runs\"");
    }
    List<String> registered = registerTables(spark, ctx.warehouse());
    Dataset<Row> result;
    try {
      result = spark.sql(ctx.args().positionals().get(0));
    } catch (Exception e) {
      // Scala's AnalysisException (parse errors included) is checked in Java's eyes but not declared.
      if (!(e instanceof org.apache.spark.sql.AnalysisException ae)) {
        throw e;
      }
      throw new UserException("query failed: " + ae.getSimpleMessage() + "; tables in " + ctx.warehouse().root()
          + ": " + (registered.isEmpty() ? "none" : String.join(", ", registered)), e);
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

  /** Registers every Delta table directly under the warehouse as a temporary view named after its folder. */
  public static List<String> registerTables(SparkSession spark, Warehouse warehouse) throws IOException {
    Path root = new Path(warehouse.root());
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> names = new ArrayList<>();
    if (!fs.exists(root)) {
      return names;
    }
    for (FileStatus st : fs.listStatus(root)) {
      String name = st.getPath().getName();
      if (st.isDirectory() && name.matches("[A-Za-z_][A-Za-z0-9_]*")
          && DeltaTable.isDeltaTable(spark, st.getPath().toString())) {
        spark.read().format("delta").load(st.getPath().toString()).createOrReplaceTempView(name);
        names.add(name);
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
