package org.ftasim.sample;

import org.apache.commons.math3.special.Erf;
import org.ftasim.sweep.Seeds;

/**
 * Counter-based random numbers: each value is a pure function of (seed, stream, keys), so any part of the sample
 * world can be generated on its own, in any order, on any executor, and come out the same.
 */
final class Noise {
  private Noise() {}

  static long key(long... parts) {
    long h = 0x632BE59BD9B4E019L;
    for (long p : parts) {
      h = Seeds.mix(h, p, 0x51AFD7ED558CCD97L);
    }
    return h;
  }

  /** Uniform on (0, 1), never 0 or 1. */
  static double uniform(long seed, long stream, long key) {
    return ((Seeds.mix(seed, stream, key) >>> 11) + 0.5) * 0x1.0p-53;
  }

  /** Standard normal by inversion of the uniform. */
  static double normal(long seed, long stream, long key) {
    return Math.sqrt(2) * Erf.erfInv(2 * uniform(seed, stream, key) - 1);
  }
}
