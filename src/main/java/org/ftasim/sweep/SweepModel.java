package org.ftasim.sweep;

import java.io.Serializable;
import java.util.List;
import org.ftasim.model.Diagnostics;

/**
 * A model a sweep can run: given one draw's parameter values, its outcomes in long form. Implementations are
 * built once per Spark partition from a serialisable {@link Factory} (solvers are not serialisable) and must be
 * deterministic.
 */
public interface SweepModel {
  /**
   * One result value. Dimensions that do not apply are "ALL"; year is null when it does not apply; scenario is
   * null for models of one scenario (the sweep's sweep.scenario_id); closure is the capital closure of the phase-in
   * model (fixed, steady_state, recursive), "ALL" for models without capital.
   */
  record Outcome(String scenario, String metric, String country, String sector, String partner, Integer year,
      double value, String closure) {
    public Outcome(String scenario, String metric, String country, String sector, String partner, Integer year,
        double value) {
      this(scenario, metric, country, sector, partner, year, value, "ALL");
    }

    public Outcome(String metric, String country, String sector, String partner, Integer year, double value) {
      this(null, metric, country, sector, partner, year, value);
    }
  }

  /** A draw's outcomes and how its solve ended. */
  record Evaluation(List<Outcome> outcomes, Diagnostics diagnostics) {}

  Evaluation evaluate(List<Parameter> parameters, double[] values);

  /** Builds the model where it runs, from data that travels (broadcast) to the executors. */
  interface Factory extends Serializable {
    SweepModel build();

    /** Fails with a message naming the parameter when a name is not one this model understands. */
    void check(List<Parameter> parameters);

    /**
     * Work done once, where the sweep is planned, before the factory travels: e.g. starting points fitted to the
     * parameters' distributions. Returns the factory to ship; it must depend on the parameters alone.
     */
    default Factory prepare(List<Parameter> parameters) {
      return this;
    }
  }
}
