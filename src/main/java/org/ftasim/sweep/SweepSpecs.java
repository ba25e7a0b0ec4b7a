package org.ftasim.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ftasim.config.FtasimConfig;

/** Turns the validated {@code sweep} config into parameters and a design. */
public final class SweepSpecs {
  private SweepSpecs() {}

  public static List<Parameter> parameters(List<FtasimConfig.SweepParameter> specs) {
    return parameters(specs, name -> {
      throw new IllegalArgumentException("dist: estimate needs sweep.model: gravity with sweep.gravity.estimates "
          + "(an estimate-gravity run)");
    });
  }

  /** @param estimate the distribution of a {@code dist: estimate} parameter, by name (its marginal normal) */
  public static List<Parameter> parameters(List<FtasimConfig.SweepParameter> specs,
      java.util.function.Function<String, Distribution> estimate) {
    if (specs.isEmpty()) {
      throw SweepErrors.noParameters();
    }
    List<Parameter> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      FtasimConfig.SweepParameter s = specs.get(i);
      double lo = s.min() == null ? Double.NEGATIVE_INFINITY : s.min();
      double hi = s.max() == null ? Double.POSITIVE_INFINITY : s.max();
      try {
        Distribution d = switch (s.dist()) {
          case "estimate" -> estimate.apply(s.name()).truncated(lo, hi);
          case "normal" -> new Distribution(Distribution.Kind.NORMAL, s.mean(), s.sd(), 0, lo, hi);
          case "lognormal" -> new Distribution(Distribution.Kind.LOGNORMAL, s.median(), s.logSd(), 0, lo, hi);
          case "uniform" -> new Distribution(Distribution.Kind.UNIFORM, s.low(), s.high(), 0, lo, hi);
          default -> new Distribution(Distribution.Kind.TRIANGULAR, s.low(), s.mode(), s.high(), lo, hi);
        };
        out.add(new Parameter(s.name(), d, s.group()));
      } catch (IllegalArgumentException e) {
        throw SweepErrors.badParameter(i, s.name(), e.getMessage());
      }
    }
    return out;
  }

  public static SweepDesign design(FtasimConfig.Sweep sweep, List<Parameter> parameters, long seed) {
    return new SweepDesign(SweepDesign.Kind.valueOf(sweep.design().toUpperCase(Locale.ROOT)), parameters, seed,
        sweep.draws());
  }
}
