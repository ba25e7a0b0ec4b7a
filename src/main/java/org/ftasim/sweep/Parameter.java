package org.ftasim.sweep;

import java.io.Serializable;

/**
 * One uncertain model input: its name as the model knows it (e.g. {@code theta.Chemicals}, {@code sigma},
 * {@code x1}), its distribution, and an optional group: parameters of one group move together (they share
 * one uniform draw), so the design has one dimension per group.
 */
public record Parameter(String name, Distribution distribution, String group) implements Serializable {

  /** The design dimension this parameter follows: its group, or its own name. */
  public String dimension() {
    return group == null || group.isBlank() ? name : group;
  }
}
