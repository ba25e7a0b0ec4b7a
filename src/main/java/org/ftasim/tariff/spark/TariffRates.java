package org.ftasim.tariff.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ftasim.table.Tables;
import org.ftasim.tariff.AgreementBook;
import org.ftasim.tariff.HsGroups;
import org.ftasim.tariff.ImporterSchedule;
import org.ftasim.tariff.Scenario;
import org.ftasim.sector.SectorMap;
import org.ftasim.tariff.TariffEngine;
import org.ftasim.tariff.TariffFiles;

/** The tariff stage's Spark transformations: tariff file lines → schedules and rejects → effective rates → aggregates. */
public final class TariffRates {
  /**
   * Lines of tariff files: where they come from (name, line, path and content identity), the file's layout
   * ({@link TariffFiles.Layout}), and the text.
   */
  public static final StructType LINES = new StructType(new StructField[] {
      DataTypes.createStructField("source_file", DataTypes.StringType, false),
      DataTypes.createStructField("line_number", DataTypes.LongType, false),
      DataTypes.createStructField("layout", DataTypes.StringType, false),
      DataTypes.createStructField("raw_line", DataTypes.StringType, false),
      DataTypes.createStructField("source_path", DataTypes.StringType, false),
      DataTypes.createStructField("source_content", DataTypes.StringType, false)});

  private static final StructType PARSED = parsedSchema();
  private static final int PARSED_PATH = PARSED.fieldIndex("source_path");
  private static final int PARSED_CONTENT = PARSED.fieldIndex("source_content");

  private TariffRates() {}

