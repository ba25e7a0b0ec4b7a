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
