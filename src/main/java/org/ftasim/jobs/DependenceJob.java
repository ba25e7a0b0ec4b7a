package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.FtasimConfig;
import org.ftasim.markets.GoodsLists;
import org.ftasim.markets.spark.Concentration;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;

/**
 * {@code ftasim dependence [--year Y]}: supplier concentration of every importer's every HS6 market per year
 * ({@link Concentration}) into import_dependence (replaced by year), and a report on stderr of the configured
 * importer's most concentrated strategic imports, their top suppliers and the named partners' shares year by year,
 * and the tariffs each scenario of tariff_effective applies to them.
 */
public final class DependenceJob {
  public static final JobSpec SPEC = new JobSpec("dependence",
      "Import concentration (suppliers, top share, HHI, partner shares) per importer, HS6 and year into"
          + " import_dependence, and a report on strategic goods (config section dependence)",
      Map.of("--year", "one trade year (default: every year of trade_flows)"), Set.of(), Map.of(), null, true, false);

  private DependenceJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, DependenceJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    return run(spark, ctx, ctx.args().value("--year").orElse(null));
  }

  /** @param year one trade year as given, or null for every year */
  static JobResult run(SparkSession spark, JobContext ctx, String year) throws IOException {
    FtasimConfig.Dependence cfg = ctx.config().dependence();
    if (!TableReader.exists(spark, ctx.warehouse(), Tables.TRADE_FLOWS)) {
      throw JobErrors.noTableToRead("trade_flows", ctx.warehouse().root(), "ftasim ingest-flows");
    }
    GoodsLists goods = cfg.goods().isEmpty() ? GoodsLists.bundled() : read(spark, cfg.goods());
    Dataset<Row> flows = TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS);
    if (year != null) {
      if (!year.matches("\\d{4}")) {
        throw JobErrors.badTradeYear(year);
      }
      flows = flows.where(col("year").equalTo(Integer.parseInt(year)));
    }
    Dataset<Row> markets = Concentration.markets(flows, cfg.partners(), goods, ctx.runId()).cache();
    try {
      List<Integer> years = markets.select("year").distinct().collectAsList().stream().map(r -> r.getInt(0))
          .sorted().toList();
      if (years.isEmpty()) {
        throw JobErrors.noFlowsIn(year);
      }
      TableWriter.replaceWhere(markets, ctx.warehouse(), Tables.IMPORT_DEPENDENCE, "year IN ("
          + years.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
      long rows = markets.count();
      report(spark, ctx, cfg, markets, years);
      return new JobResult().count("markets", rows).count("years", years.size())
          .count("goods_lists", goods.lists().size()).table(Tables.IMPORT_DEPENDENCE.name());
    } finally {
      markets.unpersist();
    }
  }

  /**
   * The importer's strategic products with the highest HHI in the latest year: per year the top supplier and share,
   * the HHI and the named partners' shares; and the tariff from each named partner in the last year of
   * tariff_effective, baseline and every scenario (the scenario's row, else the baseline's, else MFN).
   */
  private static void report(SparkSession spark, JobContext ctx, FtasimConfig.Dependence cfg, Dataset<Row> markets,
      List<Integer> years) {
    int latest = years.get(years.size() - 1);
    List<Row> top = markets.where(col("importer").equalTo(cfg.importer()).and(col("year").equalTo(latest))
            .and(org.apache.spark.sql.functions.size(col("strategic")).gt(0)))
        .orderBy(col("hhi").desc(), col("hs6")).limit(cfg.top()).collectAsList();
    if (top.isEmpty()) {
      ctx.err().printf("ftasim dependence: %s imports none of the strategic goods in %d%n", cfg.importer(), latest);
      return;
    }
    List<String> codes = top.stream().map(r -> r.<String>getAs("hs6")).toList();
    Map<String, List<Row>> history = new HashMap<>();
    for (Row r : markets.where(col("importer").equalTo(cfg.importer()).and(col("hs6").isin(codes.toArray())))
        .orderBy("year").collectAsList()) {
      history.computeIfAbsent(r.getAs("hs6"), k -> new ArrayList<>()).add(r);
    }
    Map<String, Double> tariff = new HashMap<>();
    List<String> scenarios = new ArrayList<>();
    int tariffYear = -1;
    if (TableReader.exists(spark, ctx.warehouse(), Tables.TARIFF_EFFECTIVE)) {
      Dataset<Row> eff = TableReader.read(spark, ctx.warehouse(), Tables.TARIFF_EFFECTIVE)
          .where(col("importer").equalTo(cfg.importer()).and(col("hs6").isin(codes.toArray())));
      Row last = eff.agg(max("year")).first();
      if (!last.isNullAt(0)) {
        tariffYear = last.getInt(0);
        for (Row r : eff.where(col("year").equalTo(tariffYear)).collectAsList()) {
          tariff.put(r.getAs("scenario_id") + "|" + r.getAs("exporter") + "|" + r.getAs("hs6"), r.getAs("rate"));
        }
        tariff.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).distinct().sorted(
            Comparator.comparing((String s) -> !s.equals("baseline")).thenComparing(s -> s)).forEach(scenarios::add);
      }
    }
    ctx.err().printf("%n%s's most concentrated strategic imports in %d (HHI of supplier shares; shares of %s)%n",
        cfg.importer(), latest, String.join(", ", cfg.partners()));
    for (Row r : top) {
      String hs6 = r.getAs("hs6");
      ctx.err().printf("%n  %s  %s  lists %s%n", hs6, String.format("USD %,.1f m",
          r.<Double>getAs("imports_usd") / 1e6),
          r.getList(r.fieldIndex("strategic")));
      for (Row h : history.get(hs6)) {
        Map<String, Double> shares = new TreeMap<>(h.getJavaMap(h.fieldIndex("partner_shares")));
        ctx.err().printf("    %d  HHI %.3f  top %s %.1f%%  %s%n", h.<Integer>getAs("year"), h.<Double>getAs("hhi"),
            h.<String>getAs("top_supplier"), 100 * h.<Double>getAs("top_share"), cfg.partners().stream()
                .map(p -> p + " " + String.format("%.1f%%", 100 * shares.getOrDefault(p, 0.0)))
                .collect(Collectors.joining("  ")));
      }
      if (tariffYear > 0) {
        for (String p : cfg.partners()) {
          StringBuilder line = new StringBuilder();
          for (String s : scenarios) {
            Double rate = rate(tariff, s, p, hs6);
            line.append("  ").append(s).append(' ').append(rate == null ? "-" : String.format("%.2f%%", rate));
          }
          ctx.err().printf("    tariff on %s in %d:%s%n", p, tariffYear, line);
        }
      }
    }
  }

  private static Double rate(Map<String, Double> tariff, String scenario, String partner, String hs6) {
    for (String key : List.of(scenario + "|" + partner, "baseline|" + partner, "baseline|MFN")) {
      Double r = tariff.get(key + "|" + hs6);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static GoodsLists read(SparkSession spark, List<String> entries) throws IOException {
    List<GoodsLists.GoodsList> out = new ArrayList<>();
    for (String e : entries) {
      Path p = new Path(e);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw JobErrors.noSuchGoodsFile(e);
      }
      List<Path> files = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus s : fs.listStatus(p)) {
          if (s.getPath().getName().endsWith(".yaml") || s.getPath().getName().endsWith(".yml")) {
            files.add(s.getPath());
          }
        }
        files.sort(Comparator.comparing(Path::getName));
      } else {
        files.add(p);
      }
      for (Path f : files) {
        try (InputStream in = fs.open(f)) {
          out.add(GoodsLists.read(in, f.toString()));
        }
      }
    }
    return new GoodsLists(out);
  }
}
