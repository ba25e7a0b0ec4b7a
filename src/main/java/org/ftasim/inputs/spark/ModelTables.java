package org.ftasim.inputs.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ftasim.inputs.InputsErrors;
import org.ftasim.model.cp.CpData;
import org.ftasim.model.cp.CpTariffPath;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;

/**
 * The model's data to and from model_inputs and model_tariffs: what model-inputs writes is exactly what a sweep
 * (and anyone tracing a result back) reads, in the same region and sector order.
 */
public final class ModelTables {
  /** Stored model inputs: the reference-year data (data tariffs = the baseline's of that year) and the path. */
  public record Loaded(CpData data, CpTariffPath path, int referenceYear, double unitUsd) {}

  private ModelTables() {}

  /**
   * model_inputs rows for the data (its tariff arrays are not stored here: they are model_tariffs' rows).
   *
   * @param tradeSource for each bilateral cell of {@link CpData#pair}, where its value comes from
   * @param io the io folder (CP layout: each item names its file) or file (ICIO)
   * @param ioTrade the io data's own bilateral trade where trade came from trade_flows, stored as item io_trade
   *     so that the gap per pair and sector can be read; null: not stored
   */
  public static List<Row> rows(CpData d, String inputsId, String runId, int referenceYear, double unitUsd,
      String[] tradeSource, String io, boolean folder, double[] ioTrade) {
    java.util.function.Function<String, String> file = f -> folder ? io + "/" + f : io;
    List<Row> out = new ArrayList<>();
    out.add(row(inputsId, runId, "reference_year", "ALL", "ALL", "ALL", 0, referenceYear, "inputs.year"));
    out.add(row(inputsId, runId, "unit_usd", "ALL", "ALL", "ALL", 0, unitUsd, "inputs.unit_usd"));
    for (int r = 0; r < d.n(); r++) {
      out.add(row(inputsId, runId, "region", d.regions().get(r), "ALL", "ALL", r, d.deficit()[r],
          file.apply("deficit.csv")));
    }
    for (int s = 0; s < d.j(); s++) {
      out.add(row(inputsId, runId, "sector", "ALL", d.sectors().get(s), "ALL", s, d.theta()[s], "inputs.sectors"));
    }
    for (int s = 0; s < d.j(); s++) {
      for (int m = 0; m < d.n(); m++) {
        for (int i = 0; i < d.n(); i++) {
          int p = d.pair(s, m, i);
          out.add(row(inputsId, runId, "trade", d.regions().get(m), d.sectors().get(s), d.regions().get(i), 0,
              d.trade()[p], tradeSource[p]));
          if (ioTrade != null && m != i && "trade_flows".equals(tradeSource[p])) {
            out.add(row(inputsId, runId, "io_trade", d.regions().get(m), d.sectors().get(s), d.regions().get(i), 0,
                ioTrade[p], file.apply("trade.csv")));
          }
        }
      }
    }
    for (int r = 0; r < d.n(); r++) {
      for (int k = 0; k < d.j(); k++) {
        for (int s = 0; s < d.j(); s++) {
          out.add(row(inputsId, runId, "intermediate", d.regions().get(r), d.sectors().get(s), d.sectors().get(k), 0,
              d.intermediate()[d.io(r, k, s)], file.apply("intermediate_consumption.csv")));
        }
      }
      for (int s = 0; s < d.j(); s++) {
        out.add(row(inputsId, runId, "value_added", d.regions().get(r), d.sectors().get(s), "ALL", 0,
            d.valueAdded()[d.rs(r, s)], file.apply("value_added.csv")));
        out.add(row(inputsId, runId, "final_demand", d.regions().get(r), d.sectors().get(s), "ALL", 0,
            d.finalDemand()[d.rs(r, s)], file.apply("final_consumption.csv")));
      }
    }
    return out;
  }

  private static Row row(String id, String runId, String item, String region, String sector, String other,
      int ordinal, double value, String source) {
    return RowFactory.create(id, runId, item, region, sector, other, ordinal, value, source);
  }

  /**
   * Reads inputs back.
   *
   * @param scenarios scenarios to take (empty: all stored)
   * @param firstYear first year of the path (0: the earliest entry into force of the scenarios)
   * @param lastYear last year (0: the last stored year)
   */
  /**
   * model_inputs and model_tariffs of one inputs id are one model-inputs run's: the model's data and its tariffs
   * must describe the same world. Anything else (a table restored by hand, a write from another ftasim) is refused.
   */
  static void lineage(String inputsId, java.util.SortedSet<String> inputRuns, java.util.SortedSet<String> tariffRuns) {
    if (inputRuns.size() != 1 || !inputRuns.equals(tariffRuns) && !tariffRuns.isEmpty()) {
      throw InputsErrors.notOneRun(inputsId, inputRuns, tariffRuns);
    }
  }

