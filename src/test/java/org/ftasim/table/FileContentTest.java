package org.ftasim.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class FileContentTest {
  private static long crc(byte[] b, int from, int to) {
    CRC32C c = new CRC32C();
    c.update(b, from, to - from);
    return c.getValue();
  }

  @Test
  void theCheckValueOfCrc32cIsTheStandardOne() {
    // the catalogue's check value for CRC-32C over "123456789" (RFC 3720, appendix B.4)
    assertThat(FileContent.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo("9:e3069283");
  }

  @Test
  void rangesCombineIntoTheWholeFilesCrc() {
    Random random = new Random(20261201);
    for (int trial = 0; trial < 200; trial++) {
      byte[] b = new byte[1 + random.nextInt(5000)];
      random.nextBytes(b);
      int cuts = 1 + random.nextInt(6);
      int[] at = random.ints(cuts, 0, b.length + 1).sorted().toArray();
      long combined = crc(b, 0, at[0]);
      for (int i = 0; i < cuts; i++) {
        int to = i + 1 < cuts ? at[i + 1] : b.length;
        combined = FileContent.combine(combined, crc(b, at[i], to), to - at[i]);
      }
      assertThat(combined).as("trial %d, %d bytes", trial, b.length).isEqualTo(crc(b, 0, b.length));
    }
  }
}
