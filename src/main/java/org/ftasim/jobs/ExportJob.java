package org.ftasim.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.ftasim.table.TableDef;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;

/**
 * {@code ftasim export --table T [--run-id ID] --out DIR}: copies a curated table (optionally one run's rows)
 * to plain Parquet under {@code DIR/T/}, hive-partitioned like the table, for pandas/pyarrow, DuckDB, polars.
 * Here {@code --run-id} selects rows to export; the export itself is not a run and is not recorded.
 */
public final class ExportJob {
  public static final JobSpec SPEC = new JobSpec("export", "Copy tables to plain Parquet for notebooks",
      Map.of("--table", "table to export, repeatable; 'all' for every table present",
          "--out", "results folder: each table goes to <out>/<table>/"),
      Set.of("--table"), Map.of(), null, false, false);

  private ExportJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, ExportJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) {
    String out = ctx.args().required("--out");
    ctx.warehouse().refuseOutputOverTables("--out", out);
    List<String> names = ctx.args().all("--table");
    if (names.isEmpty()) {
      throw JobErrors.noExportTable(tableNames());
    }
    List<TableDef> tables = new ArrayList<>();
    boolean all = names.contains("all");
    if (all) {
      for (TableDef t : Tables.all()) {
        if (TableReader.exists(spark, ctx.warehouse(), t)) {
          tables.add(t);
        }
      }
    } else {
      for (String n : names) {
        tables.add(Tables.byName(n).orElseThrow(() -> JobErrors.notATable(n, tableNames())));
      }
    }
    String runFilter = ctx.args().runId().orElse(null);
    JobResult result = new JobResult();
    exportAll(spark, ctx.warehouse(), tables, runFilter, out, ctx.config().export().files()).forEach(result::count);
    return result;
  }

  /**
   * Writes the tables as {@link #export} does, as many at a time as the cluster has cores: a table's write is often
   * one task (one file, or one partition value), so one table at a time left the other cores idle. Returns the row
   * counts by table, in the tables' order; the first failure is thrown once the writes under way have ended.
   */
  public static Map<String, Long> exportAll(SparkSession spark, Warehouse warehouse, List<TableDef> tables,
      String runId, String out, int files) {
    int threads = Math.max(1, Math.min(tables.size(), spark.sparkContext().defaultParallelism()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ftasim-export");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Long>> written = new ArrayList<>();
      for (TableDef t : tables) {
        written.add(pool.submit(() -> export(spark, warehouse, t, runId, out, files)));
      }
      Map<String, Long> rows = new LinkedHashMap<>();
      RuntimeException failure = null;
      for (int i = 0; i < tables.size(); i++) {
        try {
          rows.put(tables.get(i).name(), written.get(i).get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re ? re
                : new IllegalStateException("export of " + tables.get(i).name() + " failed", e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while exporting " + tables.get(i).name(), e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes one table (one run's rows when runId is not null) to {@code <out>/<table>/}; returns the row count. */
  public static long export(SparkSession spark, Warehouse warehouse, TableDef table, String runId, String out,
      int files) {
    return write(select(TableReader.read(spark, warehouse, table), table, runId), table, out + "/" + table.name(),
        files);
  }

  /** The rows to export: one run's when a run id is given and the table has run ids. */
  public static Dataset<Row> select(Dataset<Row> table, TableDef def, String runId) {
    if (runId == null || !def.hasColumn("run_id")) {
      return table;
    }
    return table.where(functions.col("run_id").equalTo(runId));
  }

  /**
   * One pass: the rows are counted as they are written (an observed metric of the write itself), not by a count
   * before it, which read the table twice and held it in memory between the two.
   */
  private static long write(Dataset<Row> df, TableDef def, String path, int files) {
    Observation written = new Observation("export " + def.name());
    Dataset<Row> counted = df.observe(written, functions.count(functions.lit(1)).as("rows"));
    Dataset<Row> laidOut;
    if (def.partitionBy().isEmpty()) {
      laidOut = counted.coalesce(files);
    } else {
      Column[] parts = def.partitionBy().stream().map(functions::col).toArray(Column[]::new);
      laidOut = counted.repartition(parts);
    }
    var writer = laidOut.write().mode("overwrite");
    if (!def.partitionBy().isEmpty()) {
      writer = writer.partitionBy(def.partitionBy().toArray(new String[0]));
    }
    writer.parquet(path);
    try {
      return ((Number) written.getAsJava().get("rows")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the row count of " + path, e);
    }
  }

  private static String tableNames() {
    return String.join(", ", Tables.all().stream().map(TableDef::name).toList());
  }
}
