package org.ftasim.inputs.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.sketch.BloomFilter;
import org.ftasim.sector.SectorMap;

/**
 * From HS6 trade and tariff rows to the model's regions and sectors. All functions are Dataset → Dataset without
 * I/O.
 *
 * <p>Sector tariffs (rates in percent in, fractions out). For importer region m, exporter region i, sector s,
 * scenario k and year t, with c ∈ m and e ∈ i the countries, h the HS6 codes of s, and r_k,t(c, e, h) the rate of
 * tariff_effective's lookup rule (the scenario's row, else the baseline's, else the MFN row):
 * <pre>
 *   bilateral weights  τ = Σ_{c,e,h} v(c,e,h) r(c,e,h) / Σ_{c,e,h} v(c,e,h)
 *   importer weights   τ = Σ_{c,e} X(c,e,s) τ(c,e,s) / Σ X(c,e,s),  τ(c,e,s) = Σ_h V(c,h) r(c,e,h) / Σ_h V(c,h)
 * </pre>
 * with v the reference-year imports of c from e, V = Σ_e v the importer's imports from everyone and X = Σ_h v.
 * Bilateral weights are WITS's trade-weighted average; they understate a tariff that chokes the pair's trade,
 * which importer weights do not. Each importing country's flows and rate rows meet in one task, where the lookup
 * rule runs over hash maps: no exporter × product grid is materialised and the years are not joined. HS6 flows
 * whose importer has no MFN line for the code do not enter the average (they are counted by {@link #unrated}).
 */
public final class ModelInputs {
  /** regionFlows' columns. */
  public static final StructType REGION_FLOWS = new StructType(new StructField[] {
      DataTypes.createStructField("c", DataTypes.StringType, false),
      DataTypes.createStructField("e", DataTypes.StringType, false),
      DataTypes.createStructField("h", DataTypes.StringType, false),
      DataTypes.createStructField("m", DataTypes.StringType, true),
      DataTypes.createStructField("i", DataTypes.StringType, true),
      DataTypes.createStructField("s", DataTypes.StringType, true),
      DataTypes.createStructField("v", DataTypes.DoubleType, false)});

  public static final String BASELINE = "baseline";
  public static final String MFN = "MFN";

  private ModelInputs() {}

  /**
   * One year's HS6 flows with the model region of importer (m) and exporter (i) and the sector (s): countries
   * listed as regions are their own region, the others go to {@code restOfWorld} (null: unmapped, m or i null);
   * codes no sector prefix matches have s null.
   */
  public static Dataset<Row> regionFlows(Dataset<Row> tradeFlows, int year, List<String> regions, String restOfWorld,
      SectorMap sectors) {
    Set<String> listed = Set.copyOf(regions);
    String rest = restOfWorld != null && listed.contains(restOfWorld) ? restOfWorld : null;
    MapFunction<Row, Row> map = r -> {
      String c = r.getString(0);
      String e = r.getString(1);
      String h = r.getString(2);
      return RowFactory.create(c, e, h, listed.contains(c) ? c : rest, listed.contains(e) ? e : rest,
          sectors.sectorOf(h), r.getDouble(3));
    };
    return tradeFlows.where(col("year").equalTo(year))
        .select("importer", "exporter", "hs6", "value_usd")
        .map(map, Encoders.row(REGION_FLOWS));
  }

  /** Bilateral sector trade between different regions, USD: (importer, exporter, sector, value_usd, n_flows). */
  public static Dataset<Row> sectorTrade(Dataset<Row> regionFlows) {
    return usable(regionFlows).groupBy(col("m").as("importer"), col("i").as("exporter"), col("s").as("sector"))
        .agg(sum("v").as("value_usd"), count(lit(1)).as("n_flows"));
  }

  /**
   * What does not reach the model, one row per reason with flows and USD: unmapped_country (no region and no rest
   * of the world), unmapped_hs6 (no sector prefix), intra_region (both countries in one region: part of its domestic
   * sales).
   */
  public static Dataset<Row> leftOut(Dataset<Row> regionFlows) {
    return regionFlows.select(
            when(col("m").isNull().or(col("i").isNull()), lit("unmapped_country"))
                .when(col("s").isNull(), lit("unmapped_hs6"))
                .when(col("m").equalTo(col("i")), lit("intra_region")).as("reason"), col("v"))
        .where(col("reason").isNotNull())
        .groupBy("reason").agg(count(lit(1)).as("flows"), sum("v").as("value_usd"));
  }

