package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.UserException;
import org.ftasim.ingest.BaciParser;
import org.ftasim.ingest.BaciRelease;
import org.ftasim.ingest.ComtradeParser;
import org.ftasim.ingest.ConvertingParser;
import org.ftasim.ingest.FileStats;
import org.ftasim.ingest.FlowParser;
import org.ftasim.ingest.HsConcordance;
import org.ftasim.ingest.NothingAccepted;
import org.ftasim.ingest.Reject;
import org.ftasim.ingest.spark.FlowIngest;
import org.ftasim.ingest.spark.MirrorFlows;
import org.ftasim.table.Csv;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.TextDecoding;
import org.ftasim.table.FileContent;
import org.ftasim.table.Tables;

/**
 * {@code ftasim ingest-flows --format baci --input PATH…}: BACI files (or folders of them) into {@code trade_flows},
 * with every line not accepted in {@code trade_flows_rejects} and per-file metrics in {@code ingest_metrics}.
 * Re-ingesting a file replaces its rows: each table is written in one Delta commit whose predicate covers the
 * files of this run, so a run that dies leaves the tables as they were.
 */
public final class IngestFlowsJob {
  public static final JobSpec SPEC = new JobSpec("ingest-flows",
      "Ingest BACI or UN Comtrade files into trade_flows, with rejects and data-quality metrics",
      Map.of("--format", "baci (CEPII BACI CSV with its country and product code files) or comtrade (UN Comtrade CSV)",
          "--input", "a file or a folder of them; repeatable",
          "--chunk-mb", "bytes per parallel read, in MB (default 32)",
          "--hs-target", "HS version to land every file in (H0 ... H6); files in another version need --concordance",
          "--concordance", "UNSD HS correlation table (.xlsx as published, or CSV) or a CSV linking source to target"
              + " HS6 codes (columns named after the versions, e.g. H5,H6; optional weight)",
          "--reference-year", "year of the target-version trade_flows that split 1:n and n:n codes (default: the"
              + " latest)"),
      Set.of("--input"), Map.of("--mirror", "comtrade: keep exporter-reported (FOB) flows where no importer report"
          + " (CIF) exists; without it only importer reports are kept"), null, true, false);

