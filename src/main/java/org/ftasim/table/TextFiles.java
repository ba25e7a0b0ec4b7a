package org.ftasim.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;

/**
 * Plain files on any Hadoop file system (local folders, s3a://, abfss://, hdfs://): the input files the sample
 * world writes, and the part files of Spark's text writer stitched into one file in part order.
 */
public final class TextFiles {
  private final Configuration conf;

  public TextFiles(Configuration conf) {
    this.conf = conf;
  }

  public void write(String path, String content) {
    try (OutputStream out = create(path)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + path, e);
    }
  }

  public FSDataOutputStream create(String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    // input files for people and other tools: no Hadoop .crc side files next to them
    fs.setWriteChecksum(false);
    return fs.create(p, true);
  }

  /**
   * The file system of an input path, or the user's error when nothing serves its scheme (s3a:// without
   * hadoop-aws on the classpath, a misspelt scheme).
   *
   * @param what what the path is, for the message ("config file", "--data", ...)
   */
  public FileSystem fileSystem(String path, String what) throws IOException {
    Path p = new Path(path);
    try {
      return p.getFileSystem(conf);
    } catch (org.apache.hadoop.fs.UnsupportedFileSystemException | RuntimeException e) {
      // Hadoop knows s3a:// and abfss:// by name, so a missing connector is a RuntimeException around a
      // ClassNotFoundException; a scheme it does not know at all is an UnsupportedFileSystemException
      if (e instanceof RuntimeException && !(e.getCause() instanceof ClassNotFoundException)) {
        throw (RuntimeException) e;
      }
      throw TableErrors.noFileSystem(what, path, p.toUri().getScheme(), e);
    }
  }

  /** Opens an input file on any Hadoop file system; a missing file is the user's error, named with {@code what}. */
  public InputStream open(String path, String what) throws IOException {
    FileSystem fs = fileSystem(path, what);
    Path p = new Path(path);
    if (!fs.exists(p) || !fs.getFileStatus(p).isFile()) {
      throw TableErrors.noSuchFile(what, path);
    }
    return fs.open(p);
  }

  /**
   * A driver-local view of a small input file or folder (model data, read by plain Java on the driver): the path
   * itself when it is on the local file system (no scheme, or file:), else a copy in a fresh temporary folder,
   * deleted when the JVM exits.
   */
  public java.nio.file.Path local(String path) {
    return local(path, "input");
  }

  /** {@link #local(String)}, with what the path is ("--data", "sweep.data", ...) for the messages. */
  public java.nio.file.Path local(String path, String what) {
    Path p = new Path(path);
    String scheme = p.toUri().getScheme();
    if (scheme == null || scheme.equals("file")) {
      return java.nio.file.Path.of(scheme == null ? path : p.toUri().getPath());
    }
    return copyToLocal(path, what);
  }

  /** Copies a file or folder of any Hadoop file system to a fresh temporary folder; returns the copy's path. */
  java.nio.file.Path copyToLocal(String path, String what) {
    Path p = new Path(path);
    try {
      FileSystem fs = fileSystem(path, what);
      if (!fs.exists(p)) {
        throw TableErrors.noSuchInput(what, path, fs.getUri().toString());
      }
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ftasim-input-");
      java.nio.file.Path target = dir.resolve(p.getName());
      // raw local target: no .crc side files in the copy
      fs.copyToLocalFile(false, p, new Path(target.toUri()), true);
      dir.toFile().deleteOnExit();
      try (var files = java.nio.file.Files.walk(target)) {
        files.forEach(f -> f.toFile().deleteOnExit());
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + path + " to the driver", e);
    }
  }

  /**
   * Writes {@code header}, then every {@code part-*} file of {@code partsDir} in part-number order, each followed by
   * a newline unless it ends with one, into {@code target}; then deletes {@code partsDir}.
   *
   * @return bytes written
   */
  public long concatParts(String partsDir, String header, String target) {
    try {
      Path dir = new Path(partsDir);
      FileSystem fs = dir.getFileSystem(conf);
      List<FileStatus> parts = new ArrayList<>(Arrays.asList(fs.listStatus(dir,
          p -> p.getName().startsWith("part-"))));
      parts.sort(Comparator.comparing(s -> s.getPath().getName()));
      long bytes = 0;
      try (FSDataOutputStream out = create(target)) {
        byte[] h = (header + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(h);
        for (FileStatus part : parts) {
          try (InputStream in = fs.open(part.getPath())) {
            IOUtils.copyBytes(in, out, 1 << 20, false);
          }
        }
        bytes = out.getPos();
      }
      fs.delete(dir, true);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("could not assemble " + target + " from " + partsDir, e);
    }
  }

  /**
   * The lines of one file, in file order, as Spark's {@code textFile} reads them, but for exactly that path:
   * {@code textFile} splits its argument at commas and expands glob characters, so a file named
   * {@code rates [2024], v2.csv} is not found. The path is given as a {@link Path} (no comma splitting) with its
   * glob characters escaped.
   */
  public static org.apache.spark.api.java.JavaRDD<String> lines(org.apache.spark.api.java.JavaSparkContext jsc,
      String path) {
    org.apache.hadoop.mapred.JobConf job = new org.apache.hadoop.mapred.JobConf(jsc.hadoopConfiguration());
    org.apache.hadoop.mapred.FileInputFormat.setInputPaths(job, new Path(escapeGlob(path)));
    return jsc.hadoopRDD(job, org.apache.hadoop.mapred.TextInputFormat.class, org.apache.hadoop.io.LongWritable.class,
        org.apache.hadoop.io.Text.class).map(t -> t._2().toString());
  }

  /** The path with Hadoop's glob characters escaped, so it names itself only. */
  public static String escapeGlob(String path) {
    return path.replaceAll("([\\\\{}\\[\\]*?,])", "\\\\$1");
  }
}
