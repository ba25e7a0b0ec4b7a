package org.ftasim.sweep;

/** Seed derivation: every random number of a sweep is a pure function of (run seed, stream, index). */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser (Steele, Lea and Flood 2014) applied to a combination of the inputs. */
  public static long mix(long seed, long stream, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (stream + 1) + 0xBF58476D1CE4E5B9L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
