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
import org.ftasim.table.TextDecoding;
import org.ftasim.table.Csv;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.FileContent;
import org.ftasim.table.Tables;
import org.ftasim.table.TextFiles;
import org.ftasim.table.Xlsx;
import org.ftasim.tariff.AgreementBook;
import org.ftasim.tariff.Scenario;
import org.ftasim.tariff.TradeCost;
import org.ftasim.sector.SectorMap;
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

  /** Lines of a WITS export (read on the driver) per task of the parse. */
  static final int DRIVER_SLICE_LINES = 20_000;

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
        throw JobErrors.scenarioIdTaken(s.id(), file);
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
      throw JobErrors.noTariffSchedules();
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
    // without trade the years are the schedules' own (a WITS export alone gives WITS's averages for its year)
    Row mfnSpan = tradeRows ? null : schedules.where(col("schedule").equalTo(TariffEngine.MFN))
        .agg(min("year"), max("year")).first();
    boolean mfnYears = mfnSpan != null && !mfnSpan.isNullAt(0);
    int first = cfg.firstYear() > 0 ? cfg.firstYear() : tradeRows ? span.getInt(0) : mfnYears ? mfnSpan.getInt(0)
        : -1;
    if (first < 0) {
      throw JobErrors.noTariffYears();
    }
    int last = cfg.lastYear();
    if (last == 0) {
      for (Scenario s : scenarios) {
        last = Math.max(last, TariffEngine.phaseInEnd(s, scheduled));
      }
      last = Math.max(last, first);
    }
    if (last < first) {
      throw JobErrors.lastYearBeforeFirst(last, first);
    }
    int weightYear = cfg.weightYear() > 0 ? cfg.weightYear() : tradeRows ? span.getInt(1) : mfnYears
        ? mfnSpan.getInt(1) : first;
    boolean tradeInWeightYear = tradeRows && !TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS)
        .where(col("year").equalTo(weightYear)).isEmpty();
    ctx.err().printf("ftasim tariffs: %d scenario(s) %s, years %d-%d, weights from %s in %d%n", scenarios.size(),
        scenarios.stream().map(Scenario::id).toList(), first, last, tradeInWeightYear ? "trade_flows"
            : "the tariff files' own imports", weightYear);

    String predicate = "scenario_id IN (" + scenarios.stream().map(s -> "'" + s.id() + "'")
        .collect(Collectors.joining(", ")) + ")";
    long e0 = System.nanoTime();
    long effectiveRows = TableWriter.replaceWhere(TariffRates.effective(schedules, scenarios, baseline, sectors,
        first, last, ctx.runId()), ctx.warehouse(), Tables.TARIFF_EFFECTIVE, predicate).rows();
    ctx.err().printf("ftasim tariffs: wrote tariff_effective in %.1f s%n", (System.nanoTime() - e0) / 1e9);

    Dataset<Row> weights = tradeInWeightYear
        ? TariffRates.weights(TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS), weightYear)
        : TariffRates.fileWeights(schedules, weightYear);
    long a0 = System.nanoTime();
    long aggregateRows = TableWriter.replaceWhere(TariffRates.aggregates(schedules, weights, scenarios, baseline,
        sectors, first, last, cfg.levels(), cfg.peak(), weightYear, ctx.runId()), ctx.warehouse(),
        Tables.TARIFF_AGGREGATES, predicate).rows();
    ctx.err().printf("ftasim tariffs: wrote tariff_aggregates in %.1f s%n", (System.nanoTime() - a0) / 1e9);

    long tradeCostRows = writeTradeCosts(spark, ctx, scenarios, book, first, last, predicate);
    if (tradeCostRows > 0) {
      result.count("trade_cost_rows", tradeCostRows).table(Tables.SCENARIO_TRADE_COSTS.name());
    }
    return result.count("scenarios", scenarios.size()).count("first_year", first).count("last_year", last)
        .count("weight_year", weightYear).count("effective_rows", effectiveRows)
        .count("aggregate_rows", aggregateRows)
        .count("millis", (System.nanoTime() - t0) / 1_000_000)
        .table(Tables.TARIFF_EFFECTIVE.name()).table(Tables.TARIFF_AGGREGATES.name());
  }

  /**
   * A tariff file to read: its location, name, size and layout (null when empty); a WITS export is read on the
   * driver (as CSV or from its .xlsx sheet) into {@code rows} of {@link TariffRates#LINES}, with its columns.
   */
  private record Input(String path, String name, long size, String content, TariffFiles.Layout layout,
      List<Row> rows, int[] witsColumns) {}

  /** Tariff files into tariff_schedules and tariff_rejects, replacing earlier rows of the same files. */
  static JobResult ingest(SparkSession spark, JobContext ctx, AgreementBook book, List<String> inputs)
      throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<Input> files = resolve(inputs, hadoop);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Row> fileRejects = new ArrayList<>();
    List<Row> driverLines = new ArrayList<>();
    Map<String, int[]> witsColumns = new HashMap<>();
    JavaRDD<Row> lines = jsc.emptyRDD();
    Map<String, String> readAs = new HashMap<>();
    for (Input f : files) {
      if (f.layout() == null) {
        fileRejects.add(RowFactory.create(f.name(), 0L, null, TariffFiles.Reject.EMPTY_FILE.name(),
            "the file is empty (no header, no lines); fix: write the header and the lines, or leave the file out",
            ctx.runId(), f.path(), f.content()));
        continue;
      }
      String original = readAs.putIfAbsent(f.content(), f.path());
      if (original != null) {
        fileRejects.add(RowFactory.create(f.name(), 0L, null, TariffFiles.Reject.DUPLICATE_FILE.name(),
            "the same bytes (" + f.content() + ") as " + original + ", which this run reads instead; fix: none"
                + " needed, or leave one of the two out", ctx.runId(), f.path(), f.content()));
        continue;
      }
      String name = f.name();
      String path = f.path();
      String content = f.content();
      String layout = f.layout().name();
      if (f.rows() != null) {
        driverLines.addAll(f.rows());
        witsColumns.put(path, f.witsColumns());
      } else {
        lines = lines.union(TextFiles.lines(jsc, f.path()).zipWithIndex().filter(t -> t._2() > 0)
            .map(t -> RowFactory.create(name, t._2() + 1, layout, t._1(), path, content)));
      }
    }
    // The lines read on the driver go out in slices of about DRIVER_SLICE_LINES: as one local relation they were a
    // single task of the whole file's size (24 MB for the demo's WITS export), parsed on one core in every pass.
    int slices = (int) Math.min(Math.max(1, driverLines.size() / DRIVER_SLICE_LINES),
        4L * spark.sparkContext().defaultParallelism());
    Dataset<Row> all = spark.createDataFrame(lines, TariffRates.LINES)
        .unionByName(spark.createDataFrame(jsc.parallelize(driverLines, slices), TariffRates.LINES));
    Dataset<Row> parsed = TariffRates.parse(all, book, witsColumns).cache();
    try {
      String predicate = TableWriter.sameSourceFiles(files.stream().map(Input::name).toList(),
          files.stream().map(Input::path).toList(), readAs.keySet());
      TableWriter.replaceWhere(TariffRates.schedules(parsed, ctx.runId()), ctx.warehouse(), Tables.TARIFF_SCHEDULES,
          predicate);
      Dataset<Row> rejects = TariffRates.rejects(parsed, ctx.runId())
          .unionByName(spark.createDataFrame(fileRejects, Tables.TARIFF_REJECTS.schema()));
      TableWriter.replaceWhere(rejects, ctx.warehouse(), Tables.TARIFF_REJECTS, predicate);
      Map<String, Long> byReason = new LinkedHashMap<>();
      long accepted = 0;
      long repaired = 0;
      for (Row r : parsed.groupBy("reason_code", "repaired").count().collectAsList()) {
        if (r.isNullAt(0)) {
          accepted += r.getLong(2);
          repaired += r.getBoolean(1) ? r.getLong(2) : 0;
        } else {
          byReason.merge(r.getString(0), r.getLong(2), Long::sum);
        }
      }
      fileRejects.forEach(r -> byReason.merge(r.getString(3), 1L, Long::sum));
      long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
      ctx.err().printf("ftasim tariffs: %d file(s), %d schedule lines accepted (%d product codes given back their"
          + " leading zero), %d rejected %s%n", files.size(), accepted, repaired, rejected, byReason);
      JobResult r = new JobResult().count("tariff_files", files.size()).count("schedule_lines", accepted)
          .count("schedule_rejects", rejected).count("repaired_codes", repaired);
      byReason.forEach((k, v) -> r.count("rejects_" + k, v));
      return r.table(Tables.TARIFF_SCHEDULES.name()).table(Tables.TARIFF_REJECTS.name());
    } finally {
      parsed.unpersist();
    }
  }

  private static List<Input> resolve(List<String> inputs, Configuration hadoop) throws IOException {
    List<Input> out = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    for (String input : inputs) {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw JobErrors.noSuchTariffInput(input);
      }
      List<FileStatus> found = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus s : fs.listStatus(p)) {
          String lower = s.getPath().getName().toLowerCase();
          if (s.isFile() && (lower.endsWith(".csv") || lower.endsWith(".xlsx"))) {
            found.add(s);
          }
        }
        if (found.isEmpty()) {
          throw JobErrors.noTariffFiles(input);
        }
        found.sort(Comparator.comparing(s -> s.getPath().getName()));
      } else {
        found.add(fs.getFileStatus(p));
      }
      for (FileStatus s : found) {
        String name = s.getPath().getName();
        if (!paths.add(s.getPath().toString())) {
          throw JobErrors.tariffFileTwice(s.getPath().toString());
        }
        out.add(s.getLen() == 0 ? new Input(s.getPath().toString(), name, 0, FileContent.identity(0, 0), null, null,
            null) : describe(s, fs));
      }
    }
    return out;
  }

  /** A non-empty tariff file by its header: one of ftasim's layouts, or a WITS export (read here, as CSV or .xlsx). */
  private static Input describe(FileStatus s, FileSystem fs) throws IOException {
    String path = s.getPath().toString();
    String name = s.getPath().getName();
    byte[] head;
    try (InputStream in = fs.open(s.getPath())) {
      head = in.readNBytes(4);
    }
    if (Xlsx.isWorkbook(head)) {
      byte[] workbook = readAll(fs, s.getPath());
      return witsWorkbook(path, name, s.getLen(), FileContent.of(workbook), workbook);
    }
    String header;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(s.getPath()),
        StandardCharsets.UTF_8))) {
      header = r.readLine();
    }
    TariffFiles.Layout layout = TariffFiles.layout(header);
    if (layout == null) {
      String[] fields = Csv.split(header.replace("\uFEFF", ""));
      if (TariffFiles.looksLikeWits(fields)) {
        throw witsHeader(path, TariffFiles.witsMissing(fields));
      }
      throw JobErrors.notATariffFile(path, header, TariffFiles.MFN_HEADER, TariffFiles.PREF_HEADER, String.join(",",
          TariffFiles.WITS_COLUMNS));
    }
    if (layout != TariffFiles.Layout.WITS) {
      String content;
      try (InputStream in = fs.open(s.getPath())) {
        content = FileContent.of(in);
      }
      return new Input(path, name, s.getLen(), content, layout, null, null);
    }
    byte[] bytes = readAll(fs, s.getPath());
    String content = FileContent.of(bytes);
    String[] text = TextDecoding.text(bytes).split("\r?\n");
    int[] columns = TariffFiles.witsColumns(Csv.split(text[0]));
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < text.length; i++) {
      if (!(i == text.length - 1 && text[i].isEmpty())) {
        rows.add(RowFactory.create(name, (long) i + 1, TariffFiles.Layout.WITS.name(), text[i], path, content));
      }
    }
    return new Input(path, name, s.getLen(), content, layout, rows, columns);
  }

  /** A WITS export as the .xlsx WITS gives: its one data sheet (the sheet whose first row is WITS's header). */
  private static Input witsWorkbook(String path, String name, long size, String identity, byte[] content) {
    List<Xlsx.Sheet> sheets = Xlsx.read(content, path);
    for (Xlsx.Sheet sheet : sheets) {
      if (sheet.rows().isEmpty()) {
        continue;
      }
      String[] header = sheet.rows().get(0);
      int[] columns = TariffFiles.witsColumns(header);
      if (columns == null) {
        if (TariffFiles.looksLikeWits(header)) {
          throw witsHeader(path + " sheet '" + sheet.name() + "'", TariffFiles.witsMissing(header));
        }
        continue;
      }
      List<Row> rows = new ArrayList<>();
      for (int r = 1; r < sheet.rows().size(); r++) {
        // a sheet row ends at its last non-empty cell; as CSV it has every column of the header
        String[] cells = sheet.rows().get(r);
        if (cells.length > 0) {
          String[] all = java.util.Arrays.copyOf(cells, Math.max(cells.length, header.length));
          String line = java.util.Arrays.stream(all).map(c -> c == null ? "" : Csv.field(c))
              .collect(Collectors.joining(","));
          rows.add(RowFactory.create(name, (long) r + 1, TariffFiles.Layout.WITS.name(), line, path, identity));
        }
      }
      return new Input(path, name, size, identity, TariffFiles.Layout.WITS, rows, columns);
    }
    throw JobErrors.noWitsSheet(path, sheets.stream().map(Xlsx.Sheet::name).toList(), String.join(",",
        TariffFiles.WITS_COLUMNS));
  }

  private static UserException witsHeader(String where, List<String> missing) {
    return JobErrors.witsColumnsMissing(where, missing, String.join(",", TariffFiles.WITS_COLUMNS));
  }

  private static byte[] readAll(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
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
        throw JobErrors.noSuchScenarioFile(e);
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
      throw JobErrors.noSuchKeyFile(key, file);
    }
    try (InputStream in = fs.open(p)) {
      return reader.read(in, file);
    }
  }

  /**
   * The scenarios' cuts in non-tariff trade costs, one row per measure, year from entry into force, directed pair
   * and sector entry; replaces the rows of these scenarios (written only once some scenario has measures).
   */
  private static long writeTradeCosts(SparkSession spark, JobContext ctx, List<Scenario> scenarios,
      AgreementBook baseline, int first, int last, String predicate) {
    List<Row> rows = new ArrayList<>();
    for (Scenario s : scenarios) {
      for (TradeCost t : s.tradeCosts()) {
        TradeCost.Size z = t.size();
        for (int year = Math.max(first, t.entryYear()); year <= last; year++) {
          double share = t.share(year, baseline.categories());
          for (String[] pair : t.pairs()) {
            for (String sector : t.sectors().isEmpty() ? List.of("ALL") : t.sectors()) {
              rows.add(RowFactory.create(ctx.runId(), s.id(), t.id(), year, pair[0], pair[1], sector, share,
                  z.kind(), nullIfNaN(z.aveCutPp()), nullIfNaN(z.aveBasePct()), nullIfNaN(z.iceberg()),
                  nullIfNaN(z.rtaEffect()), z.estimateRun(), z.estimateTerm(), t.kind()));
            }
          }
        }
      }
    }
    if (rows.isEmpty() && !TableReader.exists(spark, ctx.warehouse(), Tables.SCENARIO_TRADE_COSTS)) {
      return 0;
    }
    TableWriter.replaceWhere(spark.createDataFrame(rows, Tables.SCENARIO_TRADE_COSTS.schema()), ctx.warehouse(),
        Tables.SCENARIO_TRADE_COSTS, predicate);
    return rows.size();
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
