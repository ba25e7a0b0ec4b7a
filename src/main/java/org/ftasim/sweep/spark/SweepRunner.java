package org.ftasim.sweep.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.ftasim.sweep.OutcomeSummary;
import org.ftasim.sweep.Parameter;
import org.ftasim.sweep.RegressionIndices;
import org.ftasim.sweep.Seeds;
import org.ftasim.sweep.SobolIndices;
import org.ftasim.sweep.SweepDesign;
import org.ftasim.sweep.SweepModel;
import org.ftasim.table.Tables;

/**
 * The thin Spark layer of a sweep: draw ids become a Dataset, each partition builds its model once (solvers are
 * not serialisable) from the broadcast plan and solves its draws; summaries and sensitivity indices are
 * Dataset → Dataset functions of the stored draws.
 */
public final class SweepRunner {
  private SweepRunner() {}

  /**
   * A test seam, not a setting: with system property {@value} = N on the driver, the first attempt of partition N
   * fails, so tests can show that a retried task changes nothing.
   */
  public static final String INJECT_FAILURE_PROPERTY = "ftasim.test.injectFailurePartition";

  /**
   * Everything a partition needs, shipped once per executor as a broadcast.
   *
   * @param injectFailurePartition the partition whose first attempt fails (-1: none; see
   *     {@link #INJECT_FAILURE_PROPERTY})
   */
  public record Plan(String runId, String scenarioId, long seed, SweepDesign design, SweepModel.Factory model,
      int injectFailurePartition) implements Serializable {}

