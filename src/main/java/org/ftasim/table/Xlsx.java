package org.ftasim.table;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The sheets of an .xlsx workbook as rows of text, the way a CSV saved from it would read: numbers without a
 * spreadsheet's ".0" (a code stored as the number 10121 reads "10121"), other numbers in their shortest exact form,
 * formulas by their cached value, missing cells as "". Publishers' workbooks (UNSD's HS tables, WITS exports) are
 * small, so a workbook is read whole.
 */
public final class Xlsx {
  private Xlsx() {}

  /** One sheet: its name and its rows, each as long as its last non-empty cell. */
  public record Sheet(String name, List<String[]> rows) {}

  /** Whether the bytes start as a zip archive does (an .xlsx is one), whatever the file is called. */
  public static boolean isWorkbook(byte[] content) {
    return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
  }

  public static List<Sheet> read(byte[] content, String file) {
    List<Sheet> out = new ArrayList<>();
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(content))) {
      for (int s = 0; s < wb.getNumberOfSheets(); s++) {
        out.add(new Sheet(wb.getSheetName(s), rows(wb.getSheetAt(s))));
      }
    } catch (IOException | RuntimeException e) {
      throw TableErrors.notAWorkbook(file, e);
    }
    return out;
  }

  private static List<String[]> rows(org.apache.poi.ss.usermodel.Sheet sheet) {
    List<String[]> rows = new ArrayList<>();
    int last = sheet.getLastRowNum();
    for (int r = 0; r <= last; r++) {
      Row row = sheet.getRow(r);
      if (row == null || row.getLastCellNum() < 0) {
        rows.add(new String[0]);
        continue;
      }
      String[] cells = new String[row.getLastCellNum()];
      for (int c = 0; c < cells.length; c++) {
        cells[c] = text(row.getCell(c));
      }
      rows.add(cells);
    }
    return rows;
  }

  static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    return switch (type) {
      case STRING -> cell.getStringCellValue();
      case NUMERIC -> number(cell.getNumericCellValue());
      case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
      default -> "";
    };
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
