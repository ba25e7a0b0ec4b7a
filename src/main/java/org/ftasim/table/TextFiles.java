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
   * A driver-local view of a small input file or folder (model data, read by plain Java on the driver): the path
   * itself when it is on the local file system (no scheme, or file:), else a copy in a fresh temporary folder,
   * deleted when the JVM exits.
   */
  public java.nio.file.Path local(String path) {
    Path p = new Path(path);
    String scheme = p.toUri().getScheme();
    if (scheme == null || scheme.equals("file")) {
      return java.nio.file.Path.of(scheme == null ? path : p.toUri().getPath());
    }
    return copyToLocal(path);
  }

  /** Copies a file or folder of any Hadoop file system to a fresh temporary folder; returns the copy's path. */
  java.nio.file.Path copyToLocal(String path) {
    Path p = new Path(path);
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ftasim-input-");
      java.nio.file.Path target = dir.resolve(p.getName());
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new java.io.FileNotFoundException(path + " does not exist");
      }
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
}
