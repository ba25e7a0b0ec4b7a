package org.ftasim.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftasim.model.gravity.GravityData;
import org.ftasim.model.gravity.StructuralGravity;

/**
 * Sweeps the structural gravity model over σ ({@code sigma}) and trade-cost coefficients ({@code cost.<covariate>}),
 * those of an estimate drawn together from its N(β̂, V̂) ({@code joint}, or null). Outcomes per country:
 * real_gdp_pct, welfare_pct, exports_pct, factory_gate_price_pct; with {@code joint}, the coefficients used as
 * cost_coefficient (sector = the covariate).
 */
public record GravitySweep(GravityData data, double sigma, Map<String, Double> cost,
    Map<String, double[]> counterfactual, StructuralGravity.Baseline baseline, StructuralGravity.Deficits deficits,
    int reference, double tolerance, int maxIterations, JointNormal joint) implements SweepModel.Factory {

  @Override
  public void check(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      if (!p.name().equals("sigma") && !(p.name().startsWith("cost.") && cost.containsKey(p.name().substring(5)))) {
        throw new IllegalArgumentException("the gravity model takes parameters sigma and cost.<covariate> for a"
            + " covariate of the cost function (" + String.join(", ", cost.keySet()) + "); not '" + p.name() + "'");
      }
    }
  }

  @Override
  public SweepModel build() {
    return (parameters, values) -> {
      double s = sigma;
      Map<String, Double> c = new LinkedHashMap<>(cost);
      for (int i = 0; i < values.length; i++) {
        String name = parameters.get(i).name();
        if (name.equals("sigma")) {
          s = values[i];
        } else {
          c.put(name.substring(5), values[i]);
        }
      }
      List<SweepModel.Outcome> out = new ArrayList<>();
      if (joint != null) {
        double[] marginal = new double[joint.parameters().size()];
        for (int a = 0; a < marginal.length; a++) {
          marginal[a] = c.get(joint.parameters().get(a).substring(5));
        }
        double[] drawn = joint.coefficients(marginal);
        for (int a = 0; a < drawn.length; a++) {
          String term = joint.parameters().get(a).substring(5);
          c.put(term, drawn[a]);
          out.add(new SweepModel.Outcome("cost_coefficient", "ALL", term, "ALL", null, drawn[a]));
        }
      }
      StructuralGravity.Result r = StructuralGravity.solve(data, s, c, counterfactual, baseline, deficits, reference,
          tolerance, maxIterations);
      for (int i = 0; i < data.n(); i++) {
        String country = data.countries().get(i);
        out.add(new SweepModel.Outcome("real_gdp_pct", country, "ALL", "ALL", null, r.realGdpPct()[i]));
        out.add(new SweepModel.Outcome("welfare_pct", country, "ALL", "ALL", null, r.welfarePct()[i]));
        out.add(new SweepModel.Outcome("exports_pct", country, "ALL", "ALL", null, r.exportsPct()[i]));
        out.add(new SweepModel.Outcome("factory_gate_price_pct", country, "ALL", "ALL", null,
            r.factoryGatePricePct()[i]));
      }
      return new SweepModel.Evaluation(out, r.diagnostics());
    };
  }
}
