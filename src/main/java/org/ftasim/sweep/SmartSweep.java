package org.ftasim.sweep;

import java.util.ArrayList;
import java.util.List;
import org.ftasim.model.Diagnostics;
import org.ftasim.model.smart.Smart;

/**
 * Sweeps SMART over its elasticities, applied to every market: {@code import_demand}, {@code substitution},
 * {@code export_supply} (one value for every market), or {@code import_demand_scale}, a factor on each market's
 * own import-demand elasticity (the Kee–Nicita–Olarreaga estimates {@code ftasim smart} used). Outcomes per market
 * (country = importer, sector = product): total_effect (imports change), trade_creation, revenue_change, welfare.
 *
 * @param importers the importer of each market of the batch
 * @param products the product of each market of the batch
 */
public record SmartSweep(Smart.Batch batch, List<String> importers, List<String> products)
    implements SweepModel.Factory {

  private static final List<String> NAMES = List.of("import_demand", "import_demand_scale", "substitution",
      "export_supply");

  @Override
  public void check(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      if (!NAMES.contains(p.name())) {
        throw new IllegalArgumentException("the smart model takes parameters " + String.join(", ", NAMES) + "; not '"
            + p.name() + "'");
      }
    }
  }

  @Override
  public SweepModel build() {
    return (parameters, values) -> {
      int markets = batch.markets();
      double[] eta = batch.importDemand().clone();
      double[] sigma = batch.substitution().clone();
      double[] beta = batch.exportSupply().clone();
      for (int i = 0; i < values.length; i++) {
        if (parameters.get(i).name().equals("import_demand_scale")) {
          for (int m = 0; m < eta.length; m++) {
            eta[m] *= values[i];
          }
          continue;
        }
        double[] target = switch (parameters.get(i).name()) {
          case "import_demand" -> eta;
          case "substitution" -> sigma;
          default -> beta;
        };
        java.util.Arrays.fill(target, values[i]);
      }
      Smart.Result r = Smart.simulate(new Smart.Batch(batch.marketStart(), batch.imports(), batch.tariff(),
          batch.newTariff(), eta, sigma, beta));
      List<SweepModel.Outcome> out = new ArrayList<>();
      for (int m = 0; m < markets; m++) {
        double total = 0;
        double creation = 0;
        for (int k = batch.marketStart()[m]; k < batch.marketStart()[m + 1]; k++) {
          total += r.totalEffect(k);
          creation += r.tradeCreation()[k];
        }
        String importer = importers.get(m);
        String product = products.get(m);
        out.add(new SweepModel.Outcome("total_effect", importer, product, "ALL", null, total));
        out.add(new SweepModel.Outcome("trade_creation", importer, product, "ALL", null, creation));
        out.add(new SweepModel.Outcome("revenue_change", importer, product, "ALL", null,
            r.revenueAfter()[m] - r.revenueBefore()[m]));
        out.add(new SweepModel.Outcome("welfare", importer, product, "ALL", null, r.welfare()[m]));
      }
      return new SweepModel.Evaluation(out, new Diagnostics(true, 0, 0));
    };
  }
}
