package org.ftasim.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ftasim.config.FtasimConfig;
import org.ftasim.sector.SectorMap;
import org.ftasim.markets.spark.SmartEffects;
import org.ftasim.table.Csv;
import org.ftasim.table.M49;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.table.TextDecoding;
import org.ftasim.tariff.HsGroups;

/**
 * {@code ftasim smart --scenario S [--year Y]}: WITS-SMART partial equilibrium for every importer and partner at
 * once, the scenario's tariffs against the baseline's in year Y on the reference year's imports, into smart_effects
 * and smart_summary (both replaced by scenario_id) ({@link SmartEffects}).
 */
public final class SmartJob {
  public static final JobSpec SPEC = new JobSpec("smart",
      "Tariff-line partial equilibrium (WITS-SMART) of a scenario for every market into smart_effects and"
          + " smart_summary (config section smart)",
      Map.of("--scenario", "the scenario of tariff_effective to evaluate against the baseline",
          "--year", "the tariff year to evaluate (default: the last year of tariff_effective, the full phase-in)"),
      Set.of(), Map.of(), null, true, false);

  private SmartJob() {}

  public static void main(String[] args) {
    Launcher.main(SPEC, SmartJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws IOException {
    String scenario = ctx.args().value("--scenario").orElseThrow(() -> JobErrors.noSmartScenario());
    return run(spark, ctx, scenario, ctx.args().value("--year").map(SmartJob::year).orElse(null));
  }

  /** @param tariffYear the year to evaluate, or null for the scenario's last year in tariff_effective */
  static JobResult run(SparkSession spark, JobContext ctx, String scenario, Integer tariffYear) throws IOException {
    FtasimConfig.Smart cfg = ctx.config().smart();
    for (var t : List.of(Tables.TRADE_FLOWS, Tables.TARIFF_EFFECTIVE)) {
      if (!TableReader.exists(spark, ctx.warehouse(), t)) {
        throw JobErrors.noTableToRead(t.name(), ctx.warehouse().root(),
            t == Tables.TRADE_FLOWS ? "ftasim ingest-flows" : "ftasim tariffs");
      }
    }
    Dataset<Row> effective = TableReader.read(spark, ctx.warehouse(), Tables.TARIFF_EFFECTIVE);
    Row span = effective.where(col("scenario_id").equalTo(scenario)).agg(max("year")).first();
    if (span.isNullAt(0)) {
      List<String> have = effective.select("scenario_id").distinct().collectAsList().stream()
          .map(r -> r.getString(0)).sorted().toList();
      throw JobErrors.noScenarioRows(scenario, have);
    }
    int year = tariffYear != null ? tariffYear : span.getInt(0);
    Dataset<Row> flows = TableReader.read(spark, ctx.warehouse(), Tables.TRADE_FLOWS);
    int tradeYear = cfg.tradeYear() > 0 ? cfg.tradeYear() : flows.agg(max("year")).first().getInt(0);
    Dataset<Row> lines = SmartEffects.lines(flows, tradeYear, effective, scenario, year).cache();
    try {
      Row counts = lines.agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
          sum(org.apache.spark.sql.functions.when(col("tariff_before").isNull(), 1).otherwise(0)),
          sum(org.apache.spark.sql.functions.when(col("tariff_before").isNull(), col("imports_usd")).otherwise(0.0)))
          .first();
      if (counts.getLong(0) == 0) {
        throw JobErrors.noTradeYear(tradeYear);
      }
      ctx.err().printf("ftasim smart: %s against the baseline in %d on the imports of %d: %,d lines; %,d lines (USD"
          + " %,.0f) left out, their importer has no MFN rate for the product in %d%n", scenario, year, tradeYear,
          counts.getLong(0), counts.getLong(1), counts.getDouble(2), year);
      Dataset<Row> effects = SmartEffects.effects(lines.where(col("tariff_before").isNotNull()),
          importDemand(spark, cfg.importDemandFile()), cfg.importDemand(), cfg.substitution(), cfg.exportSupply(),
          ctx.runId(), scenario, year, tradeYear);
      String predicate = "scenario_id = " + TableWriter.sqlString(scenario);
      TableWriter.replaceWhere(effects, ctx.warehouse(), Tables.SMART_EFFECTS, predicate);
      Dataset<Row> written = TableReader.read(spark, ctx.warehouse(), Tables.SMART_EFFECTS)
          .where(col("run_id").equalTo(ctx.runId()));
      Map<Integer, String> sections = new HashMap<>();
      for (int ch = 1; ch <= 99; ch++) {
        sections.put(ch, HsGroups.section(ch));
      }
      String sectorFile = ctx.config().tariffs().sectors();
      SectorMap sectors = SectorMap.bundled();
      if (!sectorFile.isEmpty()) {
        Path p = new Path(sectorFile);
        try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
          sectors = SectorMap.read(in, sectorFile);
        } catch (java.io.FileNotFoundException e) {
          throw JobErrors.noSuchKeyFile("tariffs.sectors", sectorFile);
        }
      }
      TableWriter.replaceWhere(SmartEffects.summary(written, sectors, sections), ctx.warehouse(),
          Tables.SMART_SUMMARY, predicate);
      report(spark, ctx, scenario);
      return new JobResult().count("lines", counts.getLong(0) - counts.getLong(1)).count("unrated_lines",
              counts.getLong(1)).count("year", year).count("trade_year", tradeYear)
          .table(Tables.SMART_EFFECTS.name()).table(Tables.SMART_SUMMARY.name());
    } finally {
      lines.unpersist();
    }
  }

