package org.ftasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The summary statistics against values worked by hand (R's quantile type 7, sd with n − 1). */
class OutcomeSummaryTest {
  @Test
  void oneToTen() {
    double[] v = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6, Double.NaN};
    OutcomeSummary s = OutcomeSummary.of(v, 10, false);
    assertThat(s.mean()).isEqualTo(5.5);
    // Σ (x − 5.5)² = 82.5; sd = √(82.5 / 9)
    assertThat(s.sd()).isCloseTo(Math.sqrt(82.5 / 9), within(1e-15));
    // h = 0.05 · 9 = 0.45: 1 + 0.45 (2 − 1)
    assertThat(s.p05()).isCloseTo(1.45, within(1e-15));
    assertThat(s.p50()).isEqualTo(5.5);
    assertThat(s.p95()).isCloseTo(9.55, within(1e-15));
  }

  @Test
  void aRuleHasItsOwnSdAndNoPercentiles() {
    OutcomeSummary s = OutcomeSummary.of(new double[] {1, 2, 3, 4}, 4, true);
    assertThat(s.mean()).isEqualTo(2.5);
    assertThat(s.sd()).isCloseTo(Math.sqrt(1.25), within(1e-15));
    assertThat(s.p05()).isNull();
    assertThat(s.p50()).isNull();
    assertThat(s.p95()).isNull();
  }

  @Test
  void noValuesNoStatisticsOneValueNoSampleSd() {
    assertThat(OutcomeSummary.of(new double[3], 0, false))
        .isEqualTo(new OutcomeSummary(null, null, null, null, null));
    OutcomeSummary one = OutcomeSummary.of(new double[] {4.25}, 1, false);
    assertThat(one).isEqualTo(new OutcomeSummary(4.25, null, 4.25, 4.25, 4.25));
    assertThat(OutcomeSummary.of(new double[] {4.25}, 1, true).sd()).isEqualTo(0.0);
  }
}