  private static StructType parsedSchema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("source_file", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("line_number", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("raw_line", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("reason_code", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("message", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("key", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("repaired", DataTypes.BooleanType, false));
    for (StructField s : Tables.TARIFF_SCHEDULES.schema().fields()) {
      if (!List.of("source_file", "line_number", "run_id").contains(s.name())) {
        f.add(DataTypes.createStructField(s.name(), s.dataType(), true));
      }
    }
    return new StructType(f.toArray(new StructField[0]));
  }

  /**
   * Every line parsed: accepted lines carry the schedule columns, the others a reason and message. A repeated key
   * (reporter, year and line; or agreement, importer, partners and line) keeps its first line (by file name, path,
   * then line number) and rejects the rest as DUPLICATE_KEY.
   *
   * @param witsColumns per WITS file (source_path), where its columns are ({@link TariffFiles#witsColumns})
   */
  public static Dataset<Row> parse(Dataset<Row> lines, AgreementBook book, Map<String, int[]> witsColumns) {
    MapPartitionsFunction<Row, Row> parse = it -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        Row r = it.next();
        String raw = r.getString(3);
        TariffFiles.Parsed p = switch (TariffFiles.Layout.valueOf(r.getString(2))) {
          case MFN -> TariffFiles.mfn(raw);
          case PREFERENTIAL -> TariffFiles.preferential(raw, book);
          case WITS -> TariffFiles.wits(witsColumns.get(r.getString(4)), raw);
        };
        Object[] out = new Object[PARSED.size()];
        out[0] = r.getString(0);
        out[1] = r.getLong(1);
        out[2] = raw;
        out[6] = p.repaired();
        out[PARSED_PATH] = r.getString(4);
        out[PARSED_CONTENT] = r.getString(5);
        if (p.reject() != null) {
          out[3] = p.reject().name();
          out[4] = p.message();
        } else {
          out[5] = p.key();
          System.arraycopy(p.values(), 0, out, 7, p.values().length);
        }
        return RowFactory.create(out);
      }
    };
    // One window over every line, so the files are read and parsed once (a window over the accepted lines alone was
    // an exchange each for the kept lines and the repeats, each parsing every line). A line the parse rejected has no
    // key: it is a group of its own (its path and line), so a file of bad lines is not one task.
    Column group = coalesce(col("key"), concat(lit("\u0000"), col("source_path"), lit(":"), col("line_number")));
    Column rank = row_number().over(Window.partitionBy(group).orderBy("source_file", "source_path", "line_number"));
    Column repeat = col("key").isNotNull().and(col("rank").gt(1));
    return lines.mapPartitions(parse, Encoders.row(PARSED)).withColumn("rank", rank)
        .withColumn("reason_code", when(repeat, lit(TariffFiles.Reject.DUPLICATE_KEY.name()))
            .otherwise(col("reason_code")))
        .withColumn("message", when(repeat, concat(lit("the key "), col("key"),
            lit(" appears on an earlier line; the first is kept; fix: keep one line per key")))
            .otherwise(col("message")))
        .drop("rank");
  }

  public static Dataset<Row> schedules(Dataset<Row> parsed, String runId) {
    return parsed.where(col("reason_code").isNull()).withColumn("run_id", lit(runId))
        .select(columns(Tables.TARIFF_SCHEDULES.schema()));
  }

  public static Dataset<Row> rejects(Dataset<Row> parsed, String runId) {
    return parsed.where(col("reason_code").isNotNull()).withColumn("run_id", lit(runId))
        .select(columns(Tables.TARIFF_REJECTS.schema()));
  }

  private static Column[] columns(StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
  }

  /**
   * Effective HS6 rates for every scenario and year: the schedules grouped by importer, each group's schedule
   * built once and run through the engine scenario by scenario and year by year (rows are produced lazily, a
   * (scenario, year) at a time). Baseline rows toward a partner are kept only where the preference lowers the
   * rate below MFN (elsewhere the MFN row says the same); a scenario keeps every row of the pairs it touches.
   */
  public static Dataset<Row> effective(Dataset<Row> schedules, List<Scenario> scenarios, Scenario baseline,
      SectorMap sectors, int firstYear, int lastYear, String runId) {
    FlatMapGroupsFunction<String, Row, Row> run = (key, rows) -> {
      String importer = importerOf(key);
      Scenario scenario = scenarios.get(scenarioOf(key));
      ImporterSchedule schedule = schedule(importer, rows);
      TariffEngine engine = new TariffEngine(scenario, baseline, sectors);
      return new PerStep(lastYear - firstYear + 1, (step, out) -> {
        int year = firstYear + step;
        String id = scenario.id();
        boolean sparse = scenario.isBaseline();
        engine.run(schedule, year, year,
            (y, exporter, hs6, rate, mfn, source, lines) -> {
              if (!sparse || exporter.equals(TariffEngine.MFN) || rate < mfn) {
                out.add(RowFactory.create(runId, id, y, importer, exporter, hs6, rate, mfn, source, lines));
              }
            });
      });
    };
    return bySchedule(schedules, scenarios.size()).flatMapGroups(run,
        Encoders.row(Tables.TARIFF_EFFECTIVE.schema()));
  }

  /**
   * The schedules once per scenario, grouped by "importer|scenario index": each (importer, scenario) is a task of
   * its own, so a few importers with several scenarios still use every core.
   */
  private static org.apache.spark.sql.KeyValueGroupedDataset<String, Row> bySchedule(Dataset<Row> schedules,
      int scenarios) {
    Column[] indices = new Column[scenarios];
    for (int i = 0; i < scenarios; i++) {
      indices[i] = lit(i);
    }
    return schedules.where(not(col("schedule").isin(TariffFiles.AHS, TariffFiles.BND)))
        .select(SCHEDULE_COLUMNS).withColumn("scenario", explode(array(indices)))
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0) + "|" + r.getInt(8), Encoders.STRING());
  }

  private static String importerOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  private static int scenarioOf(String key) {
    return Integer.parseInt(key.substring(key.indexOf('|') + 1));
  }

  /** The tariff_schedules columns {@link #schedule} reads, in its order. */
  private static final Column[] SCHEDULE_COLUMNS = {col("importer"), col("schedule"), col("partners"), col("year"),
      col("tariff_line"), col("rate"), col("staging"), col("national_lines")};