  public static Loaded load(SparkSession spark, Warehouse warehouse, String inputsId, List<String> scenarios,
      int firstYear, int lastYear) {
    List<Row> rows = inputRows(spark, warehouse, inputsId);
    Accounts a = accounts(rows);
    Tariffs t = tariffs(spark, warehouse, inputsId, a, scenarios,
        rows.stream().map(r -> r.getString(1)).collect(Collectors.toCollection(TreeSet::new)));
    int size = a.regions().size() * a.regions().size() * a.sectors().size();
    double[] tau0 = t.baseline()[0].clone();
    CpData data = new CpData(a.regions(), a.sectors(), a.trade(), tau0, tau0, tau0, ones(size), ones(size), a.io(),
        a.valueAdded(), a.finalDemand(), a.deficit(), a.theta());
    return new Loaded(data, path(t, firstYear, lastYear), a.referenceYear(), a.unitUsd());
  }

  /** The model_inputs rows of one inputs id; no table or no such id is the user's error, naming the ids there are. */
  private static List<Row> inputRows(SparkSession spark, Warehouse warehouse, String inputsId) {
    if (!TableReader.exists(spark, warehouse, Tables.MODEL_INPUTS)) {
      throw InputsErrors.noModelInputs(warehouse.root());
    }
    Dataset<Row> table = TableReader.read(spark, warehouse, Tables.MODEL_INPUTS);
    List<Row> rows = table.where(col("inputs_id").equalTo(inputsId)).collectAsList();
    if (rows.isEmpty()) {
      List<String> ids = table.select("inputs_id").distinct().collectAsList().stream().map(r -> r.getString(0))
          .sorted().toList();
      throw InputsErrors.noInputsId(inputsId, ids);
    }
    return rows;
  }

  /** The reference year's accounts as model_inputs stores them, item by item, in the model's array layout. */
  private record Accounts(int referenceYear, double unitUsd, List<String> regions, List<String> sectors,
      double[] deficit, double[] theta, double[] trade, double[] io, double[] valueAdded, double[] finalDemand,
      CpData shape) {}

  private static Accounts accounts(List<Row> rows) {
    Map<String, List<Row>> byItem = new HashMap<>();
    for (Row r : rows) {
      byItem.computeIfAbsent(r.getString(2), k -> new ArrayList<>()).add(r);
    }
    int referenceYear = (int) byItem.get("reference_year").get(0).getDouble(7);
    double unitUsd = byItem.get("unit_usd").get(0).getDouble(7);
    List<Row> regionRows = new ArrayList<>(byItem.get("region"));
    regionRows.sort((a, b) -> Integer.compare(a.getInt(6), b.getInt(6)));
    List<Row> sectorRows = new ArrayList<>(byItem.get("sector"));
    sectorRows.sort((a, b) -> Integer.compare(a.getInt(6), b.getInt(6)));
    List<String> regions = regionRows.stream().map(r -> r.getString(3)).toList();
    List<String> sectors = sectorRows.stream().map(r -> r.getString(4)).toList();
    int n = regions.size();
    int j = sectors.size();
    Map<String, Integer> ri = index(regions);
    Map<String, Integer> si = index(sectors);
    double[] deficit = regionRows.stream().mapToDouble(r -> r.getDouble(7)).toArray();
    double[] theta = sectorRows.stream().mapToDouble(r -> r.getDouble(7)).toArray();
    double[] trade = new double[n * n * j];
    double[] io = new double[n * j * j];
    double[] va = new double[n * j];
    double[] fd = new double[n * j];
    CpData shape = new CpData(regions, sectors, trade, trade, trade, trade, trade, trade, io, va, fd, deficit, theta);
    for (Row r : byItem.get("trade")) {
      trade[shape.pair(si.get(r.getString(4)), ri.get(r.getString(3)), ri.get(r.getString(5)))] = r.getDouble(7);
    }
    for (Row r : byItem.get("intermediate")) {
      io[shape.io(ri.get(r.getString(3)), si.get(r.getString(5)), si.get(r.getString(4)))] = r.getDouble(7);
    }
    for (Row r : byItem.get("value_added")) {
      va[shape.rs(ri.get(r.getString(3)), si.get(r.getString(4)))] = r.getDouble(7);
    }
    for (Row r : byItem.get("final_demand")) {
      fd[shape.rs(ri.get(r.getString(3)), si.get(r.getString(4)))] = r.getDouble(7);
    }
    return new Accounts(referenceYear, unitUsd, regions, sectors, deficit, theta, trade, io, va, fd, shape);
  }

  /**
   * The stored tariff paths from the reference year on: the scenarios wanted (all stored if none named), the
   * years, and per year the baseline's tariffs and each scenario's tariffs and iceberg costs.
   */
  private record Tariffs(List<String> scenarios, int[] years, double[][] baseline, double[][][] scenario,
      double[][][] iceberg) {}

