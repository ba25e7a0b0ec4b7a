package org.ftasim.table;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text as publishers write it: UTF-8 with or without a byte-order mark, or Windows-1252 / Latin-1 (UN Comtrade's
 * bulk files, older BACI country lists: "Cura\xE7ao"). A run of bytes that is valid UTF-8 is read as UTF-8, any
 * other as Windows-1252, so names such as Côte d'Ivoire, Türkiye or Curaçao never land as replacement characters.
 * Deciding per line instead of per file means a file's two passes, read in ranges by different tasks, agree without
 * a file-wide detection pass. Windows-1252 text that is also valid UTF-8 needs two or more high bytes in an exact
 * UTF-8 pattern ("Ã©"), which real names do not contain.
 */
public final class TextDecoding {
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private long windows1252Lines;

  /** The text of {@code bytes[0, n)}; {@code ascii} says no byte is above 0x7F (the common case, no check). */
  public String decode(byte[] bytes, int n, boolean ascii) {
    if (ascii) {
      return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      windows1252Lines++;
      return new String(bytes, 0, n, WINDOWS_1252);
    }
  }

  /** Lines this decoder read as Windows-1252. */
  public long windows1252Lines() {
    return windows1252Lines;
  }

  /** A whole small file (a country list, a concordance, a tariff export), its byte-order mark removed. */
  public static String text(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    boolean ascii = true;
    for (int i = start; i < bytes.length && ascii; i++) {
      ascii = bytes[i] >= 0;
    }
    byte[] body = start == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    String s = new TextDecoding().decode(body, body.length, ascii);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
