package org.ftasim.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pipeline config examples shipped under conf/ load and validate, so they never rot. */
class ShippedConfigTest {
  @Test
  void exampleConfigsLoad() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("conf"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")
          && (p.getFileName().toString().equals("example.yaml") || p.getParent().endsWith("sweeps")))
          .toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      assertThat(ConfigLoader.load(f, List.of()).config()).as(f.toString()).isNotNull();
    }
  }
}
