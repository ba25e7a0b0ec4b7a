package org.ftasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md, checked on the sources: the model core is plain Java + EJML, without I/O. */
class ArchitectureTest {
  private static List<Path> sources(String pkg) throws Exception {
    try (Stream<Path> s = Files.walk(Path.of("src/main/java/org/ftasim").resolve(pkg))) {
      return s.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void modelImportsNeitherSparkNorIoNorStages() throws Exception {
    List<Path> files = sources("model");
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      String text = Files.readString(f).replace("import java.io.Serializable;", "");
      assertThat(text).as(f.toString())
          .doesNotContain("import org.apache.spark")
          .doesNotContain("import java.io.")
          .doesNotContain("import java.nio.file")
          .doesNotContain("import org.ftasim.jobs")
          .doesNotContain("import org.ftasim.inputs")
          .doesNotContain("import org.ftasim.table");
    }
  }

  @Test
  void theSweepCoreIsEngineFree() throws Exception {
    List<Path> files = sources("sweep").stream().filter(f -> !f.toString().contains("/sweep/spark/")).toList();
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import org.apache.spark")
          .doesNotContain("import org.ftasim.jobs").doesNotContain("import org.ftasim.inputs");
    }
  }

  @Test
  void onlyJobsImportJobs() throws Exception {
    for (String pkg : List.of("model", "inputs", "table", "config", "sweep")) {
      for (Path f : sources(pkg)) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import org.ftasim.jobs");
      }
    }
  }
}