  private static Tariffs tariffs(SparkSession spark, Warehouse warehouse, String inputsId, Accounts a,
      List<String> scenarios, SortedSet<String> inputRuns) {
    var tariffs = TableReader.read(spark, warehouse, Tables.MODEL_TARIFFS).where(col("inputs_id").equalTo(inputsId)
        .and(col("year").geq(lit(a.referenceYear()))));
    List<Row> scenarioRuns = tariffs.select("scenario_id", "run_id").distinct().collectAsList();
    TreeSet<String> stored = new TreeSet<>(scenarioRuns.stream().map(r -> r.getString(0)).toList());
    stored.remove(ModelInputs.BASELINE);
    lineage(inputsId, inputRuns, scenarioRuns.stream().map(r -> r.getString(1))
        .collect(Collectors.toCollection(TreeSet::new)));
    List<String> wanted = scenarios.isEmpty() ? List.copyOf(stored) : scenarios;
    for (String s : wanted) {
      if (!stored.contains(s)) {
        throw InputsErrors.noScenarioTariffs(s, inputsId, stored);
      }
    }
    if (wanted.isEmpty()) {
      throw InputsErrors.noScenarioBesidesBaseline(inputsId);
    }
    int[] years = tariffs.where(col("scenario_id").equalTo(ModelInputs.BASELINE)).select("year").distinct()
        .collectAsList().stream().mapToInt(r -> r.getInt(0)).sorted().toArray();
    if (years.length == 0 || years[0] != a.referenceYear()) {
      throw InputsErrors.noBaselineForReferenceYear(a.referenceYear(), inputsId);
    }
    Map<Integer, Integer> yi = new HashMap<>();
    for (int y = 0; y < years.length; y++) {
      yi.put(years[y], y);
    }
    Map<String, Integer> ki = index(wanted);
    Map<String, Integer> ri = index(a.regions());
    Map<String, Integer> si = index(a.sectors());
    int size = a.trade().length;
    double[][] baseline = new double[years.length][size];
    double[][][] scenario = new double[wanted.size()][years.length][size];
    double[][][] iceberg = new double[wanted.size()][years.length][size];
    Iterator<Row> it = tariffs.select("scenario_id", "year", "importer", "exporter", "sector", "tariff", "iceberg")
        .toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      String k = r.getString(0);
      Integer kk = ki.get(k);
      if (kk == null && !k.equals(ModelInputs.BASELINE)) {
        continue;
      }
      int p = a.shape().pair(si.get(r.getString(4)), ri.get(r.getString(2)), ri.get(r.getString(3)));
      double[] target = kk == null ? baseline[yi.get(r.getInt(1))] : scenario[kk][yi.get(r.getInt(1))];
      target[p] = r.getDouble(5);
      if (kk != null) {
        iceberg[kk][yi.get(r.getInt(1))][p] = r.getDouble(6);
      }
    }
    return new Tariffs(wanted, years, baseline, scenario, iceberg);
  }

  /**
   * The years to solve: from the first year any scenario differs from the baseline (or {@code firstYear}) to the
   * last stored year (or {@code lastYear}).
   */
  private static CpTariffPath path(Tariffs t, int firstYear, int lastYear) {
    int[] years = t.years();
    int scenarios = t.scenarios().size();
    int[] first = new int[scenarios];
    int from = years.length;
    for (int k = 0; k < scenarios; k++) {
      first[k] = CpTariffPath.firstDifference(t.baseline(), t.scenario()[k], t.iceberg()[k]);
      from = Math.min(from, first[k]);
    }
    int lo = firstYear > 0 ? indexAtLeast(years, firstYear) : from;
    int hi = lastYear > 0 ? indexAtMost(years, lastYear) : years.length - 1;
    if (lo > hi) {
      throw InputsErrors.noYearToSolve(from < years.length ? String.valueOf(years[from]) : "no stored year",
          years[0], years[years.length - 1], firstYear, lastYear);
    }
    int[] pathYears = Arrays.copyOfRange(years, lo, hi + 1);
    double[][] pathBaseline = Arrays.copyOfRange(t.baseline(), lo, hi + 1);
    double[][][] pathScenario = new double[scenarios][][];
    double[][][] pathIceberg = new double[scenarios][][];
    int[] pathFirst = new int[scenarios];
    for (int k = 0; k < scenarios; k++) {
      pathScenario[k] = Arrays.copyOfRange(t.scenario()[k], lo, hi + 1);
      pathIceberg[k] = Arrays.copyOfRange(t.iceberg()[k], lo, hi + 1);
      pathFirst[k] = Math.min(pathYears.length, Math.max(0, first[k] - lo));
    }
    return new CpTariffPath(t.scenarios(), pathYears, pathBaseline, pathScenario, pathFirst, pathIceberg);
  }

  private static int indexAtLeast(int[] years, int year) {
    for (int y = 0; y < years.length; y++) {
      if (years[y] >= year) {
        return y;
      }
    }
    return years.length;
  }

  private static int indexAtMost(int[] years, int year) {
    for (int y = years.length - 1; y >= 0; y--) {
      if (years[y] <= year) {
        return y;
      }
    }
    return -1;
  }

  private static double[] ones(int size) {
    double[] a = new double[size];
    Arrays.fill(a, 1.0);
    return a;
  }

  private static Map<String, Integer> index(List<String> names) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), i);
    }
    return m;
  }
}