  /** Flows (and USD) of usable pairs whose importer has no MFN line for the HS6 code in the reference year. */
  public static Dataset<Row> unrated(Dataset<Row> regionFlows, Dataset<Row> effective, int year) {
    return usable(regionFlows).join(mfn(effective).where(col("year").equalTo(year)), seq("c", "h"), "left_anti")
        .agg(count(lit(1)).as("flows"), sum("v").as("value_usd"));
  }

  /** The flows that weigh the tariffs: mapped to an importing region and a sector, with a positive value. */
  public static Dataset<Row> weighingFlows(Dataset<Row> regionFlows) {
    return regionFlows.where(col("s").isNotNull().and(col("m").isNotNull()).and(col("v").gt(0)));
  }

  /** The key of an (importer, exporter, HS6) flow or rate, for {@link #sectorTariffs}'s Bloom filter. */
  public static Column tradeKey(Column importer, Column exporter, Column hs6) {
    return concat_ws("|", importer, exporter, hs6);
  }

  /**
   * Sector tariffs of every scenario and year for region pairs with rated trade: rows (scenario_id, year, importer,
   * exporter, sector, tariff as a fraction, weight_usd, n_hs6), and with exporter MFN the importer region's MFN rate
   * weighted by its imports from everyone (baseline only). Tasks take importing countries (a region such as the
   * rest of the world spreads over all cores): each country's flows and tariff_effective rows arrive sorted (flows
   * before rates, year), so it is read once, year by year, with the lookup rule over arrays, and gives its partial
   * sums; flows are put in HS6 order in the task, and a region adds its countries' partial sums in country order,
   * so every sum runs in the same order whatever the partitioning.
   *
   * @param effective tariff_effective rows of the baseline and the scenarios, in the years wanted
   * @param scenarios the scenario ids besides the baseline (each gets rows for every importer, touched or not)
   * @param regions the model's regions; @param restOfWorld the region of unlisted countries (or null)
   * @param weights bilateral or importer
   * @param traded under bilateral weights, a Bloom filter of the weighing flows' {@link #tradeKey}s
   *     ({@link #weighingFlows}), or null: a pair's rate weighs only where the pair traded the code, so the rates it
   *     rules out are left out before the shuffle (most of tariff_effective); a false positive only lets a row through
   *     that the task ignores, so the result is the same with or without it
   */
  public static Dataset<Row> sectorTariffs(Dataset<Row> regionFlows, Dataset<Row> effective, List<String> scenarios,
      List<String> regions, String restOfWorld, String weights, BloomFilter traded) {
    List<String> all = new ArrayList<>(scenarios);
    all.add(BASELINE);
    Column region = restOfWorld != null && regions.contains(restOfWorld)
        ? when(col("importer").isin(regions.toArray()), col("importer")).otherwise(lit(restOfWorld))
        : when(col("importer").isin(regions.toArray()), col("importer"));
    Dataset<Row> flows = weighingFlows(regionFlows).select(col("m"), col("c"), lit(0).as("kind"), lit(0).as("year"),
        lit(null).cast("string").as("k"), col("e"), col("h"), col("v"), col("i"), col("s"));
    Dataset<Row> rates = effective.select(region.as("m"), col("importer").as("c"), lit(1).as("kind"), col("year"),
            col("scenario_id").as("k"), col("exporter").as("e"), col("hs6").as("h"), col("rate").as("v"),
            lit(null).cast("string").as("i"), lit(null).cast("string").as("s"))
        .where(col("m").isNotNull());
    boolean bilateral = weights.equals("bilateral");
    if (bilateral && traded != null) {
      UserDefinedFunction mightHaveTraded = udf((UDF1<String, Boolean>) traded::mightContainString,
          DataTypes.BooleanType);
      rates = rates.where(col("e").equalTo(lit(MFN))
          .or(mightHaveTraded.apply(tradeKey(col("c"), col("e"), col("h")))));
    }
    MapPartitionsFunction<Row, Row> run = it -> new RegionTariffs(all, bilateral).run(it);
    Dataset<Row> partial = flows.unionByName(rates).repartition(col("c"))
        .sortWithinPartitions("c", "kind", "year").mapPartitions(run, Encoders.row(COUNTRY_SUMS));
    Column inCountryOrder = expr("aggregate(array_sort(collect_list(struct(c, wr, w, n))),"
        + " named_struct('wr', 0D, 'w', 0D, 'n', 0L),"
        + " (acc, x) -> named_struct('wr', acc.wr + x.wr, 'w', acc.w + x.w, 'n', acc.n + x.n))");
    return partial.groupBy("scenario_id", "year", "importer", "exporter", "sector").agg(inCountryOrder.as("t"))
        .where(col("t.w").gt(0))
        .select(col("scenario_id"), col("year"), col("importer"), col("exporter"), col("sector"),
            col("t.wr").divide(col("t.w")).divide(100).as("tariff"), col("t.w").as("weight_usd"),
            col("t.n").as("n_hs6"));
  }

