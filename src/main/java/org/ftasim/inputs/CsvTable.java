package org.ftasim.inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ftasim.table.Csv;

/**
 * A small CSV file read whole, with a header: comma-separated, optional double quotes, BOM and CRLF tolerated.
 * Lookups fail with the file, line and column named.
 */
public final class CsvTable {
  private final Path file;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<String> header = new ArrayList<>();
  private final List<String[]> rows = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();

  private CsvTable(Path file) {
    this.file = file;
  }

  /**
   * A table already in memory (rows a Spark query collected), named {@code source} in messages; row r is reported
   * as line r + 2, as if a header came first.
   */
  public static CsvTable of(Path source, List<String> header, List<String[]> rows, String... required) {
    CsvTable t = new CsvTable(source);
    for (int i = 0; i < header.size(); i++) {
      t.columns.put(header.get(i), i);
      t.header.add(header.get(i));
    }
    for (String r : required) {
      if (!t.columns.containsKey(r)) {
        throw InputsErrors.noColumn(source.toString(), r, String.join(",", required), header);
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      t.rows.add(rows.get(i));
      t.lines.add(i + 2);
    }
    return t;
  }

  /** Reads {@code file}, requiring at least the {@code required} columns in its header. */
  public static CsvTable read(Path file, String... required) {
    if (!Files.isRegularFile(file)) {
      throw InputsErrors.noCsvFile(file.toString(), String.join(",", required));
    }
    CsvTable t = new CsvTable(file);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw InputsErrors.emptyCsv(file.toString(), String.join(",", required));
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      String[] names = split(header);
      for (int i = 0; i < names.length; i++) {
        t.columns.put(names[i].trim(), i);
        t.header.add(names[i].trim());
      }
      for (String r : required) {
        if (!t.columns.containsKey(r)) {
          throw InputsErrors.headerWithout(file.toString(), header, r, String.join(",", required));
        }
      }
      String line;
      int no = 1;
      while ((line = in.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = split(line);
        if (cells.length != names.length) {
          throw InputsErrors.wrongFieldCount(file.toString(), no, cells.length, names.length, line);
        }
        t.rows.add(cells);
        t.lines.add(no);
      }
    } catch (IOException e) {
      throw InputsErrors.csvUnreadable(file.toString(), e.getMessage(), e);
    }
    return t;
  }

  public Path file() {
    return file;
  }

  /** Column names in file order. */
  public List<String> columns() {
    return List.copyOf(header);
  }

  public int size() {
    return rows.size();
  }

  public int line(int row) {
    return lines.get(row);
  }

  public String text(int row, String column) {
    return rows.get(row)[columns.get(column)].trim();
  }

  public double number(int row, String column) {
    String v = text(row, column);
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw InputsErrors.notAFiniteNumber(file.toString(), line(row), column, v);
    }
  }

  static String[] split(String line) {
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.indexOf('"') < 0 ? line.split(",", -1) : Csv.split(line);
  }
}
