package org.ftasim.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.ftasim.config.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model data on the driver: local paths as they are, other file systems through a faithful local copy. */
class TextFilesTest {
  private final TextFiles files = new TextFiles(new Configuration());

  @Test
  void aLocalPathOrFileUriIsReadInPlace(@TempDir Path dir) {
    assertThat(files.local(dir.toString())).isEqualTo(dir);
    assertThat(files.local(dir.toUri().toString())).isEqualTo(dir);
  }

  @Test
  void aFolderIsCopiedWholeWithoutChecksumFiles(@TempDir Path dir) throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("theta.csv"), "sector,value\nagriculture,8.11\n");
    Files.writeString(model.resolve("deficit.csv"), "region,D\nKOR,-12.5\n");
    // the branch a remote folder (s3a://, abfss://) takes, through Hadoop's FileSystem API
    Path copy = files.copyToLocal(model.toUri().toString(), "--data");
    assertThat(copy.getFileName().toString()).isEqualTo("model");
    assertThat(copy).isNotEqualTo(model);
    try (var listed = Files.list(copy)) {
      assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("theta.csv", "deficit.csv");
    }
    assertThat(Files.readString(copy.resolve("theta.csv"))).isEqualTo("sector,value\nagriculture,8.11\n");
    assertThat(Files.readString(copy.resolve("deficit.csv"))).isEqualTo("region,D\nKOR,-12.5\n");
  }

  @Test
  void aMissingInputNamesItself(@TempDir Path dir) {
    String missing = dir.resolve("nowhere").toUri().toString();
    assertThatThrownBy(() -> files.copyToLocal(missing, "--data")).isInstanceOf(UserException.class)
        .hasMessageStartingWith("--data " + missing + " does not exist on file:///").hasMessageContaining("fix:");
  }
}
