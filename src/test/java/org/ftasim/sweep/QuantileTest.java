package org.ftasim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantileTest {
  @Test
  void definitionSevenAsRComputesIt() {
    // R: quantile(c(7, 1, 3, 9, 5), c(0.05, 0.5, 0.95, 0.3)) = 1.4, 5, 8.6, 3.4
    double[] x = {7, 1, 3, 9, 5};
    assertThat(Quantile.of(x, 0.05)).isEqualTo(1.4, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Quantile.of(x, 0.5)).isEqualTo(5.0);
    assertThat(Quantile.of(x, 0.95)).isEqualTo(8.6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Quantile.of(x, 0.3)).isEqualTo(3.4, org.assertj.core.data.Offset.offset(1e-12));
    // only the first n values count; the array is left as it was
    assertThat(Quantile.of(x, 3, 1.0)).isEqualTo(7.0);
    assertThat(x).containsExactly(7, 1, 3, 9, 5);
    assertThat(Quantile.of(x, 0, 0.5)).isNaN();
  }
}