  private static ImporterSchedule schedule(String importer, Iterator<Row> rows) {
    return schedule(importer, rows, new TreeMap<>());
  }

  /**
   * The importer's schedule from its rows, WITS's applied preferences (PRF) among them; bound rates (BND) go to
   * {@code bound} (year → HS6 → rate), and effectively applied rates (AHS) stay out of the engine: it computes them.
   */
  private static ImporterSchedule schedule(String importer, Iterator<Row> rows,
      TreeMap<Integer, Map<String, Double>> bound) {
    ImporterSchedule.Builder b = ImporterSchedule.builder(importer);
    while (rows.hasNext()) {
      Row r = rows.next();
      if (r.getString(1).equals(TariffFiles.BND)) {
        bound.computeIfAbsent(r.getInt(3), y -> new HashMap<>()).put(r.getString(4), r.getDouble(5));
      } else if (r.getString(1).equals(TariffFiles.PRF)) {
        b.observedPreference(r.getString(2), r.getInt(3), r.getString(4), r.getDouble(5));
      } else if (r.getString(1).equals(TariffFiles.AHS)) {
        continue;
      } else if (r.getString(1).equals(TariffEngine.MFN)) {
        b.mfn(r.getInt(3), r.getString(4), r.getDouble(5), r.isNullAt(7) ? 1 : (int) r.getLong(7));
      } else {
        b.preferential(r.getString(1), r.getString(2), r.getString(4), r.getDouble(5), r.getString(6));
      }
    }
    return b.build();
  }

  /** Fills a buffer with the rows of one step (a year, or a scenario and year). */
  private interface StepRows extends java.io.Serializable {
    void rows(int step, List<Row> out);
  }

  /** Rows computed a step at a time, so memory holds one year's rows of one importer. */
  private static final class PerStep implements Iterator<Row> {
    private final int steps;
    private final StepRows body;
    private final List<Row> buffer = new ArrayList<>();
    private int pos;
    private int step;

    PerStep(int steps, StepRows body) {
      this.steps = steps;
      this.body = body;
    }

    @Override
    public boolean hasNext() {
      while (pos == buffer.size() && step < steps) {
        buffer.clear();
        pos = 0;
        body.rows(step++, buffer);
      }
      return pos < buffer.size();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return buffer.get(pos++);
    }
  }

  /**
   * The weight year's flows as {@code importer, exporter, hs6, value_usd}; the aggregation sums them per
   * (importer, exporter, hs6), and per (importer, hs6) over all partners for the MFN rows.
   */
  public static Dataset<Row> weights(Dataset<Row> tradeFlows, int year) {
    return tradeFlows.where(col("year").equalTo(year)).select("importer", "exporter", "hs6", "value_usd");
  }

  /**
   * The tariff files' own imports as weights, for a year trade_flows lacks: the MFN rows' imports from World
   * (WITS's Imports Value in 1000 USD), as {@code importer, exporter, hs6, value_usd} rows like {@link #weights}.
   */
  public static Dataset<Row> fileWeights(Dataset<Row> schedules, int year) {
    return schedules.where(col("schedule").equalTo(TariffEngine.MFN).and(col("year").equalTo(year))
            .and(col("imports_usd").isNotNull()))
        .select(col("importer"), lit("WLD").alias("exporter"), col("tariff_line").substr(1, 6).alias("hs6"),
            col("imports_usd").alias("value_usd"));
  }

  /** Mergeable state of one aggregate: counts and sums over HS6 rates. */
  private static final class State {
    long n;
    double sum;
    double weighted;
    double weight;
    long free;
    long peak;
    double max = Double.NEGATIVE_INFINITY;
    double margin;
    long bound;
    double boundSum;
    double overhang;