  private IngestFlowsJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, IngestFlowsJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    String format = ctx.args().value("--format").orElse("baci");
    if (!format.equals("baci") && !format.equals("comtrade")) {
      throw JobErrors.unknownIngestFormat(format);
    }
    List<String> inputs = ctx.args().all("--input");
    if (inputs.isEmpty()) {
      throw JobErrors.noIngestInput();
    }
    long chunkBytes = ctx.args().value("--chunk-mb").map(IngestFlowsJob::chunkMb).orElse(32L) << 20;
    String target = ctx.args().value("--hs-target").orElse(null);
    if (target != null && !target.matches("H[0-6]")) {
      throw JobErrors.notAnHsTarget(target);
    }
    HsConcordance.Links links = null;
    String concordanceFile = ctx.args().value("--concordance").orElse(null);
    if (concordanceFile != null) {
      Path p = new Path(concordanceFile);
      try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
        links = HsConcordance.Links.read(in.readAllBytes(), concordanceFile);
      } catch (java.io.FileNotFoundException e) {
        throw JobErrors.noSuchConcordance(concordanceFile);
      }
      if (target == null) {
        target = links.to();
      } else if (!target.equals(links.to()) && !target.equals(links.from())) {
        throw JobErrors.concordanceMissesTarget(concordanceFile, links.from(), links.to(), target);
      }
    }
    Integer referenceYear = ctx.args().value("--reference-year").map(IngestFlowsJob::year).orElse(null);
    Map<String, Double> weights = links == null ? Map.of() : referenceFlows(spark, ctx, target, referenceYear);
    return ingest(spark, ctx, format, inputs, chunkBytes, ctx.args().flag("--mirror"),
        new Target(target, links, concordanceFile, weights));
  }

  private static long chunkMb(String text) {
    long mb;
    try {
      mb = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      mb = -1;
    }
    if (mb < 1 || mb > 2047) {
      throw JobErrors.badChunkMb(text);
    }
    return mb;
  }

  private static Integer year(String text) {
    if (!text.matches("\\d{4}")) {
      throw JobErrors.badReferenceYear(text);
    }
    return Integer.valueOf(text);
  }

  /**
   * What a concordance splits by: the value of each target-version HS6 code in the reference year's trade_flows
   * (the given year, else the latest with flows in that version); empty, so splits are equal, when there are none.
   */
  private static Map<String, Double> referenceFlows(SparkSession spark, JobContext ctx, String version,
      Integer year) {
    Map<String, Double> out = new HashMap<>();
    if (!TableReader.exists(spark, ctx.warehouse(), Tables.TRADE_FLOWS)) {
      ctx.err().printf("ftasim ingest-flows: no trade_flows yet, so 1:n and n:n codes are split equally%n");
      return out;
    }
    Dataset<Row> inVersion = TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS)
        .where(col("hs_version").equalTo(version));
    Integer y = year;
    if (y == null) {
      Row latest = inVersion.agg(max("year")).first();
      y = latest.isNullAt(0) ? null : latest.getInt(0);
    }
    if (y != null) {
      for (Row r : inVersion.where(col("year").equalTo(y)).groupBy("hs6").agg(sum("value_usd")).collectAsList()) {
        out.put(r.getString(0), r.getDouble(1));
      }
    }
    ctx.err().printf("ftasim ingest-flows: 1:n and n:n codes split by the %s flows of %s (%d codes)%s%n", version,
        y == null ? "no year" : y.toString(), out.size(), out.isEmpty() ? ", so equally" : "");
    return out;
  }

  /**
   * Where files should land: the HS version (null: as they are), the concordance links that take them there and the
   * reference flows that split them.
   */
  record Target(String version, HsConcordance.Links links, String file, Map<String, Double> weights) {
    static final Target AS_IS = new Target(null, null, null, Map.of());

    FlowParser wrap(FlowParser parser, String fileVersion, String fileName) {
      if (version == null || version.equals(fileVersion)) {
        return parser;
      }
      String other = links == null ? null : version.equals(links.to()) ? links.from() : links.to();
      if (links == null || !other.equals(fileVersion)) {
        throw JobErrors.fileNotInTarget(fileName, fileVersion, version,
            (links == null ? "" : " (" + file + " links " + links.from() + " and " + links.to() + ")"));
      }
      return new ConvertingParser(parser, links.toward(version, weights), file);
    }
  }

  /** BACI files or folders, as the demo ingests them. */
  static JobResult ingestBaci(SparkSession spark, JobContext ctx, List<String> inputs, long chunkBytes)
      throws IOException {
    return ingest(spark, ctx, "baci", inputs, chunkBytes, false, Target.AS_IS);
  }

  /** One file to read, as listed, and (once its header is read) its HS version. */
  private record Input(FlowIngest.Source source, String hsVersion) {
    String path() {
      return source.path();
    }

    String name() {
      return source.name();
    }

    long size() {
      return source.length();
    }
  }

  static JobResult ingest(SparkSession spark, JobContext ctx, String format, List<String> inputs, long chunkBytes,
      boolean mirror, Target target) throws IOException {
    long t0 = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    boolean baci = format.equals("baci");
    List<Input> files = resolve(inputs, hadoop, baci);
    Readers readers = readers(files, baci, mirror, target, hadoop, ctx.runId());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String> confMap = new HashMap<>();
    hadoop.forEach(e -> confMap.put(e.getKey(), e.getValue()));
    Broadcast<Map<String, String>> conf = jsc.broadcast(confMap);
    Broadcast<List<FlowParser>> parsers = jsc.broadcast(readers.parsers());
    try {
      Scanned scanned = scan(jsc, ctx, readers, chunkBytes, parsers, conf);
      refuseFilesWithNothingAccepted(readers, scanned, format, baci);
      boolean mirrored = !baci && mirror;
      // mirrored flows count what they supersede while they are written: their metrics come after the write
      Metrics metrics = mirrored ? null
          : metrics(spark, ctx, format, baci, target, readers, scanned, (System.nanoTime() - t0) / 1e9);
      write(spark, ctx, files, readers, scanned, mirrored, parsers, conf, metrics == null ? null : metrics.rows());
      if (mirrored) {
        metrics = metrics(spark, ctx, format, baci, target, readers, scanned, (System.nanoTime() - t0) / 1e9);
        TableWriter.replaceRun(metrics.rows(), ctx.warehouse(), Tables.INGEST_METRICS, ctx.runId());
      }
      ctx.err().printf("ftasim ingest-flows: %,d lines accepted, %,d rejected in %.1f s%n", metrics.accepted(),
          metrics.rejected(), (System.nanoTime() - t0) / 1e9);
      return new JobResult().count("files", files.size()).count("accepted", metrics.accepted())
          .count("rejected", metrics.rejected())
          .table(Tables.TRADE_FLOWS.name()).table(Tables.TRADE_FLOWS_REJECTS.name())
          .table(Tables.INGEST_METRICS.name());
    } finally {
      conf.destroy();
      parsers.destroy();
    }
  }

  /** The non-empty files with their parsers (header checked, release lists read), and the empty files' rejects. */
  private record Readers(List<Input> files, List<FlowParser> parsers, List<Row> fileRejects) {}

  private static Readers readers(List<Input> files, boolean baci, boolean mirror, Target target,
      Configuration hadoop, String runId) throws IOException {
    List<FlowParser> parsers = new ArrayList<>();
    Map<String, BaciParser> byRelease = new HashMap<>();
    List<Row> fileRejects = new ArrayList<>();
    List<Input> nonEmpty = new ArrayList<>();
    for (Input f : files) {
      if (f.size() == 0) {
        fileRejects.add(RowFactory.create(f.name(), 0L, null, Reject.EMPTY_FILE.name(),
            "the file is empty (no header, no lines); fix: download it again", runId, f.path(),
            FileContent.identity(0, 0)));
        continue;
      }
      String[] head = firstLines(f, hadoop);
      if (baci) {
        if (!BaciRelease.isHeader(head[0])) {
          throw JobErrors.notABaciHeader(f.path(), head[0], BaciRelease.HEADER);
        }
        BaciRelease.Name facts = BaciRelease.parseName(f.name());
        String dir = new Path(f.path()).getParent().toString();
        String key = dir + "|" + facts.tag() + "|" + facts.hsDigits();
        BaciParser release = byRelease.get(key);
        if (release == null) {
          String countries = dir + "/country_codes_V" + facts.tag() + ".csv";
          String products = dir + "/product_codes_HS" + facts.hsDigits() + "_V" + facts.tag() + ".csv";
          release = new BaciParser(BaciRelease.countries(readText(countries, f, hadoop), countries),
              BaciRelease.products(readText(products, f, hadoop), products), 0);
          byRelease.put(key, release);
        }
        parsers.add(target.wrap(release.forYear(facts.year()), facts.hsVersion(), f.name()));
        nonEmpty.add(new Input(f.source(), facts.hsVersion()));
      } else {
        String[] header = Csv.split(head[0]);
        List<String> missing = ComtradeParser.missing(header);
        if (!missing.isEmpty()) {
          throw JobErrors.notAComtradeHeader(f.path(), missing, String.join(",", ComtradeParser.REQUIRED));
        }
        String version = comtradeVersion(header, head[1]);
        parsers.add(target.wrap(new ComtradeParser(header, mirror), version, f.name()));
        nonEmpty.add(new Input(f.source(), version));
      }
    }
    return new Readers(nonEmpty, parsers, fileRejects);
  }

  /**
   * What the scan pass found: the chunks numbered (copies of an earlier file left out), their scans, each file's
   * content identity, the copies (file → the file read instead), per-file metrics and line counts, the rejected
   * lines, the chunks whose rejects are re-read, and the duplicates only the driver can see.
   */
  private record Scanned(List<FlowIngest.Chunk> numbered, List<FlowIngest.Scan> scans, Map<Integer, String> content,
      Map<Integer, Integer> copies, Map<Integer, FileStats> stats, long[] lines, List<Row> rejectRows,
      List<FlowIngest.Chunk> overflow, Map<Integer, Set<Long>> duplicates) {}

  private static Scanned scan(JavaSparkContext jsc, JobContext ctx, Readers readers, long chunkBytes,
      Broadcast<List<FlowParser>> parsers, Broadcast<Map<String, String>> conf) {
    List<Input> files = readers.files();
    List<FlowIngest.Chunk> chunks = FlowIngest.chunks(files.stream().map(Input::source).toList(), chunkBytes);
    long scanStart = System.nanoTime();
    List<FlowIngest.Scan> scans = FlowIngest.scan(jsc, chunks, parsers, conf);
    ctx.err().printf("ftasim ingest-flows: scanned %d files in %d chunks in %.1f s%n", files.size(), chunks.size(),
        (System.nanoTime() - scanStart) / 1e9);
    List<FlowIngest.Chunk> numbered = FlowIngest.number(chunks, scans);
    Map<Integer, String> content = new HashMap<>();
    numbered.forEach(c -> content.put(c.file(), c.content()));
    Map<Integer, Integer> copies = copies(content);
    if (!copies.isEmpty()) {
      List<FlowIngest.Chunk> kept = new ArrayList<>();
      List<FlowIngest.Scan> keptScans = new ArrayList<>();
      for (int c = 0; c < numbered.size(); c++) {
        if (!copies.containsKey(numbered.get(c).file())) {
          kept.add(numbered.get(c));
          keptScans.add(scans.get(c));
        }
      }
      numbered = kept;
      scans = keptScans;
      copies.forEach((copy, original) -> readers.fileRejects().add(RowFactory.create(files.get(copy).name(), 0L,
          null, Reject.DUPLICATE_FILE.name(), "the same bytes (" + content.get(copy) + ") as "
              + files.get(original).path() + ", which this run reads instead; fix: none needed, or leave one of the"
              + " two out", ctx.runId(), files.get(copy).path(), content.get(copy))));
    }
    Map<Integer, FileStats> stats = new HashMap<>();
    long[] lines = new long[files.size()];
    List<Row> rejectRows = new ArrayList<>(readers.fileRejects());
    List<FlowIngest.Chunk> overflow = new ArrayList<>();
    for (int c = 0; c < numbered.size(); c++) {
      FlowIngest.Chunk chunk = numbered.get(c);
      FlowIngest.Scan scan = scans.get(c);
      stats.computeIfAbsent(chunk.file(), f -> new FileStats()).merge(scan.stats);
      lines[chunk.file()] += scan.lines;
      if (scan.rejectsOverflow) {
        overflow.add(chunk);
      } else {
        for (FlowIngest.RejectLine r : scan.rejects) {
          rejectRows.add(RowFactory.create(chunk.sourceFile(), chunk.firstLine() + r.line(), r.raw(), r.reason(),
              r.message(), ctx.runId(), chunk.path(), chunk.content()));
        }
      }
    }
    Map<Integer, Set<Long>> duplicates = FlowIngest.crossChunkDuplicates(jsc, numbered, scans, stats, rejectRows,
        ctx.runId(), parsers, conf);
    return new Scanned(numbered, scans, content, copies, stats, lines, rejectRows, overflow, duplicates);
  }

  /** A file of which no line was accepted stops the run before anything is written, saying why. */
  private static void refuseFilesWithNothingAccepted(Readers readers, Scanned scanned, String format, boolean baci) {
    for (int f = 0; f < readers.files().size(); f++) {
      if (scanned.copies().containsKey(f)) {
        continue;
      }
      String path = readers.files().get(f).path();
      FileStats stats = scanned.stats().get(f);
      UserException none = NothingAccepted.explain(path, format, scanned.lines()[f] - 1, stats,
          rejectSample(scanned.rejectRows(), path, stats), baci ? BACI_LINE : COMTRADE_LINE);
      if (none != null) {
        throw none;
      }
    }
  }

  /**
   * The write pass into trade_flows, and the rejects, each replacing the rows of the same files; the run's metrics
   * (null: written after) beside them.
   */
  private static void write(SparkSession spark, JobContext ctx, List<Input> all, Readers readers, Scanned scanned,
      boolean mirror, Broadcast<List<FlowParser>> parsers, Broadcast<Map<String, String>> conf,
      Dataset<Row> metrics) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Map<Integer, Set<Long>>> duplicates = jsc.broadcast(scanned.duplicates());
    try {
      Dataset<Row> flows = FlowIngest.accepted(spark, scanned.numbered(), parsers, conf, duplicates,
          readers.files().stream().map(Input::hsVersion).toList(), ctx.runId());
      if (readers.parsers().stream().anyMatch(p -> p instanceof ConvertingParser)) {
        flows = addUpMerged(flows);
      }
      if (mirror) {
        flows = MirrorFlows.importersFirst(flows, readers.files().stream().map(Input::path).toList(),
            scanned.stats());
      }
      Dataset<Row> rejects = spark.createDataFrame(scanned.rejectRows(), Tables.TRADE_FLOWS_REJECTS.schema());
      if (!scanned.overflow().isEmpty()) {
        rejects = rejects.unionByName(FlowIngest.overflowRejects(spark, scanned.overflow(), parsers, conf,
            ctx.runId()));
      }
      String predicate = TableWriter.sameSourceFiles(all.stream().map(Input::name).toList(),
          all.stream().map(Input::path).toList(), scanned.content().values());
      long writeStart = System.nanoTime();
      // The rejects and the metrics are a few rows each: their commits (and, in a new warehouse, the tables'
      // creation) wait on Delta's log, not on the CPU, so they run beside the flows' write instead of after it. All
      // carry the run's tag, so a failure of any is undone with the run; the job waits for all before it goes on or
      // fails.
      Dataset<Row> rejected = rejects;
      List<CompletableFuture<TableWriter.Written>> beside = new ArrayList<>();
      beside.add(beside("ftasim-rejects-write", () -> TableWriter.replaceWhere(rejected, ctx.warehouse(),
          Tables.TRADE_FLOWS_REJECTS, predicate)));
      if (metrics != null) {
        beside.add(beside("ftasim-metrics-write", () -> TableWriter.replaceRun(metrics, ctx.warehouse(),
            Tables.INGEST_METRICS, ctx.runId())));
      }
      try {
        TableWriter.replaceWhere(flows, ctx.warehouse(), Tables.TRADE_FLOWS, predicate);
      } catch (RuntimeException | Error e) {
        for (CompletableFuture<TableWriter.Written> w : beside) {
          w.handle((rows, failed) -> failed == null ? null : failedToo(e, failed)).join();
        }
        throw e;
      }
      ctx.err().printf("ftasim ingest-flows: wrote trade_flows in %.1f s%n", (System.nanoTime() - writeStart) / 1e9);
      RuntimeException first = null;
      for (CompletableFuture<TableWriter.Written> w : beside) {
        try {
          joinRethrowing(w);
        } catch (RuntimeException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      duplicates.destroy();
    }
  }

  private static CompletableFuture<TableWriter.Written> beside(String thread,
      java.util.function.Supplier<TableWriter.Written> write) {
    return CompletableFuture.supplyAsync(write, r -> new Thread(r, thread).start());
  }

  /** Notes the second of two failed writes on the first, which is the one the job reports. */
  private static Void failedToo(Throwable first, Throwable second) {
    first.addSuppressed(second instanceof java.util.concurrent.CompletionException c && c.getCause() != null
        ? c.getCause() : second);
    return null;
  }

  /** Waits for {@code write}; its failure is thrown as it was raised (not wrapped in a CompletionException). */
  private static void joinRethrowing(CompletableFuture<?> write) {
    try {
      write.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * ingest_metrics: one row per file (read or empty; a copy has none), also printed as a table on stderr. They come
   * from the scan alone, so they are written beside the flows, but for mirrored flows (--mirror), which count what
   * they supersede as they are written.
   */
  private static Metrics metrics(SparkSession spark, JobContext ctx, String format, boolean baci,
      Target target, Readers readers, Scanned scanned, double seconds) {
    List<Row> metricRows = new ArrayList<>();
    long accepted = 0;
    long rejected = readers.fileRejects().size();
    ctx.err().printf("%-34s %11s %11s %9s %9s %9s %16s%n", "file", "lines", "accepted", "rejected", "repaired",
        "qty NA", "value USD bn");
    for (int f = 0; f < readers.files().size(); f++) {
      if (scanned.copies().containsKey(f)) {
        continue;
      }
      Input in = readers.files().get(f);
      FileStats m = scanned.stats().get(f);
      long lines = scanned.lines()[f];
      long ok = m.accepted - m.superseded;
      long bad = m.rejectedTotal();
      long filtered = m.filteredTotal();
      if (lines != 1 + ok + m.superseded + bad + filtered) {
        throw new IllegalStateException("file " + in.name() + ": " + lines + " lines read but 1 header + " + ok
            + " accepted + " + m.superseded + " superseded + " + bad + " rejected + " + filtered
            + " filtered; this is a bug in the reader");
      }
      Map<String, Long> byReason = new LinkedHashMap<>();
      for (Reject r : Reject.values()) {
        if (m.rejected[r.ordinal()] > 0) {
          byReason.put(r.name(), m.rejected[r.ordinal()]);
        }
      }
      metricRows.add(RowFactory.create(ctx.runId(), in.name(), format, in.hsVersion(), lines, 1L, ok, bad,
          scala.jdk.javaapi.CollectionConverters.asScala(byReason), filtered,
          scala.jdk.javaapi.CollectionConverters.asScala(m.filtered), m.superseded, m.repaired, m.nullQuantities,
          m.rejected[Reject.DUPLICATE_KEY.ordinal()], m.valueUsd, (long) m.exporters.size(),
          (long) m.importers.size(), (long) m.hs6.cardinality(), seconds,
          scala.jdk.javaapi.CollectionConverters.asScala(m.converted), in.path(), scanned.content().get(f)));
      accepted += ok;
      rejected += bad;
      ctx.err().printf("%-34s %,11d %,11d %,9d %,9d %,9d %,16.3f%s%s%n", in.name(), lines, ok, bad, m.repaired,
          m.nullQuantities, m.valueUsd / 1e9, byReason.isEmpty() ? "" : "  " + byReason,
          filtered == 0 ? "" : "  filtered " + m.filtered + (m.superseded == 0 ? "" : ", superseded "
              + m.superseded));
      if (!m.converted.isEmpty()) {
        ctx.err().printf("%-34s moved to %s by relationship %s%n", "", target.version(), m.converted);
      }
      if (m.windows1252Lines > 0) {
        ctx.err().printf("%-34s %,d lines were not UTF-8 and were read as Windows-1252 (Latin-1)%n", "",
            m.windows1252Lines);
      }
    }
    for (Row r : readers.fileRejects()) {
      String name = r.getString(0);
      String version = baci ? BaciRelease.parseName(name).hsVersion() : "HS";
      metricRows.add(RowFactory.create(ctx.runId(), name, format, version, 0L, 0L, 0L, 0L,
          scala.jdk.javaapi.CollectionConverters.asScala(Map.of(r.getString(3), 0L)), 0L,
          scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, Long>of()), 0L, 0L, 0L, 0L, 0.0, 0L, 0L, 0L,
          seconds, scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, Long>of()), r.getString(6),
          r.getString(7)));
      ctx.err().printf("%-34s %s%n", name, r.getString(3).equals(Reject.EMPTY_FILE.name()) ? "empty file"
          : r.getString(4).replaceFirst("; fix:.*", "; read once"));
    }
    return new Metrics(spark.createDataFrame(metricRows, Tables.INGEST_METRICS.schema()), accepted, rejected);
  }

  /** The metrics' rows, and the lines they count as accepted and rejected in all. */
  private record Metrics(Dataset<Row> rows, long accepted, long rejected) {}

  /** Files whose content an earlier file of the list has, each to that earlier file (by index). */
  static Map<Integer, Integer> copies(Map<Integer, String> content) {
    Map<String, Integer> first = new HashMap<>();
    Map<Integer, Integer> out = new java.util.TreeMap<>();
    new java.util.TreeMap<>(content).forEach((file, identity) -> {
      Integer original = first.putIfAbsent(identity, file);
      if (original != null) {
        out.put(file, original);
      }
    });
    return out;
  }

  private static final String BACI_LINE = "t,i,j,k,v,q with codes from the release's country and product lists,"
      + " e.g. 2022,410,392,854232,1520.5,3.2";
  private static final String COMTRADE_LINE = "the Comtrade+ columns of the header, one HS6 goods flow per line";

  /** "line N: text" of the first rejected line of the file's most frequent reason, or null. */
  private static String rejectSample(List<Row> rejects, String path, FileStats stats) {
    int top = 0;
    for (int r = 0; r < stats.rejected.length; r++) {
      top = stats.rejected[r] > stats.rejected[top] ? r : top;
    }
    String reason = Reject.values()[top].name();
    for (Row r : rejects) {
      if (path.equals(r.getString(6)) && reason.equals(r.getString(3))) {
        return "line " + r.getLong(1) + ": '" + r.getString(2) + "' (" + r.getString(4) + ")";
      }
    }
    return null;
  }

  /** Rows that several source codes sent to one target code (n:1), added up; a quantity is kept only when all were. */
  private static Dataset<Row> addUpMerged(Dataset<Row> flows) {
    Column quantity = org.apache.spark.sql.functions.when(
        org.apache.spark.sql.functions.count("quantity_t").equalTo(org.apache.spark.sql.functions.count("*")),
        org.apache.spark.sql.functions.sum("quantity_t"));
    return flows.groupBy("year", "exporter", "importer", "hs6", "hs_version", "source", "source_file", "run_id",
            "source_path", "source_content")
        .agg(org.apache.spark.sql.functions.sum("value_usd").alias("value_usd"), quantity.alias("quantity_t"));
  }

  private static List<Input> resolve(List<String> inputs, Configuration hadoop, boolean baci) throws IOException {
    List<Input> out = new ArrayList<>();
    Set<String> paths = new java.util.HashSet<>();
    for (String input : inputs) {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw JobErrors.noSuchIngestInput(input);
      }
      List<FileStatus> found = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus s : fs.listStatus(p)) {
          String name = s.getPath().getName();
          if (baci ? BaciRelease.FILE.matcher(name).matches() : name.toLowerCase().endsWith(".csv")) {
            found.add(s);
          }
        }
        if (found.isEmpty()) {
          throw JobErrors.noIngestFiles(input, baci);
        }
        found.sort(java.util.Comparator.comparing(s -> s.getPath().getName()));
      } else {
        found.add(fs.getFileStatus(p));
      }
      for (FileStatus s : found) {
        String name = s.getPath().getName();
        if (!paths.add(s.getPath().toString())) {
          throw JobErrors.fileGivenTwice(s.getPath().toString());
        }
        if (baci) {
          BaciRelease.parseName(name);
        }
        out.add(new Input(new FlowIngest.Source(s.getPath().toString(), name, s.getLen(), s.getModificationTime()),
            null));
      }
    }
    return out;
  }

  /** The header (BOM and CR removed) and the first data line, or "" when there is none. */
  private static String[] firstLines(Input f, Configuration hadoop) throws IOException {
    Path p = new Path(f.path());
    try (InputStream in = p.getFileSystem(hadoop).open(p)) {
      byte[] head = in.readNBytes(64 << 10);
      String[] lines = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").split("\n", 3);
      return new String[] {lines[0].replace("\r", "").trim(), lines.length > 1 ? lines[1].replace("\r", "") : ""};
    }
  }

  /** HS version of a Comtrade file from its first data line's classificationCode (H0 … H6), else "HS". */
  private static String comtradeVersion(String[] header, String firstData) {
    String[] f = Csv.split(firstData);
    for (int i = 0; i < header.length && i < f.length; i++) {
      if (header[i].trim().equals("classificationCode") && f[i].trim().matches("H[0-6]")) {
        return f[i].trim();
      }
    }
    return "HS";
  }

  private static String readText(String path, Input forFile, Configuration hadoop) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(hadoop);
    if (!fs.exists(p)) {
      throw JobErrors.noReleaseList(forFile.name(), p.getName(), p.getParent().toString());
    }
    try (InputStream in = fs.open(p)) {
      return TextDecoding.text(in.readAllBytes());
    }
  }
}
