package org.ftasim.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.cp.CaliendoParro;
import org.ftasim.model.cp.CpComparison;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpModel;
import org.ftasim.model.cp.CpSolver;
import org.ftasim.model.cp.CpStartPredictor;

/**
 * Sweeps the Caliendo–Parro model over its trade elasticities. Parameters: {@code theta.<Sector>} sets a sector's
 * θ; {@code theta.scale} multiplies every θ (applied first). Outcomes per region: welfare_pct, tot_pct, vot_pct,
 * real_wage_pct, real_income_pct; per region and sector, if asked for: output_pct, real_output_pct.
 *
 * <p>Each draw starts its two solves from a {@link CpStartPredictor} fitted by {@link #prepare} — one quadratic per
 * design dimension in the log of its first parameter, through the comparisons with every parameter at its median
 * and with that dimension at its quartiles — and from the central comparison if that is nearer. Unprepared (e.g. in
 * a test), it starts from the comparison at the data's own θ, solved once per partition.
 *
 * @param regions the regions to report (empty: all)
 * @param sectorMetrics whether to report the per-sector outcomes (31 × 40 more rows per draw on CP2015 data)
 * @param starts the fitted starting points, or null
 */
public record CpSweep(CpData data, CaliendoParro.Deficits deficits, List<String> regions, boolean sectorMetrics,
    CpSolver.Options options, Starts starts) implements SweepModel.Factory {

  public CpSweep(CpData data, CaliendoParro.Deficits deficits, List<String> regions, boolean sectorMetrics,
      CpSolver.Options options) {
    this(data, deficits, regions, sectorMetrics, options, null);
  }

  /**
   * Starting points fitted for one list of parameters: the predictor, and per design dimension the index of the
   * parameter whose log is its coordinate and that parameter's median.
   */
  public record Starts(List<String> parameters, CpStartPredictor predictor, int[] coordinate, double[] median)
      implements Serializable {
    double[] coordinates(double[] values) {
      double[] t = new double[coordinate.length];
      for (int k = 0; k < t.length; k++) {
        t[k] = Math.log(values[coordinate[k]] / median[k]);
      }
      return t;
    }
  }

  @Override
  public void check(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      String name = p.name();
      if (!name.equals("theta.scale") && !(name.startsWith("theta.") && data.sectors().contains(name.substring(6)))) {
        throw new IllegalArgumentException("the cp model takes parameters theta.scale and theta.<sector> with a"
            + " sector of the data (" + String.join(", ", data.sectors()) + "); not '" + name + "'");
      }
    }
    for (String r : regions) {
      if (!data.regions().contains(r)) {
        throw new IllegalArgumentException("region '" + r + "' is not in the data");
      }
    }
  }

  /**
   * A draw's θ: {@code theta.scale} multiplies every sector's θ of the data first, then each
   * {@code theta.<sector>} sets its own; other parameters are left to the caller.
   */
  static double[] theta(CpData data, List<Parameter> parameters, double[] values) {
    double[] theta = data.theta().clone();
    for (int i = 0; i < values.length; i++) {
      if (parameters.get(i).name().equals("theta.scale")) {
        for (int s = 0; s < theta.length; s++) {
          theta[s] *= values[i];
        }
      }
    }
    for (int i = 0; i < values.length; i++) {
      String name = parameters.get(i).name();
      if (name.startsWith("theta.") && !name.equals("theta.scale")) {
        theta[data.sectors().indexOf(name.substring(6))] = values[i];
      }
    }
    return theta;
  }

  /**
   * Fits the starting points: 1 + 2·dimensions comparisons, the central one cold and the others from it. A
   * dimension whose quartiles coincide with its median, or whose values are not all positive, gets no coordinate.
   */
  @Override
  public SweepModel.Factory prepare(List<Parameter> parameters) {
    List<String> dims = new ArrayList<>();
    List<Integer> first = new ArrayList<>();
    for (int p = 0; p < parameters.size(); p++) {
      if (!dims.contains(parameters.get(p).dimension())) {
        dims.add(parameters.get(p).dimension());
        first.add(p);
      }
    }
    double[] center = new double[parameters.size()];
    for (int p = 0; p < center.length; p++) {
      center[p] = parameters.get(p).distribution().quantile(0.5);
    }
    CpModel calibrated = new CpModel(data);
    CpComparison central = CaliendoParro.run(calibrated.withTheta(theta(data, parameters, center)), deficits, options);
    int d = 0;
    int[] index = new int[dims.size()];
    double[] median = new double[dims.size()];
    double[] lows = new double[dims.size()];
    double[] highs = new double[dims.size()];
    CpComparison[] atLow = new CpComparison[dims.size()];
    CpComparison[] atHigh = new CpComparison[dims.size()];
    for (int k = 0; k < dims.size(); k++) {
      int lead = first.get(k);
      Distribution dist = parameters.get(lead).distribution();
      double low = dist.quantile(0.25);
      double high = dist.quantile(0.75);
      if (!(low > 0 && low < center[lead] && center[lead] < high)) {
        continue;
      }
      index[d] = lead;
      median[d] = center[lead];
      lows[d] = Math.log(low / center[lead]);
      highs[d] = Math.log(high / center[lead]);
      atLow[d] = solveAt(calibrated, parameters, center, dims.get(k), 0.25, central);
      atHigh[d] = solveAt(calibrated, parameters, center, dims.get(k), 0.75, central);
      d++;
    }
    Starts fitted = new Starts(parameters.stream().map(Parameter::name).toList(),
        CpStartPredictor.fit(central, Arrays.copyOf(lows, d), Arrays.copyOf(atLow, d), Arrays.copyOf(highs, d),
            Arrays.copyOf(atHigh, d)), Arrays.copyOf(index, d), Arrays.copyOf(median, d));
    return new CpSweep(data, deficits, regions, sectorMetrics, options, fitted);
  }

  /** The comparison with every parameter at its median but those of {@code dimension}, at quantile {@code q}. */
  private CpComparison solveAt(CpModel calibrated, List<Parameter> parameters, double[] center, String dimension,
      double q, CpComparison start) {
    double[] v = center.clone();
    for (int p = 0; p < v.length; p++) {
      if (parameters.get(p).dimension().equals(dimension)) {
        v[p] = parameters.get(p).distribution().quantile(q);
      }
    }
    return CaliendoParro.run(calibrated.withTheta(theta(data, parameters, v)), deficits, options, start);
  }

  @Override
  public SweepModel build() {
    CpModel calibrated = new CpModel(data);
    // the median solution's start, or, unprepared, the solution at the data's own θ
    CpStartPredictor.Start central = starts != null ? starts.predictor().center()
        : CpStartPredictor.of(CaliendoParro.run(calibrated, deficits, options));
    return (parameters, values) -> {
      double[] theta = theta(data, parameters, values);
      CpStartPredictor.Start[] from = starts != null
          && starts.parameters().equals(parameters.stream().map(Parameter::name).toList())
              ? new CpStartPredictor.Start[] {starts.predictor().predict(starts.coordinates(values)), central}
              : new CpStartPredictor.Start[] {central};
      CpComparison c = CaliendoParro.run(calibrated.withTheta(theta), deficits, options, from);
      Diagnostics b = c.baseline().diagnostics();
      Diagnostics f = c.counterfactual().diagnostics();
      Diagnostics both = new Diagnostics(b.converged() && f.converged(), b.iterations() + f.iterations(),
          Math.max(b.residual(), f.residual()));
      Set<String> keep = regions.isEmpty() ? null : Set.copyOf(regions);
      List<SweepModel.Outcome> out = new ArrayList<>();
      for (int r = 0; r < data.n(); r++) {
        String region = data.regions().get(r);
        if (keep != null && !keep.contains(region)) {
          continue;
        }
        out.add(new SweepModel.Outcome("welfare_pct", region, "ALL", "ALL", null, c.welfarePct(r)));
        out.add(new SweepModel.Outcome("tot_pct", region, "ALL", "ALL", null, c.termsOfTradePct(r)));
        out.add(new SweepModel.Outcome("vot_pct", region, "ALL", "ALL", null, c.volumeOfTradePct(r)));
        out.add(new SweepModel.Outcome("real_wage_pct", region, "ALL", "ALL", null, c.realWagePct(r)));
        out.add(new SweepModel.Outcome("real_income_pct", region, "ALL", "ALL", null, c.realIncomePct(r)));
        if (sectorMetrics) {
          for (int s = 0; s < data.j(); s++) {
            out.add(new SweepModel.Outcome("output_pct", region, data.sectors().get(s), "ALL", null, c.outputPct(r, s)));
            out.add(new SweepModel.Outcome("real_output_pct", region, data.sectors().get(s), "ALL", null,
                c.realOutputPct(r, s)));
          }
        }
      }
      return new SweepModel.Evaluation(out, both);
    };
  }
}
