package org.ftasim.sweep;

import org.ftasim.config.ConfigException;

/**
 * The user errors of a sweep's design (its uncertain parameters), in one place (as Delta Kernel's
 * {@code DeltaErrors}): each names the key, the parameter, what is wrong, and the fix.
 */
final class SweepErrors {
  private SweepErrors() {}

  static ConfigException noParameters() {
    return new ConfigException("sweep.parameters", null, null, "is empty; fix: list at least one uncertain parameter"
        + " (see conf/sweeps/ for examples)");
  }

  /** Parameter {@code index} (named {@code name}) whose distribution {@code problem} rejects. */
  static ConfigException badParameter(int index, String name, String problem) {
    return new ConfigException("sweep.parameters." + index, name, null, problem + "; fix: see README, Sweep"
        + " parameters, for each distribution's keys");
  }
}
