package org.ftasim.inputs.spark;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import java.util.List;
import org.ftasim.config.UserException;
import org.junit.jupiter.api.Test;

/** The model's data and its tariffs under one inputs id are read only when one model-inputs run wrote both. */
class ModelTablesLineageTest {
  @Test
  void oneRunPassesTwoAreRefused() {
    assertThatCode(() -> ModelTables.lineage("default", new TreeSet<>(List.of("m1")), new TreeSet<>(List.of("m1"))))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ModelTables.lineage("default", new TreeSet<>(List.of("m1")),
        new TreeSet<>(List.of("m1", "m2")))).isInstanceOf(UserException.class)
        .hasMessageContaining("model_inputs comes from run(s) [m1], model_tariffs from [m1, m2]")
        .hasMessageContaining("fix: run ftasim model-inputs with inputs.id=default again");
    assertThatThrownBy(() -> ModelTables.lineage("x", new TreeSet<>(List.of("m1", "m2")),
        new TreeSet<>(List.of("m1")))).isInstanceOf(UserException.class);
  }
}
