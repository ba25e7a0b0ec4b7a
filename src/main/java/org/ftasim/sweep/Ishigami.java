package org.ftasim.sweep;

import java.util.List;
import org.ftasim.model.Diagnostics;

/**
 * The Ishigami function f(x) = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ with x_i ~ U(−π, π) (Ishigami and Homma 1990), a
 * standard check of Sobol-index estimators: its indices are known in closed form (for a = 7, b = 0.1:
 * S₁ = 0.3139, S₂ = 0.4424, S₃ = 0; S_T1 = 0.5576, S_T2 = 0.4424, S_T3 = 0.2437).
 */
public record Ishigami(double a, double b) implements SweepModel.Factory, SweepModel {

  @Override
  public SweepModel build() {
    return this;
  }

  @Override
  public void check(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      if (!List.of("x1", "x2", "x3").contains(p.name())) {
        throw new IllegalArgumentException("the ishigami model takes parameters x1, x2, x3; not '" + p.name() + "'");
      }
    }
  }

  @Override
  public Evaluation evaluate(List<Parameter> parameters, double[] values) {
    double[] x = new double[3];
    for (int i = 0; i < values.length; i++) {
      x[parameters.get(i).name().charAt(1) - '1'] = values[i];
    }
    double y = Math.sin(x[0]) + a * Math.pow(Math.sin(x[1]), 2) + b * Math.pow(x[2], 4) * Math.sin(x[0]);
    return new Evaluation(List.of(new Outcome("y", "ALL", "ALL", "ALL", null, y)), new Diagnostics(true, 0, 0));
  }

  /** Analytic first-order and total indices, in the order x1, x2, x3. */
  public double[][] analyticIndices() {
    double v1 = 0.5 * Math.pow(1 + b * Math.pow(Math.PI, 4) / 5, 2);
    double v2 = a * a / 8;
    double v13 = b * b * Math.pow(Math.PI, 8) * (1.0 / 18 - 1.0 / 50);
    double v = v1 + v2 + v13;
    return new double[][] {{v1 / v, v2 / v, 0}, {(v1 + v13) / v, v2 / v, v13 / v}};
  }
}
