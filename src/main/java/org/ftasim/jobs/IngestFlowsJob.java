package org.ftasim.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.UserException;
import org.ftasim.ingest.BaciParser;
import org.ftasim.ingest.BaciRelease;
import org.ftasim.ingest.FileStats;
import org.ftasim.ingest.Reject;
import org.ftasim.ingest.spark.BaciIngest;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * {@code ftasim ingest-flows --format baci --input PATH…}: BACI files (or folders of them) into {@code trade_flows},
 * with every line not accepted in {@code trade_flows_rejects} and per-file metrics in {@code ingest_metrics}.
 * Re-ingesting a file replaces its rows: each table is written in one Delta commit whose predicate covers the
 * files of this run, so a run that dies leaves the tables as they were.
 */
public final class IngestFlowsJob {
  public static final JobSpec SPEC = new JobSpec("ingest-flows",
      "Ingest BACI trade files into trade_flows, with rejects and data-quality metrics",
      Map.of("--format", "baci (CEPII BACI CSV with its country and product code files)",
          "--input", "a BACI file or a folder of them; repeatable",
          "--chunk-mb", "bytes per parallel read, in MB (default 32)"),
      Set.of("--input"), Map.of(), null, true, false);

  private IngestFlowsJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, IngestFlowsJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    String format = ctx.args().value("--format").orElse("baci");
    if (!format.equals("baci")) {
      throw new UserException("--format '" + format + "' is not supported; use baci");
    }
    List<String> inputs = ctx.args().all("--input");
    if (inputs.isEmpty()) {
      throw new UserException("--input is required: a BACI file or folder, e.g. --input data/BACI_HS17_V202401");
    }
    long chunkBytes = ctx.args().value("--chunk-mb").map(Long::parseLong).orElse(32L) << 20;
    return ingestBaci(spark, ctx, inputs, chunkBytes);
  }

  /** One BACI file to read: where, its name facts and its parser. */
  private record Input(String path, String name, long size, BaciRelease.Name facts) {}

  static JobResult ingestBaci(SparkSession spark, JobContext ctx, List<String> inputs, long chunkBytes)
      throws IOException {
    long t0 = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<Input> files = resolve(inputs, hadoop);
    List<BaciParser> parsers = new ArrayList<>();
    Map<String, BaciParser> byRelease = new HashMap<>();
    List<Row> fileRejects = new ArrayList<>();
    List<Input> nonEmpty = new ArrayList<>();
    for (Input f : files) {
      if (f.size() == 0) {
        fileRejects.add(RowFactory.create(f.name(), 0L, null, Reject.EMPTY_FILE.name(),
            "the file is empty (no header, no lines); fix: download it again", ctx.runId()));
        continue;
      }
      checkHeader(f, hadoop);
      String dir = new Path(f.path()).getParent().toString();
      String key = dir + "|" + f.facts().tag() + "|" + f.facts().hsDigits();
      BaciParser release = byRelease.get(key);
      if (release == null) {
        String countries = dir + "/country_codes_V" + f.facts().tag() + ".csv";
        String products = dir + "/product_codes_HS" + f.facts().hsDigits() + "_V" + f.facts().tag() + ".csv";
        release = new BaciParser(BaciRelease.countries(readText(countries, f, hadoop), countries),
            BaciRelease.products(readText(products, f, hadoop), products), 0);
        byRelease.put(key, release);
      }
      parsers.add(release.forYear(f.facts().year()));
      nonEmpty.add(f);
    }

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String> confMap = new HashMap<>();
    hadoop.forEach(e -> confMap.put(e.getKey(), e.getValue()));
    Broadcast<Map<String, String>> conf = jsc.broadcast(confMap);
    Broadcast<List<BaciParser>> parserBroadcast = jsc.broadcast(parsers);
    try {
      List<BaciIngest.Chunk> chunks = BaciIngest.chunks(nonEmpty.stream().map(Input::path).toList(),
          nonEmpty.stream().map(Input::name).toList(), nonEmpty.stream().map(Input::size).toList(), chunkBytes);
      long scanStart = System.nanoTime();
      List<BaciIngest.Scan> scans = BaciIngest.scan(jsc, chunks, parserBroadcast, conf);
      ctx.err().printf("ftasim ingest-flows: scanned %d files in %d chunks in %.1f s%n", nonEmpty.size(),
          chunks.size(), (System.nanoTime() - scanStart) / 1e9);
      List<BaciIngest.Chunk> numbered = BaciIngest.number(chunks, scans);
      Map<Integer, FileStats> stats = new HashMap<>();
      long[] lines = new long[nonEmpty.size()];
      List<Row> rejectRows = new ArrayList<>(fileRejects);
      List<BaciIngest.Chunk> overflow = new ArrayList<>();
      for (int c = 0; c < numbered.size(); c++) {
        BaciIngest.Chunk chunk = numbered.get(c);
        BaciIngest.Scan scan = scans.get(c);
        stats.computeIfAbsent(chunk.file(), f -> new FileStats()).merge(scan.stats);
        lines[chunk.file()] += scan.lines;
        if (scan.rejectsOverflow) {
          overflow.add(chunk);
        } else {
          for (BaciIngest.RejectLine r : scan.rejects) {
            rejectRows.add(RowFactory.create(chunk.sourceFile(), chunk.firstLine() + r.line(), r.raw(), r.reason(),
                r.message(), ctx.runId()));
          }
        }
      }
      Map<Integer, Set<Long>> duplicates = BaciIngest.crossChunkDuplicates(jsc, numbered, scans, stats, rejectRows,
          ctx.runId(), parserBroadcast, conf);
      Broadcast<Map<Integer, Set<Long>>> dupBroadcast = jsc.broadcast(duplicates);
      Dataset<Row> flows = BaciIngest.accepted(spark, numbered, parserBroadcast, conf, dupBroadcast,
          nonEmpty.stream().map(f -> f.facts().hsVersion()).toList(), ctx.runId());
      Dataset<Row> rejects = spark.createDataFrame(rejectRows, Tables.TRADE_FLOWS_REJECTS.schema());
      if (!overflow.isEmpty()) {
        rejects = rejects.unionByName(BaciIngest.overflowRejects(spark, overflow, parserBroadcast, conf,
            ctx.runId()));
      }
      String predicate = "source_file IN (" + files.stream().map(f -> "'" + TableWriter.safeId(f.name()) + "'")
          .collect(Collectors.joining(", ")) + ")";
      long writeStart = System.nanoTime();
      TableWriter.replaceWhere(flows, ctx.warehouse(), Tables.TRADE_FLOWS, predicate);
      ctx.err().printf("ftasim ingest-flows: wrote trade_flows in %.1f s%n", (System.nanoTime() - writeStart) / 1e9);
      TableWriter.replaceWhere(rejects, ctx.warehouse(), Tables.TRADE_FLOWS_REJECTS, predicate);
      dupBroadcast.destroy();

      double seconds = (System.nanoTime() - t0) / 1e9;
      List<Row> metricRows = new ArrayList<>();
      long accepted = 0;
      long rejected = fileRejects.size();
      ctx.err().printf("%-34s %11s %11s %9s %9s %9s %16s%n", "file", "lines", "accepted", "rejected", "repaired",
          "qty NA", "value USD bn");
      for (int f = 0; f < nonEmpty.size(); f++) {
        Input in = nonEmpty.get(f);
        FileStats m = stats.get(f);
        long ok = m.accepted;
        long bad = m.rejectedTotal();
        if (lines[f] != 1 + ok + bad) {
          throw new IllegalStateException("file " + in.name() + ": " + lines[f] + " lines read but 1 header + " + ok
              + " accepted + " + bad + " rejected; this is a bug in the reader");
        }
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Reject r : Reject.values()) {
          if (m.rejected[r.ordinal()] > 0) {
            byReason.put(r.name(), m.rejected[r.ordinal()]);
          }
        }
        metricRows.add(RowFactory.create(ctx.runId(), in.name(), "baci", in.facts().hsVersion(), lines[f], 1L, ok, bad,
            scala.jdk.javaapi.CollectionConverters.asScala(byReason), m.repaired, m.nullQuantities,
            m.rejected[Reject.DUPLICATE_KEY.ordinal()], m.valueUsd, (long) m.exporters.size(),
            (long) m.importers.size(), (long) m.hs6.cardinality(), seconds));
        accepted += ok;
        rejected += bad;
        ctx.err().printf("%-34s %,11d %,11d %,9d %,9d %,9d %,16.3f%s%n", in.name(), lines[f], ok, bad, m.repaired,
            m.nullQuantities, m.valueUsd / 1e9, byReason.isEmpty() ? "" : "  " + byReason);
      }
      for (Input in : files) {
        if (in.size() == 0) {
          metricRows.add(RowFactory.create(ctx.runId(), in.name(), "baci", in.facts().hsVersion(), 0L, 0L, 0L, 0L,
              scala.jdk.javaapi.CollectionConverters.asScala(Map.of(Reject.EMPTY_FILE.name(), 0L)), 0L, 0L, 0L, 0.0,
              0L, 0L, 0L, seconds));
          ctx.err().printf("%-34s empty file%n", in.name());
        }
      }
      TableWriter.replaceRun(spark.createDataFrame(metricRows, Tables.INGEST_METRICS.schema()),
          ctx.warehouse(), Tables.INGEST_METRICS, ctx.runId());
      ctx.err().printf("ftasim ingest-flows: %,d lines accepted, %,d rejected in %.1f s%n", accepted, rejected,
          seconds);
      return new JobResult().count("files", files.size()).count("accepted", accepted).count("rejected", rejected)
          .table(Tables.TRADE_FLOWS.name()).table(Tables.TRADE_FLOWS_REJECTS.name())
          .table(Tables.INGEST_METRICS.name());
    } finally {
      conf.destroy();
      parserBroadcast.destroy();
    }
  }

  private static List<Input> resolve(List<String> inputs, Configuration hadoop) throws IOException {
    List<Input> out = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (String input : inputs) {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw new UserException("--input " + input + " does not exist");
      }
      List<FileStatus> found = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus s : fs.listStatus(p)) {
          if (BaciRelease.FILE.matcher(s.getPath().getName()).matches()) {
            found.add(s);
          }
        }
        if (found.isEmpty()) {
          throw new UserException("--input " + input + " holds no BACI files (BACI_HS17_Y2022_V202401.csv ...)");
        }
        found.sort(java.util.Comparator.comparing(s -> s.getPath().getName()));
      } else {
        found.add(fs.getFileStatus(p));
      }
      for (FileStatus s : found) {
        String name = s.getPath().getName();
        if (!names.add(name)) {
          throw new UserException("file " + name + " is given twice; fix: name each file once");
        }
        out.add(new Input(s.getPath().toString(), name, s.getLen(), BaciRelease.parseName(name)));
      }
    }
    return out;
  }

  private static void checkHeader(Input f, Configuration hadoop) throws IOException {
    Path p = new Path(f.path());
    try (InputStream in = p.getFileSystem(hadoop).open(p)) {
      byte[] head = in.readNBytes(256);
      String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "");
      int nl = text.indexOf('\n');
      String first = (nl >= 0 ? text.substring(0, nl) : text).replace("\r", "").trim();
      if (!first.equals(BaciRelease.HEADER)) {
        throw new UserException("file " + f.path() + " does not start with BACI's header: found '" + first
            + "', expected '" + BaciRelease.HEADER + "'; fix: pass CEPII BACI CSV files with --format baci");
      }
    }
  }

  private static String readText(String path, Input forFile, Configuration hadoop) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(hadoop);
    if (!fs.exists(p)) {
      throw new UserException("file " + forFile.name() + " needs its release's " + p.getName() + " next to it, in "
          + p.getParent() + "; fix: download it with the BACI release (it maps codes to countries and products)");
    }
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
