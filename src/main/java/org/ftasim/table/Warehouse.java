package org.ftasim.table;

import java.io.File;
import java.net.URI;

/**
 * Where the curated tables live: a local folder or any Hadoop URI ({@code s3a://…}, {@code abfss://…},
 * {@code hdfs://…}). Each table is a Delta table in the folder named after it.
 */
public record Warehouse(String root) {

  public Warehouse {
    root = normalise(root);
  }

  public String path(TableDef table) {
    return path(table.name());
  }

  public String path(String name) {
    return root + "/" + name;
  }

  /**
   * Stops a job that would write plain files where a table lives: {@code out} (a results folder into which tables
   * go as {@code <out>/<table>/}) must not be the warehouse root itself nor lie inside a table's folder, or the
   * export would overwrite or corrupt a Delta table. {@code <warehouse>/results} and any other folder are fine.
   */
  public void refuseOutputOverTables(String option, String out) {
    String o = normalise(out);
    if (o.equals(root)) {
      throw TableErrors.outIsTheWarehouse(option, out, root);
    }
    for (TableDef t : Tables.all()) {
      String table = path(t);
      if (o.equals(table) || o.startsWith(table + "/")) {
        throw TableErrors.outInsideATable(option, out, t.name(), table, root);
      }
    }
  }

  /** Relative local paths become absolute so that the driver and local executors agree on them. */
  private static String normalise(String root) {
    String trimmed = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    URI uri = URI.create(trimmed.replace(" ", "%20"));
    if (uri.getScheme() == null) {
      return new File(trimmed).getAbsoluteFile().toPath().normalize().toString();
    }
    return trimmed;
  }
}
