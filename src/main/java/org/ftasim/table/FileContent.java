package org.ftasim.table;

import java.util.zip.CRC32C;

/**
 * A file's content identity: its length and CRC-32C, written {@code <bytes>:<crc32c as 8 hex digits>}. Two files with
 * the same identity are taken to hold the same bytes, whatever their names or folders.
 *
 * <p>CRC-32C (Castagnoli) because it is what object stores and HDFS already keep (GCS's {@code crc32c}, S3's
 * {@code CRC32C} checksum, HDFS's block checksums), the JDK computes it with the CPU's instruction, and the CRCs of
 * byte ranges read in parallel combine into the file's ({@link #combine}) without a second pass over the bytes.
 * With the length beside it, two different files of the same size collide with probability 2<sup>−32</sup>.
 */
public final class FileContent {
  /** The reflected Castagnoli polynomial. */
  private static final long POLY = 0x82F63B78L;

  private FileContent() {}

  /** {@code <bytes>:<crc32c>}. */
  public static String identity(long bytes, long crc32c) {
    return bytes + ":" + String.format("%08x", crc32c & 0xffffffffL);
  }

  /** The identity of bytes held in memory. */
  public static String of(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return identity(bytes.length, crc.getValue());
  }

  /** The identity of a stream's bytes, read to its end. */
  public static String of(java.io.InputStream in) throws java.io.IOException {
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 16];
    long bytes = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      crc.update(buf, 0, n);
      bytes += n;
    }
    return identity(bytes, crc.getValue());
  }

  /**
   * The CRC-32C of A followed by B from the CRCs of A and B and the length of B: zlib's {@code crc32_combine}
   * (Adler, zlib 1.2), which applies {@code len2} zero bytes to {@code crc1} as a GF(2) matrix raised by squaring.
   */
  public static long combine(long crc1, long crc2, long len2) {
    if (len2 <= 0) {
      return crc1;
    }
    long[] even = new long[32];
    long[] odd = new long[32];
    odd[0] = POLY;
    long row = 1;
    for (int n = 1; n < 32; n++) {
      odd[n] = row;
      row <<= 1;
    }
    square(even, odd);
    square(odd, even);
    long crc = crc1 & 0xffffffffL;
    long len = len2;
    do {
      square(even, odd);
      if ((len & 1) != 0) {
        crc = times(even, crc);
      }
      len >>= 1;
      if (len == 0) {
        break;
      }
      square(odd, even);
      if ((len & 1) != 0) {
        crc = times(odd, crc);
      }
      len >>= 1;
    } while (len != 0);
    return (crc ^ crc2) & 0xffffffffL;
  }

  private static long times(long[] mat, long vec) {
    long sum = 0;
    for (int i = 0; vec != 0; i++, vec >>>= 1) {
      if ((vec & 1) != 0) {
        sum ^= mat[i];
      }
    }
    return sum;
  }

  private static void square(long[] square, long[] mat) {
    for (int n = 0; n < 32; n++) {
      square[n] = times(mat, mat[n]);
    }
  }
}
