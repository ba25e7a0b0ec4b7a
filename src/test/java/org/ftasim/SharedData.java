package org.ftasim;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published reference datasets in ../shared/data (or $FTASIM_SHARED_DATA). Missing data skips the test with
 * the reason, unless FTASIM_REQUIRE_DATA=true (as in CI), where it fails it.
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String env = System.getenv("FTASIM_SHARED_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String project = System.getenv("FTASIM_PROJECT_DIR");
    return (project != null ? Path.of(project) : Path.of("")).toAbsolutePath().resolve("../shared/data").normalize();
  }

  /** The dataset folder or file, or a skip (fail in CI) saying where it was looked for. */
  public static Path require(String name) {
    Path p = root().resolve(name);
    if (!Files.exists(p)) {
      String why = "reference data " + name + " not found at " + p + " (set FTASIM_SHARED_DATA to its folder)";
      if ("true".equals(System.getenv("FTASIM_REQUIRE_DATA"))) {
        fail(why + "; FTASIM_REQUIRE_DATA=true makes missing reference data a failure");
      }
      assumeTrue(false, why);
    }
    return p;
  }
}