    void add(double rate, double mfn, double w, double peakAbove, Double boundRate) {
      if (boundRate != null) {
        bound++;
        boundSum += boundRate;
        overhang += boundRate - rate;
      }
      n++;
      sum += rate;
      weighted += rate * w;
      weight += w;
      free += rate < 1e-9 ? 1 : 0;
      peak += rate > peakAbove ? 1 : 0;
      max = Math.max(max, rate);
      margin += mfn - rate;
    }
  }

  /**
   * WITS/WTO aggregates in one pass: the schedules and the weight year's imports are grouped by importer together
   * (one task per importer runs every scenario); each HS6 rate the engine gives updates the mergeable state of every level it belongs to (total, WTO group,
   * HS section, HS2, HS4, sector), and the averages and shares follow from the states:
   * <pre>
   *   simple_avg = Σ t_k / n        weighted_avg = Σ w_k t_k / Σ w_k        margin = Σ (t_k^MFN − t_k) / n
   * </pre>
   * with w_k the importer's imports of k from the exporter (from all partners for the MFN rows).
   *
   * @param weights rows {@code importer, exporter, hs6, value_usd} ({@link #weights})
   */
  public static Dataset<Row> aggregates(Dataset<Row> schedules, Dataset<Row> weights, List<Scenario> scenarios,
      Scenario baseline, SectorMap sectors, int firstYear, int lastYear, List<String> levels, double peak,
      int weightYear, String runId) {
    org.apache.spark.api.java.function.CoGroupFunction<String, Row, Row, Row> run = (importer, rows, trade) -> {
      TreeMap<Integer, Map<String, Double>> bound = new TreeMap<>();
      ImporterSchedule schedule = schedule(importer, rows, bound);
      // imports by exporter, then HS6; the MFN rows weigh by the imports from everyone
      Map<String, Map<String, Double>> w = new HashMap<>();
      while (trade.hasNext()) {
        Row t = trade.next();
        w.computeIfAbsent(t.getString(1), e -> new HashMap<>()).merge(t.getString(2), t.getDouble(3), Double::sum);
        w.computeIfAbsent(TariffEngine.MFN, e -> new HashMap<>()).merge(t.getString(2), t.getDouble(3), Double::sum);
      }
      Slots slots = new Slots(levels, sectors);
      List<TariffEngine> engines = scenarios.stream().map(s -> new TariffEngine(s, baseline, sectors)).toList();
      int years = lastYear - firstYear + 1;
      return new PerStep(scenarios.size() * years, (step, out) -> {
        Scenario scenario = scenarios.get(step / years);
        int year = firstYear + step % years;
        Map.Entry<Integer, Map<String, Double>> boundYear = bound.isEmpty() ? null
            : bound.floorEntry(year) != null ? bound.floorEntry(year) : bound.firstEntry();
        Map<String, Double> boundNow = boundYear == null ? Map.of() : boundYear.getValue();
        Map<String, States> byExporter = new HashMap<>();
        // the engine gives an exporter's rates together, so the lookups are per exporter, not per rate
        States[] current = new States[1];
        engines.get(step / years).run(schedule, year, year,
            (y, exporter, hs6, rate, mfn, source, lines) -> {
              States states = current[0];
              if (states == null || !states.exporter.equals(exporter)) {
                states = byExporter.computeIfAbsent(exporter, e -> new States(e, w.getOrDefault(e, Map.of())));
                current[0] = states;
              }
              double weight = states.weights.getOrDefault(hs6, 0.0);
              Double boundRate = exporter.equals(TariffEngine.MFN) ? boundNow.get(hs6) : null;
              for (int slot : slots.of(hs6)) {
                states.at(slot).add(rate, mfn, weight, peak, boundRate);
              }
            });
        int[] order = slots.inKeyOrder();
        byExporter.keySet().stream().sorted().forEach(exporter -> {
          States states = byExporter.get(exporter);
          for (int slot : order) {
            State st = states.get(slot);
            if (st == null) {
              continue;
            }
            double n = st.n;
            out.add(RowFactory.create(runId, scenario.id(), year, importer, exporter, slots.level(slot),
                slots.code(slot), st.n, st.sum / n, st.weight > 0 ? st.weighted / st.weight : null,
                st.free / n, st.peak / n, st.max, exporter.equals(TariffEngine.MFN) ? null : st.margin / n,
                st.sum, st.weighted, st.weight, st.free, st.peak, weightYear,
                st.bound > 0 ? st.boundSum / st.bound : null, st.bound > 0 ? st.overhang / st.bound : null,
                st.bound, st.boundSum, st.overhang));
          }
        });
      });
    };
    MapFunction<Row, String> byImporter = r -> r.getString(0);
    return schedules.select(SCHEDULE_COLUMNS)
        .groupByKey(byImporter, Encoders.STRING())
        .cogroup(weights.groupByKey(byImporter, Encoders.STRING()), run,
            Encoders.row(Tables.TARIFF_AGGREGATES.schema()));
  }

