package org.ftasim.table;

import org.ftasim.config.UserException;

/**
 * Every user error of the warehouse and of reading files through Hadoop, in one place (as Delta Kernel's
 * {@code DeltaErrors}): each names the table, path or option, what is wrong, and the fix.
 */
public final class TableErrors {
  private TableErrors() {}

  static UserException noSuchTable(TableDef table, String warehouse) {
    return new UserException("table '" + table.name() + "' does not exist in warehouse " + warehouse
        + "; it is written by " + table.writtenBy() + "; fix: run that first, or pass the right --warehouse");
  }

  static UserException outIsTheWarehouse(String option, String out, String root) {
    return new UserException(option + " " + out + " is the warehouse itself: the tables' Parquet copies would land"
        + " on the Delta tables of the same names; fix: give another folder, e.g. " + root + "/results");
  }

  static UserException outInsideATable(String option, String out, String table, String tableDir, String root) {
    return new UserException(option + " " + out + " is inside the folder of table " + table + " (" + tableDir
        + "); writing there would corrupt it; fix: give a folder outside the tables, e.g. " + root + "/results");
  }

  static UserException notAWorkbook(String file, Exception e) {
    return new UserException("file " + file + " is not a readable .xlsx workbook (" + e.getClass().getSimpleName()
        + ": " + e.getMessage() + "); it may be truncated or not an Excel file. Fix: download it again, or open it"
        + " in a spreadsheet and save the data sheet as CSV", e);
  }

  static UserException noFileSystem(String what, String path, String scheme, Exception e) {
    String fix = scheme.equals("s3a")
        ? "add org.apache.hadoop:hadoop-aws:3.4.2 and its AWS SDK bundle (--packages"
            + " org.apache.hadoop:hadoop-aws:3.4.2)"
            + " and credentials"
        : scheme.equals("abfs") || scheme.equals("abfss") ? "add org.apache.hadoop:hadoop-azure:3.4.2"
            : "check the scheme, or add the Hadoop connector that serves it";
    return new UserException(what + " " + path + ": no file system for the scheme '" + scheme + "' is on the"
        + " classpath (" + e.getMessage() + "); fix: " + fix + ", or copy the file locally", e);
  }

  static UserException noSuchFile(String what, String path) {
    return new UserException(what + " " + path + " does not exist or is not a file; fix: name an existing file");
  }

  static UserException noSuchInput(String what, String path, String fileSystem) {
    return new UserException(what + " " + path + " does not exist on " + fileSystem + "; fix: name an existing"
        + " file or folder (check the bucket and the path), or upload it first");
  }
}
