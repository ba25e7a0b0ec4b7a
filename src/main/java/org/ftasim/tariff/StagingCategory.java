package org.ftasim.tariff;

import java.io.Serializable;

/**
 * A staging category of a preferential schedule, defined as data in {@code conf/agreements.yaml}. With c the number
 * of cuts in force (the first at entry into force, then one on each cut date), the preferential rate is
 * base × factor(c):
 * <pre>
 *   immediate        factor = 0                                (category A)
 *   linear n, hold h factor = 1 for c ≤ h, else max(0, 1 − (c − h)/n)   (Bn: n equal annual cuts to zero; with
 *                                                               h &gt; 0 the base rate is held h years first)
 *   partial n, t     factor = 1 − (1 − t) · min(c, n)/n        (reduction to t × base in n cuts)
 *   excluded         no preference: the line keeps MFN         (E, X)
 * </pre>
 */
public record StagingCategory(String code, Type type, int cuts, int hold, double target) implements Serializable {

  public enum Type { IMMEDIATE, LINEAR, PARTIAL, EXCLUDED }

  public StagingCategory {
    if ((type == Type.LINEAR || type == Type.PARTIAL) && cuts < 1) {
      throw new IllegalArgumentException("staging category " + code + ": cuts must be at least 1, got " + cuts);
    }
    if (hold < 0) {
      throw new IllegalArgumentException("staging category " + code + ": hold must not be negative, got " + hold);
    }
    if (type == Type.PARTIAL && !(target >= 0 && target < 1)) {
      throw new IllegalArgumentException("staging category " + code + ": target must be in [0, 1), got " + target);
    }
  }

  /** Share of the base rate left after {@code cutsInForce} cuts (1 for none); NaN for an excluded line. */
  public double factor(int cutsInForce) {
    if (type == Type.EXCLUDED) {
      return Double.NaN;
    }
    if (cutsInForce <= 0) {
      return 1;
    }
    return switch (type) {
      case IMMEDIATE -> 0;
      case LINEAR -> cutsInForce <= hold ? 1 : Math.max(0, 1 - (double) (cutsInForce - hold) / cuts);
      case PARTIAL -> 1 - (1 - target) * Math.min(cutsInForce, cuts) / cuts;
      case EXCLUDED -> Double.NaN;
    };
  }

  /** Whether the line ends duty free once fully phased in. */
  public boolean endsDutyFree() {
    return type == Type.IMMEDIATE || type == Type.LINEAR;
  }

  /** Cuts after which the schedule is complete. */
  public int lastCut() {
    return switch (type) {
      case IMMEDIATE -> 1;
      case LINEAR -> hold + cuts;
      case PARTIAL -> cuts;
      case EXCLUDED -> 0;
    };
  }
}
