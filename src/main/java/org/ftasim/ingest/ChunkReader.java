package org.ftasim.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;
import org.ftasim.table.TextDecoding;

/**
 * Reads the lines that start inside a byte range [start, end) of a text file, so a large file can be read by many
 * tasks at once with every line read exactly once: a line belongs to the range its first byte is in. The stream
 * must be positioned at {@code start − 1} (or 0 when start is 0). Line breaks are LF or CRLF; a final line without
 * a break counts. Each line is decoded by {@link TextDecoding} (UTF-8, else Windows-1252), and a UTF-8 byte-order
 * mark at the start of the file is skipped. The reader also keeps the CRC-32C of exactly the range's bytes
 * ({@link #crc32c}), so the ranges' CRCs combine into the file's ({@link org.ftasim.table.FileContent#combine}).
 */
public final class ChunkReader {
  private final InputStream in;
  private final long start;
  private final long end;
  private final CRC32C crc = new CRC32C();
  private long checkedTo;
  private final byte[] buf = new byte[1 << 16];
  private int len;
  private int off;
  private long pos;
  private byte[] line = new byte[256];
  private final TextDecoding decoding = new TextDecoding();

  public ChunkReader(InputStream in, long start, long end) throws IOException {
    this.in = in;
    this.start = start;
    this.end = end;
    this.checkedTo = start;
    if (start > 0) {
      pos = start - 1;
      int b;
      while ((b = read()) >= 0 && b != '\n') {
        // skip the tail of the line that started in the previous range
      }
    }
    bomAllowed = start == 0;
  }

  private boolean bomAllowed;

  private int read() throws IOException {
    if (off == len) {
      len = in.read(buf, 0, buf.length);
      off = 0;
      if (len <= 0) {
        len = 0;
        return -1;
      }
      // buf[0] is the byte at file position pos
      long from = Math.max(pos, start);
      long to = Math.min(pos + len, end);
      if (to > from) {
        crc.update(buf, (int) (from - pos), (int) (to - from));
        checkedTo = to;
      }
    }
    pos++;
    return buf[off++] & 0xff;
  }

  /** The next line of the range without its line break, or null at the end of the range. */
  public String next() throws IOException {
    if (pos >= end) {
      return null;
    }
    int n = 0;
    int b = read();
    if (b < 0) {
      return null;
    }
    int high = 0;
    while (b >= 0 && b != '\n') {
      high |= b;
      if (n == line.length) {
        byte[] bigger = new byte[n * 2];
        System.arraycopy(line, 0, bigger, 0, n);
        line = bigger;
      }
      line[n++] = (byte) b;
      b = read();
    }
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    int from = 0;
    if (bomAllowed && n >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
      from = 3;
    }
    bomAllowed = false;
    if (from > 0) {
      System.arraycopy(line, from, line, 0, n - from);
      n -= from;
    }
    return decoding.decode(line, n, high < 0x80);
  }

  /**
   * The CRC-32C of the range's bytes, once {@link #next} has returned null. The range must have been read to its
   * end: a range cut short by the end of the file has no CRC of its own (the file changed; the caller's length check
   * says so).
   */
  public long crc32c() {
    if (checkedTo != end) {
      throw new IllegalStateException("the range " + start + "-" + end + " was read to " + checkedTo + " only");
    }
    return crc.getValue();
  }

  /** Lines of this range read as Windows-1252 (not valid UTF-8). */
  public long windows1252Lines() {
    return decoding.windows1252Lines();
  }
}
