package org.ftasim.estimate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.ftasim.estimate.EstimateErrors;
import org.ftasim.model.ppml.Formula;
import org.ftasim.model.ppml.PanelBlock;
import org.ftasim.model.ppml.PpmlHdfe;
import org.ftasim.model.ppml.PpmlKernels.Vcov;

/**
 * An estimation panel in Spark: the rows of a {@link Formula} cut into {@link PanelBlock}s held in executor memory.
 * The fixed effect with the most levels is the local one: rows are hash-partitioned on it into a fixed number of
 * blocks and sorted, so its levels never leave their block; the others get dictionaries (sorted level names)
 * shared by every block. The same data and block count give the same blocks wherever they run, hence the same
 * numbers.
 *
 * @param globalTerms the global effects' names, in formula order
 * @param dictionaries each global effect's levels, sorted; level number = position
 * @param localTerm the local effect's name, or null
 * @param vcov how standard errors are computed; {@code clusterLevels} is the cluster dictionary's size
 */
public record GravityPanel(JavaRDD<PanelBlock> blocks, long observations, List<String> globalTerms,
    List<String[]> dictionaries, String localTerm, Vcov vcov, int clusterLevels, String clusterTerm) {

  private static final String LOCAL = "__local";
  private static final String CLUSTER = "__cluster";

  /** The effects' level counts, in the order of {@link #globalTerms}. */
  public int[] levels() {
    return dictionaries.stream().mapToInt(d -> d.length).toArray();
  }

  /** Passes as Spark jobs over the blocks in executor memory. */
  public PpmlHdfe.Passes sparkPasses() {
    JavaRDD<PanelBlock> rdd = blocks;
    return new PpmlHdfe.Passes() {
      @Override
      public <R> List<R> map(PpmlHdfe.BlockFunction<R> f) {
        return rdd.map(f::apply).collect();
      }
    };
  }

  /**
   * Passes in the driver over a copy of the blocks: for a panel small enough that a Spark job's scheduling (some
   * 40 ms) would cost more than the pass itself. The same blocks and merge order give the same numbers.
   */
  public PpmlHdfe.Passes driverPasses() {
    return PpmlHdfe.inMemory(blocks.collect());
  }

  public void release() {
    blocks.unpersist(false);
  }

  /** A fixed effect's key column: its columns as text, joined by {@code ^}. */
  public static Column key(List<String> columns) {
    return concat_ws("^", columns.stream().map(c -> col(c).cast("string")).toArray(Column[]::new));
  }

  /**
   * Cuts {@code data} (already filtered and checked: flows and covariates castable to double, effects not null)
   * into blocks.
   *
   * @param cluster the cluster variable as a term ({@code pair}, {@code exporter^importer}), or null for robust
   */
  public static GravityPanel build(Dataset<Row> data, Formula formula, List<String> cluster, int blockCount) {
    List<List<String>> fes = formula.fixedEffects();
    if (fes.isEmpty()) {
      throw EstimateErrors.noFixedEffects(String.valueOf(formula));
    }
    Column[] distinct = fes.stream().map(fe -> functions.countDistinct(key(fe))).toArray(Column[]::new);
    Row counts = data.agg(distinct[0], Arrays.copyOfRange(distinct, 1, distinct.length)).first();
    int localIndex = 0;
    for (int g = 0; g < fes.size(); g++) {
      long levels = counts.getLong(g);
      if (levels < 2) {
        throw EstimateErrors.constantFixedEffect(Formula.termName(fes.get(g)), levels);
      }
      if (levels > counts.getLong(localIndex)) {
        localIndex = g;
      }
    }
    List<String> globalTerms = new ArrayList<>();
    List<String[]> dictionaries = new ArrayList<>();
    List<Column> keyColumns = new ArrayList<>();
    for (int g = 0; g < fes.size(); g++) {
      if (g == localIndex) {
        continue;
      }
      globalTerms.add(Formula.termName(fes.get(g)));
      dictionaries.add(levels(data, key(fes.get(g))));
      keyColumns.add(key(fes.get(g)).as("__fe" + (globalTerms.size() - 1)));
    }
    String localTerm = Formula.termName(fes.get(localIndex));
    Vcov vcov = Vcov.ROBUST;
    String clusterTerm = cluster == null ? null : Formula.termName(cluster);
    String[] clusterDictionary = null;
    if (cluster != null) {
      if (clusterTerm.equals(localTerm)) {
        vcov = Vcov.CLUSTER_LOCAL;
      } else {
        vcov = Vcov.CLUSTER;
        clusterDictionary = levels(data, key(cluster));
      }
    }
    List<Column> select = new ArrayList<>();
    select.add(key(fes.get(localIndex)).as(LOCAL));
    select.addAll(keyColumns);
    select.add(col(formula.dependent()).cast("double").as("__y"));
    for (int k = 0; k < formula.covariates().size(); k++) {
      select.add(col(formula.covariates().get(k)).cast("double").as("__x" + k));
    }
    if (vcov == Vcov.CLUSTER) {
      select.add(key(cluster).as(CLUSTER));
    }
    List<Column> order = new ArrayList<>();
    order.add(col(LOCAL));
    for (int g = 0; g < globalTerms.size(); g++) {
      order.add(col("__fe" + g));
    }
    order.add(col("__y"));
    for (int k = 0; k < formula.covariates().size(); k++) {
      order.add(col("__x" + k));
    }
    Dataset<Row> rows = data.select(select.toArray(Column[]::new)).repartition(blockCount, col(LOCAL))
        .sortWithinPartitions(order.toArray(Column[]::new));

    List<Map<String, Integer>> maps = new ArrayList<>();
    for (String[] d : dictionaries) {
      maps.add(index(d));
    }
    Map<String, Integer> clusterMap = clusterDictionary == null ? null : index(clusterDictionary);
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    Broadcast<List<Map<String, Integer>>> feMaps = jsc.broadcast(maps);
    Broadcast<Map<String, Integer>> clusterIds = clusterMap == null ? null : jsc.broadcast(clusterMap);
    int k = formula.covariates().size();
    int dims = globalTerms.size();
    JavaRDD<PanelBlock> blocks = rows.toJavaRDD()
        .mapPartitions(it -> List.of(block(it, k, dims, feMaps.value(),
            clusterIds == null ? null : clusterIds.value())).iterator())
        .persist(StorageLevel.MEMORY_ONLY());
    long observations = blocks.map(PanelBlock::n).fold(0, Integer::sum);
    return new GravityPanel(blocks, observations, globalTerms, dictionaries, localTerm, vcov,
        clusterDictionary == null ? 0 : clusterDictionary.length, clusterTerm);
  }

  private static String[] levels(Dataset<Row> data, Column key) {
    List<Row> rows = data.select(key.as("k")).distinct().orderBy("k").collectAsList();
    String[] out = new String[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i).getString(0);
    }
    return out;
  }

  private static Map<String, Integer> index(String[] levels) {
    Map<String, Integer> m = new HashMap<>(levels.length * 2);
    for (int i = 0; i < levels.length; i++) {
      m.put(levels[i], i);
    }
    return m;
  }

  /** One partition's rows (sorted by the local key) as a block. Columns: local, fe0.., y, x0.., [cluster]. */
  static PanelBlock block(Iterator<Row> it, int k, int dims, List<Map<String, Integer>> feMaps,
      Map<String, Integer> clusterIds) {
    int cap = 1024;
    int n = 0;
    double[] y = new double[cap];
    double[][] x = new double[k][cap];
    int[][] fe = new int[dims][cap];
    int[] cluster = clusterIds == null ? null : new int[cap];
    List<String> names = new ArrayList<>();
    int[] seg = new int[64];
    String last = null;
    while (it.hasNext()) {
      Row r = it.next();
      if (n == cap) {
        cap *= 2;
        y = Arrays.copyOf(y, cap);
        for (int q = 0; q < k; q++) {
          x[q] = Arrays.copyOf(x[q], cap);
        }
        for (int g = 0; g < dims; g++) {
          fe[g] = Arrays.copyOf(fe[g], cap);
        }
        if (cluster != null) {
          cluster = Arrays.copyOf(cluster, cap);
        }
      }
      String local = r.getString(0);
      if (!local.equals(last)) {
        if (names.size() + 1 >= seg.length) {
          seg = Arrays.copyOf(seg, seg.length * 2);
        }
        seg[names.size()] = n;
        names.add(local);
        last = local;
      }
      for (int g = 0; g < dims; g++) {
        fe[g][n] = feMaps.get(g).get(r.getString(1 + g));
      }
      y[n] = r.getDouble(1 + dims);
      for (int q = 0; q < k; q++) {
        x[q][n] = r.getDouble(2 + dims + q);
      }
      if (cluster != null) {
        cluster[n] = clusterIds.get(r.getString(2 + dims + k));
      }
      n++;
    }
    seg[names.size()] = n;
    double[][] xs = new double[k][];
    for (int q = 0; q < k; q++) {
      xs[q] = Arrays.copyOf(x[q], n);
    }
    int[][] fes = new int[dims][];
    for (int g = 0; g < dims; g++) {
      fes[g] = Arrays.copyOf(fe[g], n);
    }
    return new PanelBlock(Arrays.copyOf(y, n), xs, fes, Arrays.copyOf(seg, names.size() + 1),
        names.toArray(String[]::new), cluster == null ? null : Arrays.copyOf(cluster, n));
  }
}
