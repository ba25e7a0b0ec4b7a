package org.ftasim.inputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftasim.model.smart.Smart;

/**
 * Reads SMART markets: a CSV with columns importer, product, exporter, imports, tariff, new_tariff (tariffs as
 * rates, 0.05 = 5%; imports in any currency unit), one row per (importer, product, exporter). Rows of one market
 * need not be adjacent.
 */
public final class SmartMarkets {
  /** The batch and, per market, its importer and product. */
  public record Markets(Smart.Batch batch, List<String> importers, List<String> products) {}

  private SmartMarkets() {}

  /**
   * Markets from lines already sorted by market (the smart_effects rows of a scenario): per line its importer,
   * product, imports, tariffs as rates and the market's import-demand elasticity (the first line's), so a sweep
   * draws over the same markets and elasticities {@code ftasim smart} used.
   */
  public static Markets ofLines(List<String> importer, List<String> product, double[] imports, double[] tariff,
      double[] newTariff, double[] importDemand, double substitution, double exportSupply) {
    List<Integer> starts = new ArrayList<>();
    List<String> importers = new ArrayList<>();
    List<String> products = new ArrayList<>();
    List<Double> eta = new ArrayList<>();
    for (int r = 0; r < imports.length; r++) {
      if (r == 0 || !importer.get(r).equals(importer.get(r - 1)) || !product.get(r).equals(product.get(r - 1))) {
        starts.add(r);
        importers.add(importer.get(r));
        products.add(product.get(r));
        eta.add(importDemand[r]);
      }
    }
    if (starts.isEmpty()) {
      throw InputsErrors.noSmartMarkets();
    }
    starts.add(imports.length);
    double[] sigma = new double[importers.size()];
    double[] beta = new double[importers.size()];
    java.util.Arrays.fill(sigma, substitution);
    java.util.Arrays.fill(beta, exportSupply);
    return new Markets(new Smart.Batch(starts.stream().mapToInt(Integer::intValue).toArray(), imports, tariff,
        newTariff, eta.stream().mapToDouble(Double::doubleValue).toArray(), sigma, beta), importers, products);
  }

  public static Markets read(Path file, double importDemand, double substitution, double exportSupply) {
    CsvTable t = CsvTable.read(file, "importer", "product", "exporter", "imports", "tariff", "new_tariff");
    Map<String, List<Integer>> markets = new LinkedHashMap<>();
    for (int r = 0; r < t.size(); r++) {
      markets.computeIfAbsent(t.text(r, "importer") + "\u0000" + t.text(r, "product"), k -> new ArrayList<>()).add(r);
    }
    if (markets.isEmpty()) {
      throw InputsErrors.noMarkets(file.toString());
    }
    int rows = t.size();
    int[] start = new int[markets.size() + 1];
    double[] imports = new double[rows];
    double[] t0 = new double[rows];
    double[] t1 = new double[rows];
    List<String> importers = new ArrayList<>();
    List<String> products = new ArrayList<>();
    int k = 0;
    int m = 0;
    for (List<Integer> market : markets.values()) {
      start[m] = k;
      importers.add(t.text(market.get(0), "importer"));
      products.add(t.text(market.get(0), "product"));
      for (int r : market) {
        imports[k] = t.number(r, "imports");
        t0[k] = t.number(r, "tariff");
        t1[k] = t.number(r, "new_tariff");
        if (imports[k] < 0 || t0[k] <= -1 || t1[k] <= -1) {
          throw InputsErrors.badMarketRow(file.toString(), t.line(r));
        }
        k++;
      }
      m++;
    }
    start[m] = k;
    int n = markets.size();
    double[] eta = new double[n];
    double[] sigma = new double[n];
    double[] beta = new double[n];
    java.util.Arrays.fill(eta, importDemand);
    java.util.Arrays.fill(sigma, substitution);
    java.util.Arrays.fill(beta, exportSupply);
    return new Markets(new Smart.Batch(start, imports, t0, t1, eta, sigma, beta), importers, products);
  }
}
