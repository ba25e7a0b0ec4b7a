package org.ftasim.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small map file of {@code conf/sectors/}: UTF-8, {@code #} comment lines and blank lines skipped, one header
 * line that must be exactly the expected one, then comma-separated rows with the given number of fields.
 */
final class MapFile {
  /** One data row: its line number in the file and its fields. */
  record Row(int line, String text, String[] fields) {}

  private MapFile() {}

  static List<Row> read(InputStream in, String source, String header) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int width = header.split(",").length;
    List<Row> rows = new ArrayList<>();
    boolean first = true;
    String line;
    int no = 0;
    while ((line = r.readLine()) != null) {
      no++;
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (first) {
        if (!line.trim().equals(header)) {
          throw new UserException(source + " line " + no + ": header '" + line + "' should be " + header);
        }
        first = false;
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != width) {
        throw new UserException(source + " line " + no + ": '" + line + "' is not " + header);
      }
      rows.add(new Row(no, line, f));
    }
    return rows;
  }
}
