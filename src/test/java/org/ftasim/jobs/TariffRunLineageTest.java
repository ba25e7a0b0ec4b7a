package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ftasim.config.UserException;
import org.junit.jupiter.api.Test;

/** model-inputs takes the baseline and the scenarios of one tariffs run, unless told to mix them. */
class TariffRunLineageTest {
  private static final List<Row> HELD = List.of(RowFactory.create("baseline", 2022, "t2"),
      RowFactory.create("baseline", 2027, "t2"), RowFactory.create("kor-jpn-fta", 2027, "t2"),
      RowFactory.create("kor-cptpp", 2027, "t1"));

  @Test
  void scenariosOfOneRunPass() {
    assertThatCode(() -> ModelInputsJob.oneTariffsRun(HELD, List.of("kor-jpn-fta"), false)).doesNotThrowAnyException();
  }

  @Test
  void aScenarioFromAnotherRunIsRefusedUnlessMixingIsAsked() {
    assertThatThrownBy(() -> ModelInputsJob.oneTariffsRun(HELD, List.of("kor-jpn-fta", "kor-cptpp"), false))
        .isInstanceOf(UserException.class).hasMessageContaining("from 2 different tariffs runs")
        .hasMessageContaining("kor-cptpp=[t1]").hasMessageContaining("baseline=[t2]")
        .hasMessageContaining("inputs.mix_tariff_runs=true");
    assertThatCode(() -> ModelInputsJob.oneTariffsRun(HELD, List.of("kor-jpn-fta", "kor-cptpp"), true))
        .doesNotThrowAnyException();
  }
}
