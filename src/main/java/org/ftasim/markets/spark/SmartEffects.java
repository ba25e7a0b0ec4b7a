package org.ftasim.markets.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ftasim.sector.SectorMap;
import org.ftasim.model.smart.Smart;
import org.ftasim.table.Tables;

/**
 * SMART (Smart's equations) for every import market at once: the reference year's imports per (importer, exporter,
 * HS6) with the baseline's and the scenario's tariff in the evaluated year, each importer × HS6 market solved on its
 * own, in partitions that hold whole markets (so one market never spans two tasks and the result does not depend on
 * the partitioning).
 */
public final class SmartEffects {
  /** The lines SMART takes: the market, the source, its imports and both rates (percent). */
  public static final StructType LINES = new StructType(new StructField[] {
      DataTypes.createStructField("importer", DataTypes.StringType, false),
      DataTypes.createStructField("exporter", DataTypes.StringType, false),
      DataTypes.createStructField("hs6", DataTypes.StringType, false),
      DataTypes.createStructField("imports_usd", DataTypes.DoubleType, false),
      DataTypes.createStructField("tariff_before", DataTypes.DoubleType, true),
      DataTypes.createStructField("tariff_after", DataTypes.DoubleType, true)});

  /** At most this many lines go into one {@link Smart.Batch} (whole markets only). */
  static final int BATCH_ROWS = 8192;

  private SmartEffects() {}

  /**
   * The reference year's imports with their rates in {@code year}: before, the baseline's pair rate else the MFN
   * rate; after, the scenario's pair rate, else the baseline's, else MFN (tariff_effective's rule). Lines whose
   * importer and product have no MFN rate that year keep null rates (the job counts and reports them).
   */
  public static Dataset<Row> lines(Dataset<Row> tradeFlows, int tradeYear, Dataset<Row> effective, String scenario,
      int year) {
    Dataset<Row> flows = tradeFlows.where(col("year").equalTo(tradeYear).and(col("value_usd").gt(0)))
        .groupBy("importer", "exporter", "hs6").agg(sum("value_usd").alias("imports_usd"));
    Dataset<Row> rates = effective.where(col("year").equalTo(year));
    Dataset<Row> mfn = rates.where(col("scenario_id").equalTo("baseline").and(col("exporter").equalTo("MFN")))
        .select(col("importer"), col("hs6"), col("rate").alias("mfn"));
    Dataset<Row> base = rates.where(col("scenario_id").equalTo("baseline").and(col("exporter").notEqual("MFN")))
        .select(col("importer"), col("exporter"), col("hs6"), col("rate").alias("base"));
    Dataset<Row> scen = rates.where(col("scenario_id").equalTo(scenario))
        .select(col("importer"), col("exporter"), col("hs6"), col("rate").alias("scen"));
    scala.collection.immutable.Seq<String> pair = seq("importer", "exporter", "hs6");
    return flows.join(mfn, seq("importer", "hs6"), "left").join(base, pair, "left").join(scen, pair, "left")
        .select(col("importer"), col("exporter"), col("hs6"), col("imports_usd"),
            coalesce(col("base"), col("mfn")).alias("tariff_before"),
            coalesce(col("scen"), col("base"), col("mfn")).alias("tariff_after"));
  }

  /**
   * Effects per line into smart_effects rows. {@code importDemand} has rows (importer, hs6, elasticity) as in the
   * Kee, Nicita and Olarreaga (2008) estimates (magnitudes); a market without one takes {@code defaultDemand}.
   */
  public static Dataset<Row> effects(Dataset<Row> rated, Dataset<Row> importDemand, double defaultDemand,
      double substitution, double exportSupply, String runId, String scenario, int year, int tradeYear) {
    Dataset<Row> in = rated.join(importDemand.select(col("importer"), col("hs6"), col("elasticity")),
            seq("importer", "hs6"), "left")
        .withColumn("eta", coalesce(col("elasticity"), lit(defaultDemand)))
        .select("importer", "exporter", "hs6", "imports_usd", "tariff_before", "tariff_after", "eta")
        .repartition(col("importer"), col("hs6")).sortWithinPartitions("importer", "hs6", "exporter");
    MapPartitionsFunction<Row, Row> solve = rows -> new Markets(rows, substitution, exportSupply, runId, scenario,
        year, tradeYear);
    return in.mapPartitions(solve, Encoders.row(Tables.SMART_EFFECTS.schema()));
  }

  /** Solves the markets of one partition a batch at a time (whole markets, at most BATCH_ROWS lines). */
  private static final class Markets implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final double sigma;
    private final double beta;
    private final String runId;
    private final String scenario;
    private final int year;
    private final int tradeYear;
    private final List<Row> pending = new ArrayList<>();
    private final List<Row> out = new ArrayList<>();
    private int next;
    private Row carry;

    Markets(Iterator<Row> rows, double sigma, double beta, String runId, String scenario, int year, int tradeYear) {
      this.rows = rows;
      this.sigma = sigma;
      this.beta = beta;
      this.runId = runId;
      this.scenario = scenario;
      this.year = year;
      this.tradeYear = tradeYear;
    }

    @Override
    public boolean hasNext() {
      while (next == out.size() && (carry != null || rows.hasNext())) {
        fill();
      }
      return next < out.size();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return out.get(next++);
    }

    /** Takes whole markets until the batch is full, then solves them. */
    private void fill() {
      out.clear();
      next = 0;
      pending.clear();
      if (carry != null) {
        pending.add(carry);
        carry = null;
      }
      while (rows.hasNext()) {
        Row r = rows.next();
        boolean sameMarket = !pending.isEmpty() && market(pending.get(pending.size() - 1)).equals(market(r));
        if (!sameMarket && pending.size() >= BATCH_ROWS) {
          carry = r;
          break;
        }
        pending.add(r);
      }
      solve();
    }

