package org.ftasim.sector;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A small map file of {@code conf/sectors/}: UTF-8 CSV as RFC 4180 writes it (read by commons-csv, so a quoted field
 * may hold a comma), {@code #} comment lines and blank lines skipped, one header that must be exactly the expected
 * one, then rows with the header's number of fields.
 */
final class MapFile {
  /** One data row: its line number in the file, the row as written back in CSV, and its fields. */
  record Row(int line, String text, String[] fields) {}

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setCommentMarker('#')
      .setIgnoreEmptyLines(true).get();

  private MapFile() {}

  static List<Row> read(InputStream in, String source, String header) throws IOException {
    int width = header.split(",").length;
    List<Row> rows = new ArrayList<>();
    boolean first = true;
    try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), FORMAT)) {
      for (CSVRecord record : parser) {
        String[] f = record.values();
        int no = (int) parser.getCurrentLineNumber();
        String text = String.join(",", f);
        if (f.length == 1 && f[0].isBlank()) {
          continue;
        }
        if (first) {
          if (!text.trim().equals(header)) {
            throw SectorErrors.wrongHeader(source, no, text, header);
          }
          first = false;
          continue;
        }
        if (f.length != width) {
          throw SectorErrors.wrongWidth(source, no, text, f.length, width, header);
        }
        rows.add(new Row(no, text, f));
      }
    } catch (java.io.UncheckedIOException e) {
      throw SectorErrors.notCsv(source, e);
    }
    return rows;
  }
}