  /** One importing country's share of a region's sums: Σ weight · rate (percent), Σ weight, codes. */
  private static final StructType COUNTRY_SUMS = new StructType(new StructField[] {
      DataTypes.createStructField("scenario_id", DataTypes.StringType, false),
      DataTypes.createStructField("year", DataTypes.IntegerType, false),
      DataTypes.createStructField("importer", DataTypes.StringType, false),
      DataTypes.createStructField("exporter", DataTypes.StringType, false),
      DataTypes.createStructField("sector", DataTypes.StringType, false),
      DataTypes.createStructField("c", DataTypes.StringType, false),
      DataTypes.createStructField("wr", DataTypes.DoubleType, false),
      DataTypes.createStructField("w", DataTypes.DoubleType, false),
      DataTypes.createStructField("n", DataTypes.LongType, false)});

  /** The per-task computation of {@link #sectorTariffs}. */
  private static final class RegionTariffs {
    private final List<String> scenarios;
    private final boolean bilateral;
    private final List<Row> out = new ArrayList<>();
    // the current country's sums by "scenario|year|exporter region|sector": Σ w·rate (percent), Σ w, codes
    private final Map<String, double[]> sums = new TreeMap<>();
    private String region;
    // the current country: its codes (HS6 in code order once its flows are in), sectors, flows by exporter
    private String country;
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> hs6 = new ArrayList<>();
    private final List<String> sectorNames = new ArrayList<>();
    private int[] sectorOfCode = new int[16];
    private final Map<String, Flows> byExporter = new TreeMap<>();
    private double[] total;
    // the current year's rates: MFN by code, and each scenario's rows by exporter (NaN: no row)
    private int year = Integer.MIN_VALUE;
    private double[] mfn;
    private final Map<String, Map<String, double[]>> rows = new HashMap<>();

    RegionTariffs(List<String> scenarios, boolean bilateral) {
      this.scenarios = scenarios;
      this.bilateral = bilateral;
    }

    /** One exporter's flows to the current country. */
    private static final class Flows {
      final String region;
      int[] code = new int[16];
      double[] value = new double[16];
      int size;

      Flows(String region) {
        this.region = region;
      }

      void add(int c, double v) {
        if (size == code.length) {
          code = Arrays.copyOf(code, 2 * size);
          value = Arrays.copyOf(value, 2 * size);
        }
        code[size] = c;
        value[size++] = v;
      }
    }

    Iterator<Row> run(Iterator<Row> it) {
      while (it.hasNext()) {
        Row r = it.next();
        String m = r.getString(0);
        String c = r.getString(1);
        if (!c.equals(country)) {
          flushYear();
          flushCountry();
          region = m;
          startCountry(c);
        }
        if (r.getInt(2) == 0) {
          String h = r.getString(6);
          Integer code = codes.get(h);
          if (code == null) {
            code = codes.size();
            codes.put(h, code);
            hs6.add(h);
            if (sectorOfCode.length <= code) {
              sectorOfCode = Arrays.copyOf(sectorOfCode, 2 * code + 1);
            }
            int sector = sectorNames.indexOf(r.getString(9));
            if (sector < 0) {
              sector = sectorNames.size();
              sectorNames.add(r.getString(9));
            }
            sectorOfCode[code] = sector;
          }
          String i = r.getString(8);
          // intra-region flows count in the importer's weights only
          byExporter.computeIfAbsent(r.getString(5), x -> new Flows(i != null && !m.equals(i) ? i : null))
              .add(code, r.getDouble(7));
          continue;
        }
        if (total == null) {
          flowsComplete();
        }
        int y = r.getInt(3);
        if (y != year) {
          flushYear();
          year = y;
          mfn = nan(codes.size());
        }
        Integer code = codes.get(r.getString(6));
        if (code == null) {
          continue;  // no trade in the code: it weighs nothing
        }
        String e = r.getString(5);
        if (e.equals(MFN)) {
          mfn[code] = r.getDouble(7);
        } else if (byExporter.containsKey(e)) {
          rows.computeIfAbsent(r.getString(4), x -> new HashMap<>()).computeIfAbsent(e, x -> nan(codes.size()))[code] =
              r.getDouble(7);
        }
      }
      flushYear();
      flushCountry();
      return out.iterator();
    }

