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
