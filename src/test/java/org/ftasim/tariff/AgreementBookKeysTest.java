package org.ftasim.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.ftasim.config.UserException;
import org.junit.jupiter.api.Test;

/** Agreements files are read strictly: a misspelt key or a key given twice stops the job instead of a default. */
class AgreementBookKeysTest {
  private static AgreementBook read(String yaml) throws Exception {
    return AgreementBook.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "a.yaml");
  }

  private static final String GOOD = """
      staging:
        A: {type: immediate}
      agreements:
        - id: AGR
          members:
            KOR: {entry_into_force: 2022-01-01}
      """;

  @Test
  void everyLevelRefusesAKeyItDoesNotHave() throws Exception {
    assertThat(read(GOOD).agreements()).containsKey("AGR");
    assertThatThrownBy(() -> read(GOOD.replace("entry_into_force", "entry_into_forse")))
        .isInstanceOf(UserException.class)
        .hasMessageStartingWith("a.yaml: agreement AGR.members.KOR: unknown key 'entry_into_forse'; a member has"
            + " cut_date, entry_into_force; fix:");
    assertThatThrownBy(() -> read(GOOD.replace("    members:", "    member_states: {}\n    members:")))
        .hasMessageContaining("agreement AGR: unknown key 'member_states'; an agreement has accession, base,");
    assertThatThrownBy(() -> read(GOOD.replace("{type: immediate}", "{type: linear, cut: 4}")))
        .hasMessageContaining("staging.A: unknown key 'cut'; a staging category has cuts, hold, target, type");
    assertThatThrownBy(() -> read("stagin: {}\n" + GOOD)).hasMessageContaining("a.yaml: unknown key 'stagin'");
  }

  @Test
  void aKeyGivenTwiceIsAnError() {
    assertThatThrownBy(() -> read(GOOD.replace("- id: AGR", "- id: AGR\n    id: OTHER")))
        .isInstanceOf(UserException.class).hasMessageContaining("agreements file a.yaml is not valid YAML at line")
        .hasMessageContaining("Duplicate field 'id'");
  }
}