    /**
     * Puts each exporter's flows in HS6 order (they arrive in shuffle order) and sums the importer's imports from
     * everyone in exporter order, so every later sum runs in one order whatever the partitioning.
     */
    private void flowsComplete() {
      total = new double[codes.size()];
      for (Flows f : byExporter.values()) {
        Integer[] order = new Integer[f.size];
        for (int n = 0; n < f.size; n++) {
          order[n] = n;
        }
        Arrays.sort(order, (a, b) -> hs6.get(f.code[a]).compareTo(hs6.get(f.code[b])));
        int[] code = new int[f.size];
        double[] value = new double[f.size];
        for (int n = 0; n < f.size; n++) {
          code[n] = f.code[order[n]];
          value[n] = f.value[order[n]];
          total[code[n]] += value[n];
        }
        f.code = code;
        f.value = value;
      }
      byExporter.values().removeIf(f -> f.region == null);
    }

    private void startCountry(String c) {
      country = c;
      codes.clear();
      hs6.clear();
      sectorNames.clear();
      byExporter.clear();
      total = null;
      year = Integer.MIN_VALUE;
      mfn = null;
      rows.clear();
    }

    private void flushYear() {
      if (mfn == null) {
        return;
      }
      int sectors = sectorNames.size();
      double[][] acc = new double[sectors][3];
      for (int code : codeOrder()) {
        if (!Double.isNaN(mfn[code])) {
          accumulate(acc[sectorOfCode[code]], total[code], mfn[code]);
        }
      }
      addAll(BASELINE + "|" + year + "|" + MFN + "|", acc);
      Map<String, double[]> baselineRows = rows.getOrDefault(BASELINE, Map.of());
      for (String k : scenarios) {
        Map<String, double[]> own = rows.getOrDefault(k, Map.of());
        for (Map.Entry<String, Flows> ex : byExporter.entrySet()) {
          // a scenario's rows for a pair in a year are complete; without them the baseline's rule applies
          double[] pair = own.containsKey(ex.getKey()) ? own.get(ex.getKey()) : baselineRows.get(ex.getKey());
          Flows f = ex.getValue();
          acc = new double[sectors][3];
          if (bilateral) {
            for (int n = 0; n < f.size; n++) {
              double rate = rate(pair, f.code[n]);
              if (!Double.isNaN(rate)) {
                accumulate(acc[sectorOfCode[f.code[n]]], f.value[n], rate);
              }
            }
          } else {
            double[] x = new double[sectors];
            for (int n = 0; n < f.size; n++) {
              x[sectorOfCode[f.code[n]]] += f.value[n];
            }
            double[][] own2 = new double[sectors][3];
            for (int code : codeOrder()) {
              double rate = rate(pair, code);
              if (x[sectorOfCode[code]] > 0 && !Double.isNaN(rate) && total[code] > 0) {
                accumulate(own2[sectorOfCode[code]], total[code], rate);
              }
            }
            // the pair's rate under the importer's weights, counted with the pair's own trade in the region
            for (int q = 0; q < sectors; q++) {
              if (own2[q][1] > 0) {
                acc[q][0] = own2[q][0] / own2[q][1] * x[q];
                acc[q][1] = x[q];
                acc[q][2] = own2[q][2];
              }
            }
          }
          addAll(k + "|" + year + "|" + f.region + "|", acc);
        }
      }
      mfn = null;
      rows.clear();
    }