  /**
   * The (level, code) cells of one importer's aggregation, numbered as HS6 codes first reach them, and the cells
   * each HS6 code is aggregated under.
   */
  private static final class Slots {
    private final List<String> levels;
    private final SectorMap sectors;
    private final Map<String, int[]> ofCode = new HashMap<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private int[] order = new int[0];

    Slots(List<String> levels, SectorMap sectors) {
      this.levels = levels;
      this.sectors = sectors;
    }

    int[] of(String hs6) {
      return ofCode.computeIfAbsent(hs6, k -> {
        String[] cells = levelCodes(k, levels, sectors);
        int[] out = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
          out[i] = index.computeIfAbsent(cells[i], c -> {
            keys.add(c);
            return keys.size() - 1;
          });
        }
        return out;
      });
    }

    /** The cells in "level|code" order, the order the rows are written in. */
    int[] inKeyOrder() {
      if (order.length != keys.size()) {
        order = java.util.stream.IntStream.range(0, keys.size()).boxed()
            .sorted(java.util.Comparator.comparing(keys::get)).mapToInt(Integer::intValue).toArray();
      }
      return order;
    }

    String level(int slot) {
      String key = keys.get(slot);
      return key.substring(0, key.indexOf('|'));
    }

    String code(int slot) {
      String key = keys.get(slot);
      return key.substring(key.indexOf('|') + 1);
    }
  }

  /** One exporter's states by cell ({@link Slots}), and its imports by HS6. */
  private static final class States {
    final String exporter;
    final Map<String, Double> weights;
    private State[] states = new State[64];

    States(String exporter, Map<String, Double> weights) {
      this.exporter = exporter;
      this.weights = weights;
    }

    State at(int slot) {
      if (slot >= states.length) {
        states = java.util.Arrays.copyOf(states, Math.max(2 * states.length, slot + 1));
      }
      State s = states[slot];
      if (s == null) {
        s = new State();
        states[slot] = s;
      }
      return s;
    }

    State get(int slot) {
      return slot < states.length ? states[slot] : null;
    }
  }

  /** The "level|code" keys an HS6 product is aggregated under. */
  static String[] levelCodes(String hs6, List<String> levels, SectorMap sectors) {
    String[] out = new String[levels.size()];
    for (int i = 0; i < out.length; i++) {
      String level = levels.get(i);
      String code = switch (level) {
        case "total" -> "ALL";
        case "wto_group" -> HsGroups.wtoGroup(hs6);
        case "hs_section" -> HsGroups.section(Integer.parseInt(hs6.substring(0, 2)));
        case "hs2" -> hs6.substring(0, 2);
        case "hs4" -> hs6.substring(0, 4);
        case "sector" -> sectors.sectorOf(hs6);
        default -> throw new IllegalArgumentException("unknown aggregation level " + level);
      };
      out[i] = level + "|" + code;
    }
    return out;
  }
}
