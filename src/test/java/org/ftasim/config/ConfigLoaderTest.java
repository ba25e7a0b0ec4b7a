package org.ftasim.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void defaultsLoadAndHashIsStable() {
    LoadedConfig a = ConfigLoader.defaults();
    LoadedConfig b = ConfigLoader.defaults();
    assertThat(a.config().sql().maxRows()).isEqualTo(100_000);
    assertThat(a.hash()).hasSize(64).isEqualTo(b.hash());
    assertThat(a.yaml()).contains("seed:").contains("max_rows:");
  }

  @Test
  void setOverridesWithTypedValues() {
    LoadedConfig c = ConfigLoader.load(null, List.of("seed=42", "sql.max_rows=7"));
    assertThat(c.config().seed()).isEqualTo(42);
    assertThat(c.config().sql().maxRows()).isEqualTo(7);
    assertThat(c.hash()).isNotEqualTo(ConfigLoader.defaults().hash());
  }

  @Test
  void fileThenSetLaterWins() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "seed: 5\nsql:\n  max_rows: 10\n");
    LoadedConfig c = ConfigLoader.load(f, List.of("seed=6"));
    assertThat(c.config().seed()).isEqualTo(6);
    assertThat(c.config().sql().maxRows()).isEqualTo(10);
  }

  @Test
  void unknownKeyInFileNamesKeyFileAndAllowedKeys() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "sql:\n  max_rowz: 10\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sql.max_rowz'").hasMessageContaining(f.toString())
        .hasMessageContaining("unknown key").hasMessageContaining("max_rows");
  }

  @Test
  void unknownKeyFromSet() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sead=1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sead'").hasMessageContaining("from --set").hasMessageContaining("seed");
  }

  @Test
  void wrongTypeNamesKeyValueAndType() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sql.max_rows=lots")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sql.max_rows'").hasMessageContaining("'lots'").hasMessageContaining("integer");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sql.max_rows=2.5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'sql.max_rows'").hasMessageContaining("2.5");
  }

  @Test
  void outOfRangeNamesTheRange() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sql.max_rows=0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sql.max_rows'").hasMessageContaining("'0'").hasMessageContaining("from 1 to")
        .hasMessageContaining("from --set");
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("seed=-3")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'seed'");
  }

  @Test
  void sectionCannotBeSetToAScalar() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sql=3")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is a section").hasMessageContaining("max_rows");
  }

  @Test
  void malformedSetAndBadYamlAndMissingFile() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("seed")))
        .isInstanceOf(UserException.class).hasMessageContaining("key=value");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "seed: 1\n  sql: [\n");
    assertThatThrownBy(() -> ConfigLoader.load(bad, List.of()))
        .isInstanceOf(UserException.class).hasMessageContaining("not valid YAML at line");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yaml"), List.of()))
        .isInstanceOf(UserException.class).hasMessageContaining("does not exist");
  }
}