    /** Codes in HS6 order. */
    private int[] codeOrder() {
      Integer[] order = new Integer[codes.size()];
      for (int n = 0; n < order.length; n++) {
        order[n] = n;
      }
      Arrays.sort(order, (a, b) -> hs6.get(a).compareTo(hs6.get(b)));
      return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private double rate(double[] pair, int code) {
      double r = pair == null ? Double.NaN : pair[code];
      return Double.isNaN(r) ? mfn[code] : r;
    }

    private static void accumulate(double[] a, double weight, double rate) {
      a[0] += weight * rate;
      a[1] += weight;
      a[2]++;
    }

    private void addAll(String prefix, double[][] acc) {
      for (int q = 0; q < acc.length; q++) {
        if (acc[q][2] > 0) {
          double[] a = sums.computeIfAbsent(prefix + sectorNames.get(q), k -> new double[3]);
          a[0] += acc[q][0];
          a[1] += acc[q][1];
          a[2] += acc[q][2];
        }
      }
    }

    private void flushCountry() {
      for (Map.Entry<String, double[]> e : sums.entrySet()) {
        String[] k = e.getKey().split("\\|");
        double[] a = e.getValue();
        out.add(RowFactory.create(k[0], Integer.parseInt(k[1]), region, k[2], k[3], country, a[0], a[1],
            (long) a[2]));
      }
      sums.clear();
    }

    private static double[] nan(int size) {
      double[] a = new double[size];
      Arrays.fill(a, Double.NaN);
      return a;
    }
  }

  /**
   * Every (scenario, year, importer, exporter, sector) of the model: the weighted rate where the pair traded, else
   * the importer's MFN rate, else the io data's tariff; 0 at home. Columns of model_tariffs without ids.
   *
   * @param grid scenario_id, year
   * @param cells importer, exporter, sector, io_tariff (the io data's reference-year tariff)
   */
  public static Dataset<Row> dense(Dataset<Row> grid, Dataset<Row> cells, Dataset<Row> regionTariffs) {
    Dataset<Row> fallback = regionTariffs.where(col("exporter").equalTo(lit(MFN))).select(col("year"),
        col("importer"), col("sector"), col("tariff").as("mfn_tariff"), col("weight_usd").as("mfn_weight"),
        col("n_hs6").as("mfn_n"));
    Dataset<Row> joined = grid.crossJoin(cells)
        .join(regionTariffs.where(col("exporter").notEqual(lit(MFN))),
            seq("scenario_id", "year", "importer", "exporter", "sector"), "left")
        .join(fallback, seq("year", "importer", "sector"), "left");
    return joined.select(col("scenario_id"), col("year"), col("importer"), col("exporter"), col("sector"),
        when(col("importer").equalTo(col("exporter")), lit(0.0))
            .when(col("tariff").isNotNull(), col("tariff"))
            .when(col("mfn_tariff").isNotNull(), col("mfn_tariff"))
            .otherwise(col("io_tariff")).as("tariff"),
        when(col("importer").equalTo(col("exporter")), lit(0.0))
            .when(col("tariff").isNotNull(), col("weight_usd"))
            .when(col("mfn_tariff").isNotNull(), col("mfn_weight"))
            .otherwise(lit(0.0)).as("weight_usd"),
        when(col("importer").equalTo(col("exporter")), lit(0L))
            .when(col("tariff").isNotNull(), col("n_hs6"))
            .when(col("mfn_tariff").isNotNull(), col("mfn_n"))
            .otherwise(lit(0L)).as("n_hs6"),
        when(col("importer").equalTo(col("exporter")), lit("domestic"))
            .when(col("tariff").isNotNull(), lit("weighted"))
            .when(col("mfn_tariff").isNotNull(), lit("mfn"))
            .otherwise(lit("io")).as("basis"));
  }

  /** Flows between two different mapped regions in a mapped sector: what the model's bilateral trade is made of. */
  private static Dataset<Row> usable(Dataset<Row> regionFlows) {
    return regionFlows.where(col("m").isNotNull().and(col("i").isNotNull()).and(col("s").isNotNull())
        .and(col("m").notEqual(col("i"))).and(col("v").gt(0)));
  }

  private static Dataset<Row> mfn(Dataset<Row> effective) {
    return effective.where(col("scenario_id").equalTo(lit(BASELINE)).and(col("exporter").equalTo(lit(MFN))))
        .select(col("year"), col("importer").as("c"), col("hs6").as("h"), col("rate").as("mfn"));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }
}
