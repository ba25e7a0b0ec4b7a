package org.ftasim.ingest.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.UserException;
import org.ftasim.ingest.BaciParser;
import org.ftasim.ingest.ParsedLine;
import org.ftasim.ingest.ChunkReader;
import org.ftasim.ingest.ConvertingParser;
import org.ftasim.ingest.FileStats;
import org.ftasim.ingest.FlowParser;
import org.ftasim.ingest.IngestErrors;
import org.ftasim.ingest.Reject;
import org.ftasim.table.FileContent;
import org.ftasim.table.Tables;
import scala.Tuple2;

/**
 * Trade files (BACI, UN Comtrade) read in parallel byte ranges ("chunks"), in two passes and without a shuffle in the
 * usual case.
 *
 * <p>The scan pass validates every line and returns, per chunk, its line count, its metrics ({@link FileStats}),
 * its rejected lines and whether its keys (t, i, j, k) are in BACI's sort order. BACI's files are sorted, so a
 * duplicate key is the line right after its first occurrence: adjacent equal keys inside a chunk, or the first key
 * of a chunk equal to the last key of the one before (resolved on the driver). A file that is not sorted gets a
 * grouping job over its keys instead. The write pass re-reads the chunks and emits the accepted lines, skipping the
 * duplicates; only it writes, in one Delta commit.
 *
 * <p>Both passes must read the same bytes, or the rows written would not be the rows counted. Every open therefore
 * checks the file's length and modification time against the listing, and every re-read checks that its chunk still
 * holds the number of lines the scan counted; a file that changed (a download still running, a copy overwritten)
 * fails the task, so the write is never committed and the tables stay as they were.
 */
public final class FlowIngest {
  /** At most this many rejected lines travel back per chunk; beyond it they are re-read by a rejects job. */
  static final int REJECTS_PER_CHUNK = 10_000;

  /**
   * A file as listed: where, its name, the length and modification time every later open must still see, and its
   * content identity ({@link FileContent}; null until the scan has read it).
   */
  public record Source(String path, String name, long length, long modified, String content)
      implements Serializable {
    public Source(String path, String name, long length, long modified) {
      this(path, name, length, modified, null);
    }

    Source withContent(String identity) {
      return new Source(path, name, length, modified, identity);
    }
  }

  /**
   * A byte range of one file; {@code firstLine} is the file line number of its first line (1 = header) and
   * {@code lines} the lines the scan found in it, both -1 until {@link #number} sets them.
   */
  public record Chunk(int index, int file, Source source, long start, long end, long firstLine, long lines)
      implements Serializable {
    public String path() {
      return source.path();
    }

    public String sourceFile() {
      return source.name();
    }

    public String content() {
      return source.content();
    }

    Chunk numbered(Source scanned, long first, long count) {
      return new Chunk(index, file, scanned, start, end, first, count);
    }

    /** Fails when a re-read found another number of lines than the scan did. */
    void checkLines(long read) {
      if (lines >= 0 && read != lines) {
        throw changed(source, "bytes " + start + "-" + end + " held " + lines + " lines when first read and " + read
            + " now");
      }
    }
  }

  /** A rejected line. */
  public record RejectLine(long line, String raw, String reason, String message) implements Serializable {}

  /** What the scan pass learns about one chunk; line numbers are local (0 = the chunk's first line). */
  public static final class Scan implements Serializable {
    public int chunk;
    public long lines;
    /** CRC-32C of the chunk's bytes. */
    public long crc32c;
    public FileStats stats = new FileStats();
    public boolean sorted = true;
    public long firstKey = -1;
    public long lastKey = -1;
    long firstKeyLine;
    String firstRaw;
    double firstValue;
    boolean firstNullQuantity;
    boolean firstRepaired;
    String firstConverted;
    public final List<RejectLine> rejects = new ArrayList<>();
    public boolean rejectsOverflow;
  }

  private FlowIngest() {}

