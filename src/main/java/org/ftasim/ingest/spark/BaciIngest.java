package org.ftasim.ingest.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ftasim.ingest.BaciParser;
import org.ftasim.ingest.ChunkReader;
import org.ftasim.ingest.Reject;

/**
 * BACI files read in parallel byte ranges ("chunks"): a first pass counts the lines of each chunk so every line
 * gets its file line number; the second parses them into one Dataset of accepted and rejected lines. Duplicates
 * (same year, exporter, importer, hs6 in one file) are found with a window over the key; the earliest line wins.
 */
public final class BaciIngest {
  /** A byte range of one file; {@code firstLine} is the file line number of its first line (1 = header). */
  public record Chunk(int file, String path, String sourceFile, long start, long end, long firstLine)
      implements Serializable {
    Chunk withFirstLine(long line) {
      return new Chunk(file, path, sourceFile, start, end, line);
    }
  }

  public static final StructType PARSED = new StructType()
      .add("source_file", DataTypes.StringType, false)
      .add("line_number", DataTypes.LongType, false)
      .add("year", DataTypes.IntegerType, true)
      .add("exporter", DataTypes.StringType, true)
      .add("importer", DataTypes.StringType, true)
      .add("hs6", DataTypes.StringType, true)
      .add("value_usd", DataTypes.DoubleType, true)
      .add("quantity_t", DataTypes.DoubleType, true)
      .add("repaired", DataTypes.BooleanType, false)
      .add("reason_code", DataTypes.StringType, true)
      .add("message", DataTypes.StringType, true)
      .add("raw_line", DataTypes.StringType, true);

  private BaciIngest() {}

  /** Splits files into chunks of about {@code chunkBytes}. */
  public static List<Chunk> chunks(List<String> paths, List<String> sourceFiles, List<Long> sizes, long chunkBytes) {
    List<Chunk> out = new ArrayList<>();
    for (int f = 0; f < paths.size(); f++) {
      long size = sizes.get(f);
      long n = Math.max(1, (size + chunkBytes - 1) / chunkBytes);
      for (long c = 0; c < n; c++) {
        out.add(new Chunk(f, paths.get(f), sourceFiles.get(f), c * size / n, (c + 1) * size / n, 0));
      }
    }
    return out;
  }

  /** The chunks with their first line numbers, and each file's line count (header included). */
  public record Numbered(List<Chunk> chunks, long[] linesPerFile) {}

  /** First pass: the line count of every chunk, then each chunk's first line number. */
  public static Numbered numberLines(JavaSparkContext jsc, List<Chunk> chunks, Broadcast<Map<String, String>> conf) {
    List<Long> counts = jsc.parallelize(chunks, Math.max(1, chunks.size())).map(c -> {
      try (FSDataInputStream in = open(c, conf.value())) {
        ChunkReader r = new ChunkReader(in, c.start(), c.end());
        long n = 0;
        while (r.next() != null) {
          n++;
        }
        return n;
      }
    }).collect();
    List<Chunk> out = new ArrayList<>();
    int files = chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).file() + 1;
    long[] lines = new long[files];
    for (int c = 0; c < chunks.size(); c++) {
      Chunk chunk = chunks.get(c);
      out.add(chunk.withFirstLine(lines[chunk.file()] + 1));
      lines[chunk.file()] += counts.get(c);
    }
    return new Numbered(out, lines);
  }

  /** Second pass: every line but the header, parsed, with its raw text (a duplicate is found later). */
  public static Dataset<Row> parse(SparkSession spark, List<Chunk> numbered, Broadcast<List<BaciParser>> parsers,
      Broadcast<Map<String, String>> conf) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(numbered, Math.max(1, numbered.size())).flatMap(c -> {
      List<Row> out = new ArrayList<>();
      BaciParser parser = parsers.value().get(c.file());
      BaciParser.Parsed p = new BaciParser.Parsed();
      try (FSDataInputStream in = open(c, conf.value())) {
        ChunkReader r = new ChunkReader(in, c.start(), c.end());
        long line = c.firstLine();
        String text;
        while ((text = r.next()) != null) {
          if (line > 1) {
            parser.parse(text, p);
            if (p.reason == null) {
              out.add(RowFactory.create(c.sourceFile(), line, p.year, p.exporter, p.importer, p.hs6, p.valueUsd,
                  p.quantityT, p.repaired, null, null, text));
            } else {
              out.add(RowFactory.create(c.sourceFile(), line, null, null, null, null, null, null, false,
                  p.reason.name(), p.message, text));
            }
          }
          line++;
        }
      }
      Iterator<Row> it = out.iterator();
      return it;
    });
    return spark.createDataFrame(rows, PARSED);
  }

  /** Marks every accepted line whose key an earlier line of the same file already had as DUPLICATE_KEY. */
  public static Dataset<Row> markDuplicates(Dataset<Row> parsed) {
    Dataset<Row> ok = parsed.filter(col("reason_code").isNull())
        .withColumn("_n", row_number().over(Window.partitionBy("source_file", "year", "exporter", "importer", "hs6")
            .orderBy("line_number")));
    Dataset<Row> dup = ok.withColumn("reason_code", when(col("_n").gt(1), lit(Reject.DUPLICATE_KEY.name())))
        .withColumn("message", when(col("_n").gt(1), lit("same year, exporter, importer and hs6 as an earlier line;"
            + " the first is kept")))
        .drop("_n");
    return dup.unionByName(parsed.filter(col("reason_code").isNotNull()));
  }

  static FSDataInputStream open(Chunk c, Map<String, String> conf) throws IOException {
    Configuration hadoop = new Configuration(false);
    conf.forEach(hadoop::set);
    Path path = new Path(c.path());
    FileSystem fs = path.getFileSystem(hadoop);
    FSDataInputStream in = fs.open(path);
    if (c.start() > 0) {
      in.seek(c.start() - 1);
    }
    return in;
  }
}