  /** The draws in long form, {@link Tables#SWEEP_DRAWS}'s schema. Lazy: computed when written. */
  public static Dataset<Row> draws(SparkSession spark, Plan plan, int partitions, LongAccumulator done) {
    Broadcast<Plan> shared = spark.sparkContext().broadcast(plan, scala.reflect.ClassTag$.MODULE$.apply(Plan.class));
    Dataset<Long> ids = spark.range(0, plan.design().drawCount(), 1, partitions);
    MapPartitionsFunction<Long, Row> solve = it -> {
      Plan p = shared.value();
      SweepModel model = p.model().build();
      List<Parameter> params = p.design().parameters();
      List<Row> rows = new ArrayList<>();
      while (it.hasNext()) {
        long draw = it.next();
        double[] values = p.design().values(draw);
        Map<String, Double> named = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
          named.put(params.get(i).name(), values[i]);
        }
        scala.collection.Map<String, Double> paramMap = scala.jdk.javaapi.CollectionConverters.asScala(named);
        try {
          SweepModel.Evaluation e = model.evaluate(params, values);
          String error = e.diagnostics().converged() ? null : String.format(java.util.Locale.ROOT,
              "did not converge: residual %.3g after %d iterations", e.diagnostics().residual(),
              e.diagnostics().iterations());
          for (SweepModel.Outcome o : e.outcomes()) {
            rows.add(RowFactory.create(p.runId(), o.scenario() != null ? o.scenario() : p.scenarioId(), draw,
                p.seed(), paramMap, o.metric(), o.country(), o.sector(), o.partner(), o.year(), o.value(),
                e.diagnostics().converged(), e.diagnostics().iterations(), e.diagnostics().residual(), error,
                o.closure()));
          }
        } catch (RuntimeException ex) {
          // A failed draw is kept and flagged with its error, never dropped.
          rows.add(RowFactory.create(p.runId(), p.scenarioId(), draw, p.seed(), paramMap, "ALL", "ALL", "ALL", "ALL",
              null, Double.NaN, false, 0, Double.NaN, failure(ex), "ALL"));
        }
        done.add(1);
      }
      TaskContext tc = TaskContext.get();
      if (tc != null && tc.partitionId() == p.injectFailurePartition() && tc.attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of partition " + tc.partitionId()
            + " (" + INJECT_FAILURE_PROPERTY + "), first attempt");
      }
      return rows.iterator();
    };
    return ids.mapPartitions(solve, Encoders.row(Tables.SWEEP_DRAWS.schema()));
  }

  /** A failed draw's error: the exception's class and the first line of its message, at most 500 characters. */
  static String failure(RuntimeException ex) {
    String message = ex.getMessage() == null ? "" : ex.getMessage().lines().findFirst().orElse("");
    String text = ex.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    return text.length() <= 500 ? text : text.substring(0, 497) + "...";
  }

  /** The key of one outcome: sweep_summary's, and sweep_sensitivity's with partner ALL. */
  private static final String[] OUTCOME_KEY = {"run_id", "scenario_id", "metric", "country", "sector", "partner",
      "year", "closure"};

  /**
   * Each outcome's draws in one row: its key and {@code points}, a (draw_id, value, converged) per draw. The summary
   * and the sensitivity both read these, so the draws are grouped once (a grouping of 1.8 million rows into 28,000
   * outcomes costs more than either computation on it).
   */
  public static Dataset<Row> outcomes(Dataset<Row> draws) {
    Column[] key = Arrays.stream(OUTCOME_KEY).map(c -> col(c)).toArray(Column[]::new);
    return draws.groupBy(key)
        .agg(collect_list(struct(col("draw_id"), col("value"), col("converged"))).as("points"));
  }

  /**
   * Mean, sd and exact percentiles of each outcome ({@link #outcomes}) over converged draws, in draw order whatever
   * the order the grouping collected them in ({@link OutcomeSummary}); failed draws are counted. A quadrature
   * design's points are a rule, not a sample: its mean and sd are the rule's, Σ w_k y_k and (Σ w_k (y_k − ȳ)²)^½ with
   * Stroud's equal weights w_k = 1/(2d) (DeVuyst &amp; Preckel 1997), and it has no percentiles (null), since quantiles
   * of 2d points say nothing about the outcome's distribution.
   */
  public static Dataset<Row> summary(Dataset<Row> outcomes, SweepDesign.Kind kind) {
    boolean rule = kind == SweepDesign.Kind.QUADRATURE;
    MapFunction<Row, Row> summarise = r -> {
      List<Row> points = new ArrayList<>(r.getList(r.fieldIndex("points")));
      points.sort(Comparator.comparingLong(p -> p.getLong(0)));
      double[] values = new double[points.size()];
      int ok = 0;
      for (Row p : points) {
        if (p.getBoolean(2)) {
          values[ok++] = p.getDouble(1);
        }
      }
      OutcomeSummary s = OutcomeSummary.of(values, ok, rule);
      return RowFactory.create(r.getAs("run_id"), r.getAs("scenario_id"), r.getAs("metric"), r.getAs("country"),
          r.getAs("sector"), r.getAs("partner"), r.getAs("year"), (long) ok, (long) (points.size() - ok), s.mean(),
          s.sd(), s.p05(), s.p50(), s.p95(), r.getAs("closure"));
    };
    return outcomes.map(summarise, Encoders.row(Tables.SWEEP_SUMMARY.schema()));
  }

  /** What the sensitivity step needs of the design, small enough to ship in a closure. */
  public record DesignInfo(SweepDesign.Kind kind, int basePoints, List<String> dimensions, long seed, int bootstrap,
      SweepDesign design) implements Serializable {}

  /**
   * Sobol indices (Saltelli designs), one-at-a-time effects (OAT designs) or standardised regression coefficients
   * (Monte Carlo, Latin hypercube and Sobol designs) per outcome ({@link #outcomes}); none for quadrature designs,
   * and none for bilateral outcomes (partner other than ALL), which the table has no column for. Base points with a
   * failed evaluation anywhere are left out of the Sobol estimate; failed draws out of the regression.
   */
  public static Dataset<Row> sensitivity(Dataset<Row> outcomes, DesignInfo info) {
    if (info.kind() == SweepDesign.Kind.QUADRATURE) {
      return outcomes.sparkSession().createDataFrame(List.of(), Tables.SWEEP_SENSITIVITY.schema());
    }
    return outcomes.where(col("metric").notEqual(lit("ALL")).and(col("partner").equalTo(lit("ALL"))))
        .flatMap(new Indices(info), Encoders.row(Tables.SWEEP_SENSITIVITY.schema()));
  }

  /**
   * The indices of each outcome. A task's outcomes all regress on the same draws, and a draw's inputs are a quantile
   * per parameter (a continued fraction for some distributions): they are computed once per task and kept, and so is
   * the inputs' side of the regression for each set of converged draws ({@link RegressionIndices.Design}).
   */
  private static final class Indices implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final DesignInfo info;
    private transient Map<Long, double[]> inputs;
    private transient Map<String, Optional<RegressionIndices.Design>> designs;

    Indices(DesignInfo info) {
      this.info = info;
    }

    @Override
    public Iterator<Row> call(Row r) {
      if (inputs == null) {
        inputs = new ConcurrentHashMap<>();
        designs = new ConcurrentHashMap<>();
      }
      return compute(r, info, inputs, designs).iterator();
    }
  }

  private static List<Row> compute(Row r, DesignInfo info, Map<Long, double[]> inputs,
      Map<String, Optional<RegressionIndices.Design>> designs) {
    List<Row> points = r.getList(r.fieldIndex("points"));
    Map<Long, Double> byDraw = new HashMap<>();
    for (Row p : points) {
      if (p.getBoolean(2)) {
        byDraw.put(p.getLong(0), p.getDouble(1));
      }
    }
    List<String> dims = info.dimensions();
    int d = dims.size();
    List<Row> out = new ArrayList<>();
    Object[] key = {r.getAs("run_id"), r.getAs("scenario_id"), r.getAs("metric"), r.getAs("country"),
        r.getAs("sector"), r.getAs("year"), r.getAs("closure")};
    if (info.kind() != SweepDesign.Kind.OAT && info.kind() != SweepDesign.Kind.SALTELLI) {
      return regression(byDraw, key, info, inputs, designs);
    }
    if (info.kind() == SweepDesign.Kind.OAT) {
      Double central = byDraw.get(0L);
      if (central == null) {
        return out;
      }
      for (int k = 0; k < d; k++) {
        Double low = byDraw.get(1L + 2L * k);
        Double high = byDraw.get(2L + 2L * k);
        if (low != null) {
          out.add(row(key, dims.get(k), "oat_low", low - central, null, null));
        }
        if (high != null) {
          out.add(row(key, dims.get(k), "oat_high", high - central, null, null));
        }
      }
      return out;
    }
    int n = info.basePoints();
    List<Integer> complete = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      boolean ok = true;
      for (int b = 0; b < d + 2 && ok; b++) {
        ok = byDraw.containsKey((long) b * n + j);
      }
      if (ok) {
        complete.add(j);
      }
    }
    if (complete.size() < 2) {
      return out;
    }
    int m = complete.size();
    double[] fa = new double[m];
    double[] fb = new double[m];
    double[][] fab = new double[d][m];
    for (int i = 0; i < m; i++) {
      int j = complete.get(i);
      fa[i] = byDraw.get((long) j);
      fb[i] = byDraw.get((long) n + j);
      for (int k = 0; k < d; k++) {
        fab[k][i] = byDraw.get((long) (2 + k) * n + j);
      }
    }
    long seed = Seeds.mix(info.seed(), 5, String.join("|", String.valueOf(key[2]),
        String.valueOf(key[3]), String.valueOf(key[4]), String.valueOf(key[5])).hashCode());
    SobolIndices.Estimate e = SobolIndices.estimate(fa, fb, fab, seed, info.bootstrap());
    for (int k = 0; k < d; k++) {
      out.add(row(key, dims.get(k), "sobol_first", e.first()[k], info.bootstrap() > 0 ? e.firstLow()[k] : null,
          info.bootstrap() > 0 ? e.firstHigh()[k] : null));
      out.add(row(key, dims.get(k), "sobol_total", e.total()[k], info.bootstrap() > 0 ? e.totalLow()[k] : null,
          info.bootstrap() > 0 ? e.totalHigh()[k] : null));
    }
    return out;
  }

  private static List<Row> regression(Map<Long, Double> byDraw, Object[] key, DesignInfo info,
      Map<Long, double[]> inputs, Map<String, Optional<RegressionIndices.Design>> designs) {
    List<String> dims = info.dimensions();
    int d = dims.size();
    // a dimension's value is that of its first parameter (a group's members share one uniform draw)
    int[] column = new int[d];
    List<Parameter> params = info.design().parameters();
    for (int k = 0; k < d; k++) {
      String dim = dims.get(k);
      column[k] = IntStream.range(0, params.size())
          .filter(p -> params.get(p).dimension().equals(dim)).findFirst().orElseThrow();
    }
    long[] ids = byDraw.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    double[][] x = new double[ids.length][d];
    double[] y = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      double[] v = inputs.computeIfAbsent(ids[i], info.design()::values);
      for (int k = 0; k < d; k++) {
        x[i][k] = v[column[k]];
      }
      y[i] = byDraw.get(ids[i]);
    }
    List<Row> out = new ArrayList<>();
    RegressionIndices.Estimate e = designs.computeIfAbsent(Arrays.toString(ids), k -> Optional.ofNullable(
        RegressionIndices.Design.of(x, seedOf(info, ids), info.bootstrap()))).map(dn -> dn.estimate(y)).orElse(null);
    if (e == null) {
      return out;
    }
    boolean ci = info.bootstrap() > 0;
    for (int k = 0; k < d; k++) {
      out.add(row(key, dims.get(k), "src", e.src()[k], ci ? e.low()[k] : null, ci ? e.high()[k] : null));
    }
    out.add(row(key, "ALL", "src_r2", e.r2(), null, null));
    return out;
  }

  /** The bootstrap's seed: the run's, and the draws resampled (the same for every outcome of those draws). */
  private static long seedOf(DesignInfo info, long[] draws) {
    return Seeds.mix(info.seed(), 5, Arrays.hashCode(draws));
  }

  private static Row row(Object[] key, String parameter, String method, double value, Double low, Double high) {
    return RowFactory.create(key[0], key[1], key[2], key[3], key[4], key[5], parameter, method, value, low, high,
        key[6]);
  }

  /** Prints draws done / total, draws per second and the ETA on stderr at a steady pace, until closed. */
  public static final class Progress implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    public Progress(LongAccumulator done, long total, int seconds, java.io.PrintStream err) {
      long start = System.nanoTime();
      thread = new Thread(() -> {
        while (running) {
          try {
            Thread.sleep(seconds * 1000L);
          } catch (InterruptedException e) {
            return;
          }
          long n = done.value();
          double elapsed = (System.nanoTime() - start) / 1e9;
          double rate = n / Math.max(elapsed, 1e-9);
          String eta = rate > 0 && n < total ? String.format("%.0f s", (total - n) / rate) : "-";
          err.printf("ftasim sweep: %d/%d draws (%.1f%%), %.1f draws/s, ETA %s%n", n, total, 100.0 * n / total, rate,
              eta);
        }
      }, "ftasim-sweep-progress");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }
}
