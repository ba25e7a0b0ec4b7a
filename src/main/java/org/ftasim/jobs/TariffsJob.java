package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.FtasimConfig;
import org.ftasim.config.UserException;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.tariff.AgreementBook;
import org.ftasim.tariff.Scenario;
import org.ftasim.config.SectorMap;
import org.ftasim.tariff.TariffEngine;
import org.ftasim.tariff.TariffFiles;
import org.ftasim.tariff.spark.TariffRates;

/**
 * {@code ftasim tariffs --config …}: tariff files into tariff_schedules (bad lines into tariff_rejects), then the
 * rate applied to every (importer, exporter, HS6, year) for the baseline and each scenario into tariff_effective,
 * and their WITS-style averages into tariff_aggregates. Each table is written in one Delta commit replacing the
 * files (schedules) or scenarios (rates) of this run.
 */
public final class TariffsJob {
  public static final JobSpec SPEC = new JobSpec("tariffs",
      "Tariff schedules, FTA staging and scenarios into effective tariffs per year and their aggregates"
          + " (config section tariffs)",
      Map.of("--input", "tariff files or folders to ingest first (adds to tariffs.input); repeatable"),
      Set.of("--input"), Map.of(), null, true, false);

  private TariffsJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, TariffsJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    FtasimConfig.Tariffs cfg = ctx.config().tariffs();
    List<String> inputs = new ArrayList<>(cfg.input());
    inputs.addAll(ctx.args().all("--input"));
    return run(spark, ctx, cfg, inputs);
  }

  static JobResult run(SparkSession spark, JobContext ctx, FtasimConfig.Tariffs cfg, List<String> inputs)
      throws IOException {
    long t0 = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    AgreementBook book = cfg.agreements().isEmpty() ? AgreementBook.bundled()
        : read(cfg.agreements(), "tariffs.agreements", hadoop, (in, src) -> AgreementBook.read(in, src));
    SectorMap sectors = cfg.sectors().isEmpty() ? SectorMap.bundled()
        : read(cfg.sectors(), "tariffs.sectors", hadoop, SectorMap::read);
    Scenario baseline = Scenario.baseline(book);
    List<Scenario> scenarios = new ArrayList<>(List.of(baseline));
    for (String file : scenarioFiles(cfg.scenarios(), hadoop)) {
      Scenario s = file.startsWith(Scenario.BUNDLED_PREFIX)
          ? Scenario.bundled(file.substring(Scenario.BUNDLED_PREFIX.length()), book)
          : read(file, "tariffs.scenarios", hadoop, (in, src) -> Scenario.read(in, src, book));
      if (scenarios.stream().anyMatch(o -> o.id().equals(s.id()))) {
        throw new UserException("scenario id '" + s.id() + "' (" + file + ") is used by another scenario file;"
            + " fix: give each scenario its own id");
      }
      scenarios.add(s);
    }
    JobResult result = new JobResult();
    if (!inputs.isEmpty()) {
      long i0 = System.nanoTime();
      result.addAll(ingest(spark, ctx, book, inputs));
      ctx.err().printf("ftasim tariffs: ingested the tariff files in %.1f s%n", (System.nanoTime() - i0) / 1e9);
    }
    if (!TableReader.exists(spark, ctx.warehouse(), Tables.TARIFF_SCHEDULES)) {
      throw new UserException("there are no tariff schedules yet: the table tariff_schedules does not exist; fix:"
          + " give the tariff files with --input DIR (or tariffs.input), e.g. the sample's <dir>/tariffs");
    }
    Dataset<Row> schedules = TableReader.read(spark, ctx.warehouse(), Tables.TARIFF_SCHEDULES);

    Map<String, Set<String>> scheduled = new HashMap<>();
    for (Row r : schedules.where(col("staging").isNotNull()).select("schedule", "staging").distinct()
        .collectAsList()) {
      scheduled.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
    }
    boolean haveTrade = TableReader.exists(spark, ctx.warehouse(), Tables.TRADE_FLOWS);
    Row span = haveTrade ? TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS)
        .agg(min("year"), max("year")).first() : null;
    boolean tradeRows = span != null && !span.isNullAt(0);
    int first = cfg.firstYear() > 0 ? cfg.firstYear() : tradeRows ? span.getInt(0) : -1;
    if (first < 0) {
      throw new UserException("tariffs.first_year is 0 (the first year of trade data) but trade_flows holds no"
          + " rows; fix: ingest trade data first (ftasim ingest-flows) or set tariffs.first_year");
    }
    int last = cfg.lastYear();
    if (last == 0) {
      for (Scenario s : scenarios) {
        last = Math.max(last, TariffEngine.phaseInEnd(s, scheduled));
      }
      last = Math.max(last, first);
    }
    if (last < first) {
      throw new UserException("tariffs.last_year " + last + " is before the first year " + first
          + "; fix: set tariffs.last_year to " + first + " or later");
    }
    int weightYear = cfg.weightYear() > 0 ? cfg.weightYear() : tradeRows ? span.getInt(1) : first;
    ctx.err().printf("ftasim tariffs: %d scenario(s) %s, years %d-%d, weights from trade in %d%n", scenarios.size(),
        scenarios.stream().map(Scenario::id).toList(), first, last, weightYear);

    String predicate = "scenario_id IN (" + scenarios.stream().map(s -> "'" + s.id() + "'")
        .collect(Collectors.joining(", ")) + ")";
    long e0 = System.nanoTime();
    TableWriter.replaceWhere(TariffRates.effective(schedules, scenarios, baseline, sectors, first, last, ctx.runId()),
        ctx.warehouse(), Tables.TARIFF_EFFECTIVE, predicate);
    ctx.err().printf("ftasim tariffs: wrote tariff_effective in %.1f s%n", (System.nanoTime() - e0) / 1e9);
    Dataset<Row> effective = TableReader.read(spark, ctx.warehouse(), Tables.TARIFF_EFFECTIVE)
        .where(col("run_id").equalTo(ctx.runId()));

    Dataset<Row> weights = haveTrade
        ? TariffRates.weights(TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS), weightYear)
        : TariffRates.weights(spark.createDataFrame(List.of(), Tables.TRADE_FLOWS.schema()), weightYear);
    long a0 = System.nanoTime();
    TableWriter.replaceWhere(TariffRates.aggregates(schedules, weights, scenarios, baseline, sectors, first, last,
            cfg.levels(), cfg.peak(), weightYear, ctx.runId()),
        ctx.warehouse(), Tables.TARIFF_AGGREGATES, predicate);
    ctx.err().printf("ftasim tariffs: wrote tariff_aggregates in %.1f s%n", (System.nanoTime() - a0) / 1e9);

    Dataset<Row> aggregates = TableReader.read(spark, ctx.warehouse(), Tables.TARIFF_AGGREGATES)
        .where(col("run_id").equalTo(ctx.runId()));
    return result.count("scenarios", scenarios.size()).count("first_year", first).count("last_year", last)
        .count("weight_year", weightYear).count("effective_rows", effective.count())
        .count("aggregate_rows", aggregates.count())
        .count("millis", (System.nanoTime() - t0) / 1_000_000)
        .table(Tables.TARIFF_EFFECTIVE.name()).table(Tables.TARIFF_AGGREGATES.name());
  }

  /** A tariff file to read: its location, name, size and whether it is the MFN schedule. */
  private record Input(String path, String name, long size, Boolean mfn) {}

  /** Tariff files into tariff_schedules and tariff_rejects, replacing earlier rows of the same files. */
  static JobResult ingest(SparkSession spark, JobContext ctx, AgreementBook book, List<String> inputs)
      throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<Input> files = resolve(inputs, hadoop);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Row> fileRejects = new ArrayList<>();
    JavaRDD<Row> lines = jsc.emptyRDD();
    for (Input f : files) {
      if (f.mfn() == null) {
        fileRejects.add(RowFactory.create(f.name(), 0L, null, TariffFiles.Reject.EMPTY_FILE.name(),
            "the file is empty (no header, no lines); fix: write the header and the lines, or leave the file out",
            ctx.runId()));
        continue;
      }
      String name = f.name();
      boolean mfn = f.mfn();
      lines = lines.union(jsc.textFile(f.path()).zipWithIndex().filter(t -> t._2() > 0)
          .map(t -> RowFactory.create(name, t._2() + 1, mfn, t._1())));
    }
    Dataset<Row> parsed = TariffRates.parse(spark.createDataFrame(lines, TariffRates.LINES), book).cache();
    try {
      String predicate = "source_file IN (" + files.stream().map(f -> "'" + TableWriter.safeId(f.name()) + "'")
          .collect(Collectors.joining(", ")) + ")";
      TableWriter.replaceWhere(TariffRates.schedules(parsed, ctx.runId()), ctx.warehouse(), Tables.TARIFF_SCHEDULES,
          predicate);
      Dataset<Row> rejects = TariffRates.rejects(parsed, ctx.runId())
          .unionByName(spark.createDataFrame(fileRejects, Tables.TARIFF_REJECTS.schema()));
      TableWriter.replaceWhere(rejects, ctx.warehouse(), Tables.TARIFF_REJECTS, predicate);
      Map<String, Long> byReason = new LinkedHashMap<>();
      long accepted = 0;
      for (Row r : parsed.groupBy("reason_code").count().collectAsList()) {
        if (r.isNullAt(0)) {
          accepted = r.getLong(1);
        } else {
          byReason.put(r.getString(0), r.getLong(1));
        }
      }
      fileRejects.forEach(r -> byReason.merge(r.getString(3), 1L, Long::sum));
      long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
      ctx.err().printf("ftasim tariffs: %d file(s), %d schedule lines accepted, %d rejected %s%n", files.size(),
          accepted, rejected, byReason);
      JobResult r = new JobResult().count("tariff_files", files.size()).count("schedule_lines", accepted)
          .count("schedule_rejects", rejected);
      byReason.forEach((k, v) -> r.count("rejects_" + k, v));
      return r.table(Tables.TARIFF_SCHEDULES.name()).table(Tables.TARIFF_REJECTS.name());
    } finally {
      parsed.unpersist();
    }
  }

  private static List<Input> resolve(List<String> inputs, Configuration hadoop) throws IOException {
    List<Input> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String input : inputs) {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw new UserException("tariff input " + input + " does not exist; fix: name a tariff file or a folder of"
            + " them (mfn.csv, preferential_<AGREEMENT>.csv)");
      }
      List<FileStatus> found = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus s : fs.listStatus(p)) {
          if (s.isFile() && s.getPath().getName().toLowerCase().endsWith(".csv")) {
            found.add(s);
          }
        }
        if (found.isEmpty()) {
          throw new UserException("tariff input " + input + " holds no CSV files; fix: point it at the folder with"
              + " mfn.csv and preferential_<AGREEMENT>.csv");
        }
        found.sort(Comparator.comparing(s -> s.getPath().getName()));
      } else {
        found.add(fs.getFileStatus(p));
      }
      for (FileStatus s : found) {
        String name = s.getPath().getName();
        if (!names.add(name)) {
          throw new UserException("tariff file " + name + " is given twice; fix: name each file once");
        }
        Boolean mfn = null;
        if (s.getLen() > 0) {
          String header;
          try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(s.getPath()),
              StandardCharsets.UTF_8))) {
            header = r.readLine();
          }
          mfn = header == null ? null : TariffFiles.kind(header);
          if (header != null && mfn == null) {
            throw new UserException("file " + s.getPath() + " is not a tariff file: its header is '" + header
                + "', expected '" + TariffFiles.MFN_HEADER + "' (MFN schedule) or '" + TariffFiles.PREF_HEADER
                + "' (preferential schedule); fix: see README, Tariff files");
          }
        }
        out.add(new Input(s.getPath().toString(), name, s.getLen(), mfn));
      }
    }
    return out;
  }

  private static List<String> scenarioFiles(List<String> entries, Configuration hadoop) throws IOException {
    List<String> out = new ArrayList<>();
    for (String e : entries) {
      if (e.startsWith(Scenario.BUNDLED_PREFIX)) {
        out.add(e);
        continue;
      }
      Path p = new Path(e);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw new UserException("tariffs.scenarios: " + e + " does not exist; fix: name a scenario file or folder"
            + " (conf/scenarios)");
      }
      if (fs.getFileStatus(p).isDirectory()) {
        List<String> found = new ArrayList<>();
        for (FileStatus s : fs.listStatus(p)) {
          String n = s.getPath().getName();
          if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            found.add(s.getPath().toString());
          }
        }
        found.sort(Comparator.naturalOrder());
        out.addAll(found);
      } else {
        out.add(p.toString());
      }
    }
    return out;
  }

  private interface Reader<T> {
    T read(InputStream in, String source) throws IOException;
  }

  private static <T> T read(String file, String key, Configuration hadoop, Reader<T> reader) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(hadoop);
    if (!fs.exists(p)) {
      throw new UserException(key + ": " + file + " does not exist");
    }
    try (InputStream in = fs.open(p)) {
      return reader.read(in, file);
    }
  }
}
