package org.ftasim.inputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ftasim.model.gravity.GravityData;

/**
 * Reads a gravity table: one row per (exporter, importer) pair, domestic pairs included, with columns exporter,
 * importer, trade and any numeric covariates (the layouts of Yotov et al. 2016 and of the USITC gegravity
 * examples). A {@code year} column, if present, must be narrowed to one year. Output Y and expenditure E are
 * taken from columns Y and E if present, else derived from trade (Y_i = Σ_j X_ij, E_j = Σ_i X_ij).
 */
public final class GravityTable {
  private static final List<String> NOT_COVARIATES = List.of("exporter", "importer", "trade", "year", "Y", "E",
      "pair_id");

  private GravityTable() {}

  /** @param year the year to keep, or null when the file holds a single year */
  public static GravityData read(Path file, Integer year) {
    return read(CsvTable.read(file, "exporter", "importer", "trade"), year, List.of());
  }

  /**
   * @param notCovariates further columns that are not numeric covariates (fixed-effect keys such as a derived
   *     pair column)
   */
  public static GravityData read(CsvTable t, Integer year, List<String> notCovariates) {
    Path file = t.file();
    List<String> header = t.columns();
    boolean hasYear = header.contains("year");
    List<Integer> rows = new ArrayList<>();
    TreeSet<String> years = new TreeSet<>();
    for (int r = 0; r < t.size(); r++) {
      if (hasYear) {
        years.add(t.text(r, "year"));
      }
    }
    if (hasYear && year == null && years.size() > 1) {
      throw InputsErrors.severalYears(file.toString(), years.first(), years.last());
    }
    for (int r = 0; r < t.size(); r++) {
      if (year == null || !hasYear || (int) t.number(r, "year") == year) {
        rows.add(r);
      }
    }
    if (rows.isEmpty()) {
      throw InputsErrors.noRowsForYear(file.toString(), year, years);
    }
    TreeSet<String> names = new TreeSet<>();
    for (int r : rows) {
      names.add(t.text(r, "exporter"));
      names.add(t.text(r, "importer"));
    }
    List<String> countries = new ArrayList<>(names);
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < countries.size(); i++) {
      idx.put(countries.get(i), i);
    }
    int n = countries.size();
    List<String> covNames = new ArrayList<>();
    for (String h : header) {
      if (!NOT_COVARIATES.contains(h) && !notCovariates.contains(h)) {
        covNames.add(h);
      }
    }
    double[] trade = new double[n * n];
    boolean[] seen = new boolean[n * n];
    Map<String, double[]> cov = new LinkedHashMap<>();
    for (String c : covNames) {
      cov.put(c, new double[n * n]);
    }
    double[] y = new double[n];
    double[] e = new double[n];
    boolean totals = header.contains("Y") && header.contains("E");
    for (int r : rows) {
      int i = idx.get(t.text(r, "exporter"));
      int j = idx.get(t.text(r, "importer"));
      int k = i * n + j;
      if (seen[k]) {
        throw InputsErrors.pairTwice(file.toString(), t.line(r), countries.get(i), countries.get(j), hasYear ? " in"
            + " that year" : "");
      }
      seen[k] = true;
      double x = t.number(r, "trade");
      if (x < 0) {
        throw InputsErrors.negativeTrade(file.toString(), t.line(r), x);
      }
      trade[k] = x;
      for (String c : covNames) {
        cov.get(c)[k] = t.number(r, c);
      }
      if (totals) {
        y[i] = t.number(r, "Y");
        e[j] = t.number(r, "E");
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (!seen[i * n + j]) {
          throw InputsErrors.pairMissing(file.toString(), countries.get(i), countries.get(j));
        }
      }
    }
    return totals ? new GravityData(countries, trade, cov, y, e)
        : GravityData.withTotalsFromTrade(countries, trade, cov);
  }

  /**
   * Applies counterfactual specs to a copy of the covariates. A spec is {@code NAME=VALUE} (every pair, e.g.
   * {@code INTL_BRDR=0}), {@code NAME=OTHER} (another covariate's values,
       e.g. {@code RTA=RTA_NO_NAFTA}) or {@code NAME=VALUE@EXP:IMP,EXP:IMP} (listed exporter:importer pairs, e.g.
   * {@code pta=1@CAN:JPN,JPN:CAN}); several specs may be joined with ';'.
   */
  public static Map<String, double[]> counterfactual(GravityData data, List<String> specs) {
    Map<String, double[]> cf = new LinkedHashMap<>();
    data.covariates().forEach((k, v) -> cf.put(k, v.clone()));
    int n = data.n();
    for (String joined : specs) {
      for (String spec : joined.split(";")) {
        spec = spec.trim();
        if (spec.isEmpty()) {
          continue;
        }
        int eq = spec.indexOf('=');
        if (eq <= 0) {
          throw InputsErrors.badCounterfactual(spec);
        }
        String name = spec.substring(0, eq).trim();
        double[] col = cf.get(name);
        if (col == null) {
          throw InputsErrors.notACovariate(spec, name, String.join(", ", cf.keySet()));
        }
        String rest = spec.substring(eq + 1);
        int at = rest.indexOf('@');
        String valueText = (at < 0 ? rest : rest.substring(0, at)).trim();
        double value;
        if (at < 0 && data.covariates().containsKey(valueText)) {
          System.arraycopy(data.covariates().get(valueText), 0, col, 0, col.length);
          continue;
        }
        try {
          value = Double.parseDouble(valueText);
        } catch (NumberFormatException ex) {
          throw InputsErrors.notANumberOrCovariate(spec, valueText, String.join(", ", data.covariates().keySet()));
        }
        if (at < 0) {
          java.util.Arrays.fill(col, value);
          continue;
        }
        for (String pair : rest.substring(at + 1).split(",")) {
          String[] ei = pair.trim().split(":");
          if (ei.length != 2 || !data.countries().contains(ei[0]) || !data.countries().contains(ei[1])) {
            throw InputsErrors.notAPair(spec, pair);
          }
          col[data.countries().indexOf(ei[0]) * n + data.countries().indexOf(ei[1])] = value;
        }
      }
    }
    return cf;
  }
}