  /** Splits files into chunks of about {@code chunkBytes}. */
  public static List<Chunk> chunks(List<Source> files, long chunkBytes) {
    List<Chunk> out = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      long size = files.get(f).length();
      long n = Math.max(1, (size + chunkBytes - 1) / chunkBytes);
      for (long c = 0; c < n; c++) {
        out.add(new Chunk(out.size(), f, files.get(f), c * size / n, (c + 1) * size / n, -1, -1));
      }
    }
    return out;
  }

  /** The scan pass. */
  public static List<Scan> scan(JavaSparkContext jsc, List<Chunk> chunks, Broadcast<List<FlowParser>> parsers,
      Broadcast<Map<String, String>> conf) {
    return jsc.parallelize(chunks, Math.max(1, chunks.size())).map(c -> {
      Scan s = new Scan();
      s.chunk = c.index();
      FlowParser parser = parsers.value().get(c.file());
      ParsedLine p = new ParsedLine();
      try (FSDataInputStream in = open(c, conf.value())) {
        ChunkReader r = new ChunkReader(in, c.start(), c.end());
        String text;
        long local = 0;
        long previous = -1;
        while ((text = r.next()) != null) {
          if (!(c.start() == 0 && local == 0)) {
            parser.parse(text, p);
            if (p.reason == null && p.filtered == null && p.key == previous) {
              p.reason = Reject.DUPLICATE_KEY;
              p.message = DUPLICATE_MESSAGE;
            }
            if (p.filtered != null) {
              s.stats.filter(p.filtered, text);
            } else if (p.reason == null) {
              s.stats.accept(p);
              if (s.firstKey < 0) {
                s.firstKey = p.key;
                s.firstKeyLine = local;
                s.firstRaw = text;
                s.firstValue = p.valueUsd;
                s.firstNullQuantity = p.quantityT == null;
                s.firstRepaired = p.repaired;
                s.firstConverted = p.converted;
              }
              if (previous >= 0 && p.key < previous) {
                s.sorted = false;
              }
              previous = p.key;
              s.lastKey = p.key;
            } else {
              s.stats.reject(p.reason);
              if (s.rejects.size() < REJECTS_PER_CHUNK) {
                s.rejects.add(new RejectLine(local, text, p.reason.name(), p.message));
              } else {
                s.rejectsOverflow = true;
              }
            }
          }
          local++;
        }
        s.lines = local;
        s.crc32c = r.crc32c();
        s.stats.windows1252Lines = r.windows1252Lines();
      }
      return s;
    }).collect();
  }

  static final String DUPLICATE_MESSAGE = "same year, exporter, importer and hs6 as an earlier line; the first is kept";

  /**
   * The chunks with their first line numbers, from the scans' line counts, and their file's content identity, from
   * the chunks' CRCs combined in file order ({@link #chunks} lists a file's chunks in order).
   */
  public static List<Chunk> number(List<Chunk> chunks, List<Scan> scans) {
    Map<Integer, Long> crc = new HashMap<>();
    for (int c = 0; c < chunks.size(); c++) {
      Chunk chunk = chunks.get(c);
      long own = scans.get(c).crc32c;
      crc.merge(chunk.file(), own, (before, next) -> FileContent.combine(before, next, chunk.end() - chunk.start()));
    }
    List<Chunk> out = new ArrayList<>();
    Map<Integer, Long> next = new HashMap<>();
    for (int c = 0; c < chunks.size(); c++) {
      Chunk chunk = chunks.get(c);
      long first = next.getOrDefault(chunk.file(), 1L);
      Source scanned = chunk.source().withContent(FileContent.identity(chunk.source().length(),
          crc.get(chunk.file())));
      out.add(chunk.numbered(scanned, first, scans.get(c).lines));
      next.put(chunk.file(), first + scans.get(c).lines);
    }
    return out;
  }

  /**
   * Duplicates that the chunks could not see alone, as file → line numbers, with each file's stats corrected and
   * the lines added to {@code rejects}: for a sorted file, a chunk whose first key repeats the last key before it;
   * for a file out of order, every line whose key an earlier line had (found by grouping on the key).
   */
  public static Map<Integer, Set<Long>> crossChunkDuplicates(JavaSparkContext jsc, List<Chunk> numbered,
      List<Scan> scans, Map<Integer, FileStats> stats, List<Row> rejects, String runId,
      Broadcast<List<FlowParser>> parsers, Broadcast<Map<String, String>> conf) {
    Map<Integer, Set<Long>> out = new HashMap<>();
    Set<Integer> unsorted = new HashSet<>();
    Map<Integer, Long> lastKey = new HashMap<>();
    for (int c = 0; c < numbered.size(); c++) {
      Chunk chunk = numbered.get(c);
      Scan s = scans.get(c);
      if (!s.sorted) {
        unsorted.add(chunk.file());
      }
      if (s.firstKey < 0) {
        continue;
      }
      Long before = lastKey.get(chunk.file());
      if (before != null && s.firstKey < before) {
        unsorted.add(chunk.file());
      } else if (before != null && s.firstKey == before) {
        long line = chunk.firstLine() + s.firstKeyLine;
        out.computeIfAbsent(chunk.file(), f -> new HashSet<>()).add(line);
        stats.get(chunk.file()).demoteDuplicate(s.firstValue, s.firstNullQuantity, s.firstRepaired,
            s.firstConverted);
        rejects.add(RowFactory.create(chunk.sourceFile(), line, s.firstRaw, Reject.DUPLICATE_KEY.name(),
            DUPLICATE_MESSAGE, runId, chunk.path(), chunk.content()));
      }
      lastKey.put(chunk.file(), s.lastKey);
    }
    if (unsorted.isEmpty()) {
      return out;
    }
    List<Chunk> redo = numbered.stream().filter(c -> unsorted.contains(c.file())).toList();
    List<Tuple2<Long, Object[]>> dups = jsc.parallelize(redo, redo.size()).flatMap(c -> {
      List<Tuple2<Tuple2<Integer, Long>, Object[]>> keys = new ArrayList<>();
      forEachLine(c, parsers.value().get(c.file()), conf.value(), (line, text, p, adjacentDuplicate) -> {
        if (p.reason == null && p.filtered == null && !adjacentDuplicate) {
          keys.add(new Tuple2<>(new Tuple2<>(c.file(), p.key), new Object[] {c.file(), line, text, p.valueUsd,
              p.quantityT == null, p.repaired, c.sourceFile(), p.converted, c.path(), c.content()}));
        }
      });
      return keys.iterator();
    }).mapToPair(t -> t).groupByKey().flatMap(g -> {
      List<Object[]> rows = new ArrayList<>();
      g._2().forEach(rows::add);
      rows.sort((a, b) -> Long.compare((Long) a[1], (Long) b[1]));
      List<Tuple2<Long, Object[]>> later = new ArrayList<>();
      for (int i = 1; i < rows.size(); i++) {
        later.add(new Tuple2<>((Long) rows.get(i)[1], rows.get(i)));
      }
      return later.iterator();
    }).collect();
    List<Tuple2<Long, Object[]>> sorted = new ArrayList<>(dups);
    sorted.sort((a, b) -> Long.compare(a._1(), b._1()));
    for (Tuple2<Long, Object[]> d : sorted) {
      Object[] v = d._2();
      int file = (Integer) v[0];
      out.computeIfAbsent(file, f -> new HashSet<>()).add((Long) v[1]);
      stats.get(file).demoteDuplicate((Double) v[3], (Boolean) v[4], (Boolean) v[5], (String) v[7]);
      rejects.add(RowFactory.create(v[6], v[1], v[2], Reject.DUPLICATE_KEY.name(), DUPLICATE_MESSAGE, runId, v[8],
          v[9]));
    }
    return out;
  }

  /**
   * The write pass: the accepted lines as rows of {@code trade_flows}, parsed as Spark pulls them. The columns that
   * are constant per file (its name, path and content identity, the run id) travel as the file's index and are
   * looked up in literal maps: a Java string per row would be encoded to UTF-8 ten million times (measured: 3–6 s of
   * a BACI year's 23 s write).
   */
  public static Dataset<Row> accepted(SparkSession spark, List<Chunk> numbered, Broadcast<List<FlowParser>> parsers,
      Broadcast<Map<String, String>> conf, Broadcast<Map<Integer, Set<Long>>> duplicates, List<String> hsVersions,
      String runId) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(numbered, Math.max(1, numbered.size())).flatMap(c -> new AcceptedRows(c,
        parsers.value().get(c.file()), conf.value(), duplicates.value().getOrDefault(c.file(), Collections.emptySet()),
        hsVersions.get(c.file())));
    Map<Integer, Source> files = new java.util.TreeMap<>();
    numbered.forEach(c -> files.put(c.file(), c.source()));
    return spark.createDataFrame(rows, PARSED_ROWS)
        .withColumn("source_file", perFile(files, Source::name))
        .withColumn("run_id", org.apache.spark.sql.functions.lit(runId))
        .withColumn("source_path", perFile(files, Source::path))
        .withColumn("source_content", perFile(files, Source::content))
        .drop(FILE_INDEX);
  }

  private static final String FILE_INDEX = "file_index";

  /** trade_flows' columns that vary by row, and the file's index. */
  private static final org.apache.spark.sql.types.StructType PARSED_ROWS = parsedRows();

  private static org.apache.spark.sql.types.StructType parsedRows() {
    org.apache.spark.sql.types.StructType t = new org.apache.spark.sql.types.StructType();
    for (org.apache.spark.sql.types.StructField f : Tables.TRADE_FLOWS.schema().fields()) {
      if (!List.of("source_file", "run_id", "source_path", "source_content").contains(f.name())) {
        t = t.add(f);
      }
    }
    return t.add(FILE_INDEX, org.apache.spark.sql.types.DataTypes.IntegerType, false);
  }

  private static org.apache.spark.sql.Column perFile(Map<Integer, Source> files,
      java.util.function.Function<Source, String> value) {
    List<org.apache.spark.sql.Column> entries = new ArrayList<>();
    files.forEach((index, source) -> {
      entries.add(org.apache.spark.sql.functions.lit(index));
      entries.add(org.apache.spark.sql.functions.lit(value.apply(source)));
    });
    return org.apache.spark.sql.functions.element_at(org.apache.spark.sql.functions.map(
        entries.toArray(new org.apache.spark.sql.Column[0])), org.apache.spark.sql.functions.col(FILE_INDEX));
  }

  /** The accepted lines of one chunk, read one at a time so a task never holds its chunk in memory. */
  private static final class AcceptedRows implements Iterator<Row> {
    private final Chunk chunk;
    private final FlowParser parser;
    private final Set<Long> duplicates;
    private final String version;
    private final FSDataInputStream in;
    private final ChunkReader reader;
    private final ParsedLine p = new ParsedLine();
    private long line;
    private long previous = -1;
    private Row next;
    private final java.util.ArrayDeque<Row> pending = new java.util.ArrayDeque<>();

    AcceptedRows(Chunk chunk, FlowParser parser, Map<String, String> conf, Set<Long> duplicates, String version)
        throws IOException {
      this.chunk = chunk;
      this.parser = parser;
      this.duplicates = duplicates;
      this.version = version;
      this.in = open(chunk, conf);
      this.reader = new ChunkReader(in, chunk.start(), chunk.end());
      this.line = chunk.firstLine();
      advance();
    }

    private void advance() throws IOException {
      next = pending.poll();
      String text;
      while (next == null && (text = reader.next()) != null) {
        long current = line++;
        if (current == 1) {
          continue;
        }
        parser.parse(text, p);
        if (p.reason != null || p.filtered != null || p.key == previous) {
          continue;
        }
        previous = p.key;
        if (duplicates.contains(current)) {
          continue;
        }
        if (parser instanceof ConvertingParser convert) {
          // split over the target codes; n:1 links are added up after the write pass
          String[] to = convert.concordance().targets(p.hs6);
          double[] share = convert.concordance().shares(p.hs6);
          for (int t = 0; t < to.length; t++) {
            pending.add(RowFactory.create(p.year, p.exporter, p.importer, to[t], convert.concordance().to(),
                p.valueUsd * share[t], p.quantityT == null ? null : p.quantityT * share[t], p.source,
                chunk.file()));
          }
          next = pending.poll();
        } else {
          next = RowFactory.create(p.year, p.exporter, p.importer, p.hs6, version, p.valueUsd, p.quantityT, p.source,
              chunk.file());
        }
      }
      if (next == null) {
        in.close();
        chunk.checkLines(line - chunk.firstLine());
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Row next() {
      if (next == null) {
        throw new java.util.NoSuchElementException();
      }
      Row out = next;
      try {
        advance();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("reading " + chunk.path(), e);
      }
      return out;
    }
  }

  /** The rejected lines of chunks whose rejects did not all fit in their scan result. */
  public static Dataset<Row> overflowRejects(SparkSession spark, List<Chunk> chunks,
      Broadcast<List<FlowParser>> parsers, Broadcast<Map<String, String>> conf, String runId) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(chunks, Math.max(1, chunks.size())).flatMap(c -> {
      List<Row> out = new ArrayList<>();
      forEachLine(c, parsers.value().get(c.file()), conf.value(), (line, text, p, adjacentDuplicate) -> {
        if (p.reason != null || adjacentDuplicate) {
          out.add(RowFactory.create(c.sourceFile(), line, text, adjacentDuplicate ? Reject.DUPLICATE_KEY.name()
              : p.reason.name(), adjacentDuplicate ? DUPLICATE_MESSAGE : p.message, runId, c.path(), c.content()));
        }
      });
      return out.iterator();
    });
    return spark.createDataFrame(rows, Tables.TRADE_FLOWS_REJECTS.schema());
  }

  /** Receives each line of a chunk after the header: file line number, text, parse result, adjacent duplicate. */
  @FunctionalInterface
  interface LineSink {
    void accept(long line, String text, ParsedLine parsed, boolean adjacentDuplicate);
  }

  private static void forEachLine(Chunk c, FlowParser parser, Map<String, String> conf, LineSink sink)
      throws IOException {
    ParsedLine p = new ParsedLine();
    try (FSDataInputStream in = open(c, conf)) {
      ChunkReader r = new ChunkReader(in, c.start(), c.end());
      long line = c.firstLine();
      long previous = -1;
      String text;
      while ((text = r.next()) != null) {
        if (line > 1) {
          parser.parse(text, p);
          boolean adjacent = p.reason == null && p.filtered == null && p.key == previous;
          if (p.reason == null && p.filtered == null && !adjacent) {
            previous = p.key;
          }
          sink.accept(line, text, p, adjacent);
        }
        line++;
      }
      c.checkLines(line - c.firstLine());
    }
  }

  static FSDataInputStream open(Chunk c, Map<String, String> conf) throws IOException {
    Configuration hadoop = new Configuration(false);
    conf.forEach(hadoop::set);
    Path path = new Path(c.path());
    FileSystem fs = path.getFileSystem(hadoop);
    FileStatus now;
    try {
      now = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw changed(c.source(), "it is gone");
    }
    if (now.getLen() != c.source().length() || now.getModificationTime() != c.source().modified()) {
      throw changed(c.source(), "it had " + c.source().length() + " bytes, modified "
          + Instant.ofEpochMilli(c.source().modified()) + ", when listed and has " + now.getLen() + " bytes, modified "
          + Instant.ofEpochMilli(now.getModificationTime()) + ", now");
    }
    FSDataInputStream in = fs.open(path);
    if (c.start() > 0) {
      in.seek(c.start() - 1);
    }
    return in;
  }

  static UserException changed(Source file, String how) {
    return IngestErrors.changedWhileRead(file.path(), how);
  }
}
