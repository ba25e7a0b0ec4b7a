package org.ftasim.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ftasim.table.Csv;

/**
 * A WITS/TRAINS CSV export as the .xlsx WITS gives for the same query: a notes sheet, then the data sheet with
 * numbers stored as numbers (so product codes lose their leading zero, as in WITS's workbooks). Used by the tests
 * and by {@code jobs/bench-real-formats}; usage: {@code WitsWorkbook CSV XLSX}.
 */
public final class WitsWorkbook {
  private WitsWorkbook() {}

  public static byte[] of(List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      book.createSheet("Notes").createRow(0).createCell(0).setCellValue("Tariff data from WITS/TRAINS");
      Sheet sheet = book.createSheet("Tariff data");
      for (int i = 0; i < lines.size(); i++) {
        Row row = sheet.createRow(i);
        String[] f = Csv.split(lines.get(i));
        for (int c = 0; c < f.length; c++) {
          if (f[c].isEmpty()) {
            continue;
          }
          if (i > 0 && f[c].matches("-?\\d+(\\.\\d+)?")) {
            row.createCell(c).setCellValue(Double.parseDouble(f[c]));
          } else {
            row.createCell(c).setCellValue(f[c]);
          }
        }
      }
      book.write(bytes);
    }
    return bytes.toByteArray();
  }

  public static void main(String[] args) throws IOException {
    Files.write(Path.of(args[1]), of(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)));
  }
}