    private static String market(Row r) {
      return r.getString(0) + "|" + r.getString(2);
    }

    private void solve() {
      int n = pending.size();
      List<Integer> starts = new ArrayList<>();
      List<Double> eta = new ArrayList<>();
      double[] m = new double[n];
      double[] t0 = new double[n];
      double[] t1 = new double[n];
      for (int i = 0; i < n; i++) {
        Row r = pending.get(i);
        if (i == 0 || !market(pending.get(i - 1)).equals(market(r))) {
          starts.add(i);
          eta.add(Math.abs(r.getDouble(6)));
        }
        m[i] = r.getDouble(3);
        t0[i] = r.getDouble(4) / 100;
        t1[i] = r.getDouble(5) / 100;
      }
      starts.add(n);
      int markets = eta.size();
      double[] sub = new double[markets];
      double[] sup = new double[markets];
      java.util.Arrays.fill(sub, sigma);
      java.util.Arrays.fill(sup, beta);
      Smart.Result res = Smart.simulate(new Smart.Batch(starts.stream().mapToInt(Integer::intValue).toArray(), m,
          t0, t1, eta.stream().mapToDouble(Double::doubleValue).toArray(), sub, sup));
      for (int i = 0; i < n; i++) {
        Row r = pending.get(i);
        double total = res.totalEffect(i);
        out.add(RowFactory.create(runId, scenario, year, tradeYear, r.getString(0), r.getString(1), r.getString(2),
            m[i], r.getDouble(4), r.getDouble(5), Math.abs(r.getDouble(6)), res.tradeCreation()[i],
            res.tradeDiversion()[i], res.priceEffect()[i], total, 100 * res.priceChange()[i], t0[i] * m[i],
            t1[i] * res.newImports()[i], 0.5 * (t0[i] - t1[i]) * res.tradeCreation()[i]));
      }
    }
  }

  /**
   * smart_effects added up per importer × exporter × level code: the total, the model sector, the HS section (by
   * chapter, {@code sections}) and the HS2 chapter. The effects' rows are read by position in smart_effects' schema.
   */
  public static Dataset<Row> summary(Dataset<Row> effects, SectorMap sectors, Map<Integer, String> sections) {
    StructType keyed = new StructType(new StructField[] {
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
        DataTypes.createStructField("scenario_id", DataTypes.StringType, false),
        DataTypes.createStructField("year", DataTypes.IntegerType, false),
        DataTypes.createStructField("importer", DataTypes.StringType, false),
        DataTypes.createStructField("exporter", DataTypes.StringType, false),
        DataTypes.createStructField("level", DataTypes.StringType, false),
        DataTypes.createStructField("code", DataTypes.StringType, false),
        DataTypes.createStructField("hs6", DataTypes.StringType, false)});
    String[] measures = {"imports_usd", "trade_creation_usd", "trade_diversion_usd", "price_effect_usd",
        "total_effect_usd", "revenue_before_usd", "revenue_after_usd", "consumer_surplus_usd"};
    StructField[] fields = new StructField[keyed.size() + measures.length];
    System.arraycopy(keyed.fields(), 0, fields, 0, keyed.size());
    for (int i = 0; i < measures.length; i++) {
      fields[keyed.size() + i] = DataTypes.createStructField(measures[i], DataTypes.DoubleType, false);
    }
    StructType schema = Tables.SMART_EFFECTS.schema();
    int[] key = {schema.fieldIndex("run_id"), schema.fieldIndex("scenario_id"), schema.fieldIndex("year"),
        schema.fieldIndex("importer"), schema.fieldIndex("exporter")};
    int hs6At = schema.fieldIndex("hs6");
    int[] measureAt = java.util.Arrays.stream(measures).mapToInt(schema::fieldIndex).toArray();
    FlatMapFunction<Row, Row> levels = r -> {
      String hs6 = r.getString(hs6At);
      String[][] codes = {{"total", "ALL"}, {"sector", sectors.sectorOf(hs6)},
          {"hs_section", sections.get(Integer.parseInt(hs6.substring(0, 2)))}, {"hs2", hs6.substring(0, 2)}};
      List<Row> out = new ArrayList<>();
      for (String[] c : codes) {
        Object[] v = new Object[fields.length];
        for (int i = 0; i < key.length; i++) {
          v[i] = r.get(key[i]);
        }
        v[5] = c[0];
        v[6] = c[1] == null ? "unmapped" : c[1];
        v[7] = hs6;
        for (int i = 0; i < measures.length; i++) {
          v[8 + i] = r.get(measureAt[i]);
        }
        out.add(RowFactory.create(v));
      }
      return out.iterator();
    };
    // sums of whole cents as longs are exact, so the same whatever the partitioning (a double sum over a shuffle is
    // not); each line is rounded to the cent first, and 2^63 cents is far above any trade value
    List<Column> sums = new ArrayList<>();
    sums.add(org.apache.spark.sql.functions.count(lit(1)).alias("n_lines"));
    for (String m : measures) {
      sums.add(sum(org.apache.spark.sql.functions.round(col(m).multiply(100)).cast("long")).divide(100.0).alias(m));
    }
    return effects.flatMap(levels, Encoders.row(new StructType(fields)))
        .groupBy("run_id", "scenario_id", "year", "importer", "exporter", "level", "code")
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]))
        .select(java.util.Arrays.stream(Tables.SMART_SUMMARY.schema().fieldNames()).map(c -> col(c))
            .toArray(Column[]::new));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }
}