  /** The report countries' totals toward every partner, largest effect first. */
  private static void report(SparkSession spark, JobContext ctx, String scenario) {
    List<String> countries = ctx.config().report().countries();
    List<Row> rows = TableReader.read(spark, ctx.warehouse(), Tables.SMART_SUMMARY)
        .where(col("run_id").equalTo(ctx.runId()).and(col("level").equalTo("total"))
            .and(col("importer").isin(countries.toArray())))
        .orderBy(col("importer"), col("total_effect_usd").desc()).collectAsList();
    ctx.err().printf("%n%s, SMART: imports of %s by partner (USD m): creation, diversion, total; revenue before ->"
        + " after; consumer surplus%n", scenario, String.join(", ", countries));
    Map<String, Integer> shown = new HashMap<>();
    for (Row r : rows) {
      String importer = r.getAs("importer");
      if (shown.merge(importer, 1, Integer::sum) > 5) {
        continue;
      }
      ctx.err().printf("  %s from %s  %,10.1f %,10.1f %,10.1f   %,9.1f -> %,9.1f   %,8.2f%n", importer,
          r.getAs("exporter"), r.<Double>getAs("trade_creation_usd") / 1e6,
              r.<Double>getAs("trade_diversion_usd") / 1e6,
          r.<Double>getAs("total_effect_usd") / 1e6, r.<Double>getAs("revenue_before_usd") / 1e6,
          r.<Double>getAs("revenue_after_usd") / 1e6, r.<Double>getAs("consumer_surplus_usd") / 1e6);
    }
  }

  private static int year(String text) {
    if (!text.matches("\\d{4}")) {
      throw JobErrors.badTariffYear(text);
    }
    return Integer.parseInt(text);
  }

  public static final StructType ELASTICITIES = new StructType(new StructField[] {
      DataTypes.createStructField("importer", DataTypes.StringType, false),
      DataTypes.createStructField("hs6", DataTypes.StringType, false),
      DataTypes.createStructField("elasticity", DataTypes.DoubleType, false)});

  /**
   * Import-demand elasticities in the Kee–Nicita–Olarreaga layout: a CSV with columns importer (ISO3 or UN M49
   * code), hs6 (a lost leading zero is given back) and elasticity (negative as published; its magnitude is used).
   */
  static Dataset<Row> importDemand(SparkSession spark, String file) throws IOException {
    List<Row> rows = new ArrayList<>();
    if (!file.isBlank()) {
      Path p = new Path(file);
      String text;
      try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
        text = TextDecoding.text(in.readAllBytes());
      } catch (java.io.FileNotFoundException e) {
        throw JobErrors.noSuchKeyFile("smart.import_demand_file", file);
      }
      String[] lines = text.split("\r?\n");
      List<String> header = java.util.Arrays.stream(Csv.split(lines[0])).map(h -> h.trim().toLowerCase()).toList();
      int imp = header.indexOf("importer");
      int hs = header.indexOf("hs6");
      int el = header.indexOf("elasticity");
      if (imp < 0 || hs < 0 || el < 0) {
        throw JobErrors.badDemandHeader(file, lines[0]);
      }
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        String[] f = Csv.split(lines[i]);
        String importer = f[imp].trim();
        String iso = importer.matches("[A-Z]{3}") ? importer : M49.iso3(importer);
        String code = f[hs].trim().length() == 5 ? "0" + f[hs].trim() : f[hs].trim();
        double e;
        try {
          e = Math.abs(Double.parseDouble(f[el].trim()));
        } catch (NumberFormatException x) {
          e = Double.NaN;
        }
        if (iso == null || !code.matches("\\d{6}") || !(e > 0) || Double.isInfinite(e)) {
          throw JobErrors.badDemandLine(file, i + 1, lines[i]);
        }
        rows.add(RowFactory.create(iso, code, e));
      }
    }
    return spark.createDataFrame(rows, ELASTICITIES);
  }
}
