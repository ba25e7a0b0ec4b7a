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
          && (p.getFileName().toString().equals("example.yaml") || p.getFileName().toString().equals("tariffs.yaml")
          || p.getParent().endsWith("sweeps")))
          .toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      assertThat(ConfigLoader.load(f, List.of()).config()).as(f.toString()).isNotNull();
    }
  }

  @Test
  void shippedScenariosParseAndAreBundled() throws Exception {
    org.ftasim.tariff.AgreementBook book;
    try (var in = Files.newInputStream(Path.of("conf/agreements.yaml"))) {
      book = org.ftasim.tariff.AgreementBook.read(in, "conf/agreements.yaml");
    }
    List<String> ids;
    try (Stream<Path> s = Files.list(Path.of("conf/scenarios"))) {
      ids = s.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(org.ftasim.tariff.Scenario.SHIPPED);
    for (String id : ids) {
      try (var in = Files.newInputStream(Path.of("conf/scenarios", id + ".yaml"))) {
        org.ftasim.tariff.Scenario s = org.ftasim.tariff.Scenario.read(in, id, book);
        assertThat(s.id()).isEqualTo(id);
        assertThat(org.ftasim.tariff.Scenario.bundled(id, book).book().agreements()).isEqualTo(s.book().agreements());
      }
    }
    org.ftasim.tariff.Scenario cptpp = org.ftasim.tariff.Scenario.bundled("kor-cptpp", book);
    assertThat(cptpp.book().agreement("CPTPP-KOR").members().keySet())
        .containsExactlyInAnyOrder("KOR", "JPN", "AUS", "CAN", "MEX", "SGP", "NZL", "MYS", "VNM", "BRN", "CHL", "PER",
            "GBR");
  }
}
