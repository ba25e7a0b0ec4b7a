package org.ftasim.jobs;

import org.ftasim.table.Csv;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.ftasim.sample.Economy;
import org.ftasim.sample.ModelSample;
import org.ftasim.sample.Nomenclature;
import org.ftasim.sample.Quirks;
import org.ftasim.sample.SampleSpec;
import org.ftasim.sample.SampleWorld;
import org.ftasim.sample.TariffSample;
import org.ftasim.sample.spark.BaciLines;
import org.ftasim.sample.spark.SectorFlows;
import org.ftasim.tariff.AgreementBook;
import org.ftasim.sector.IndustryMap;
import org.ftasim.sector.SectorMap;
import org.ftasim.table.TextFiles;

/**
 * {@code ftasim generate-sample --out DIR}: the embedded sample world, written in the real input formats (BACI
 * trade files with their country and product lists, tariff schedules, input-output data as an OECD ICIO table and
 * in the CP2015 layout) so that the same readers run on it and on real downloads. Deterministic: the same seed gives
 * the same bytes, whatever the partitioning. BACI files are generated in parallel by Spark, one block per exporter.
 */
public final class GenerateSampleJob {
  /** The options that size the world, shared with the demo. */
  static final Map<String, String> WORLD_OPTIONS = worldOptions();

  private static Map<String, String> worldOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--countries", "number of economies (default 24 at small scale)");
    m.put("--products", "about this many HS6 products (default 5000)");
    m.put("--years", "YEAR or FIRST-LAST (default 2019-2023)");
    return m;
  }

  public static final JobSpec SPEC = new JobSpec("generate-sample",
      "Write the embedded sample world (BACI, tariffs, model data) in the real input formats",
      options(), Set.of(), Map.of(), null, true, false);

  private static final Pattern YEARS = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");

  private GenerateSampleJob() {}

  private static Map<String, String> options() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--out", "folder (or Hadoop URI) to write to; required");
    m.put("--seed", "seed (default: the config's seed)");
    m.put("--scale", "small (24 economies, the demo's world, default) or full (about 200 economies, BACI's size)");
    m.putAll(WORLD_OPTIONS);
    m.put("--partitions", "Spark partitions for the BACI files (default 4 per core)");
    return m;
  }

  public static void main(String[] args) {
    Launcher.main(SPEC, GenerateSampleJob::run, args);
  }

  public static JobResult run(SparkSession spark, JobContext ctx) throws Exception {
    SampleSpec spec = spec(ctx);
    String out = ctx.args().required("--out");
    int partitions = ctx.args().value("--partitions").map(v -> positive("--partitions", v))
        .orElse(4 * spark.sparkContext().defaultParallelism());
    return generate(spark, spec, out, partitions, ctx);
  }

  static SampleSpec spec(JobContext ctx) {
    Invocation a = ctx.args();
    long seed = a.value("--seed").map(v -> {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw JobErrors.badSeed(v);
      }
    }).orElse(ctx.config().seed());
    String years = a.value("--years").orElse("2019-2023");
    Matcher m = YEARS.matcher(years);
    if (!m.matches()) {
      throw JobErrors.badYears(years);
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    if (first > last || first < 1995 || last > 2035) {
      throw JobErrors.yearsOutOfRange(years);
    }
    String scale = a.value("--scale").orElse("small");
    SampleSpec spec = switch (scale) {
      case "small" -> SampleSpec.small(seed, first, last);
      case "full" -> SampleSpec.full(seed, first, last);
      default -> throw JobErrors.badScale(scale);
    };
    Integer countries = a.value("--countries").map(v -> positive("--countries", v)).orElse(null);
    Integer products = a.value("--products").map(v -> positive("--products", v)).orElse(null);
    if (countries != null && (countries < 3 || countries > 240)) {
      throw JobErrors.countriesOutOfRange(countries);
    }
    if (products != null && (products < 500 || products > 6000)) {
      throw JobErrors.productsOutOfRange(products);
    }
    return spec.withCounts(countries, products);
  }

  static int positive(String option, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw JobErrors.notPositive(option, v);
  }

  /** Writes the whole sample; used by the job and by the demo. */
  static JobResult generate(SparkSession spark, SampleSpec spec, String out, int partitions, JobContext ctx)
      throws Exception {
    long t0 = System.nanoTime();
    SampleWorld world = new SampleWorld(spec);
    TextFiles files = new TextFiles(spark.sparkContext().hadoopConfiguration());
    String baci = out + "/baci";
    String tag = spec.versionTag();
    files.write(baci + "/country_codes_V" + tag + ".csv", countryCodes(world.economies()));
    files.write(baci + "/product_codes_HS17_V" + tag + ".csv", productCodes(world.hs()));

    Broadcast<SampleWorld> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(world);
    JobResult result = new JobResult();
    List<Map<String, Object>> manifestFiles = new ArrayList<>();
    long totalRows = 0;
    for (int y = spec.firstYear(); y <= spec.lastYear(); y++) {
      int year = y;
      boolean strip = year == spec.firstYear();
      LongAccumulator rows = spark.sparkContext().longAccumulator("rows " + year);
      LongAccumulator stripped = spark.sparkContext().longAccumulator("stripped " + year);
      String name = "BACI_HS17_Y" + year + "_V" + tag + ".csv";
      String parts = baci + "/_parts_" + year;
      boolean last = year == spec.lastYear();
      BaciLines.blocks(spark, shared, year, partitions, strip, last, rows, stripped).write().mode("overwrite")
          .text(parts);
      List<Quirks.Planted> planted = last ? Quirks.planted(world, year) : List.of();
      if (!planted.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        planted.forEach(p -> sb.append(p.line()).append('\n'));
        files.write(parts + "/part-99999-planted.txt", sb.toString());
      }
      long bytes = files.concatParts(parts, org.ftasim.sample.BaciFormat.HEADER, baci + "/" + name);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("file", "baci/" + name);
      f.put("year", year);
      f.put("flows", rows.value());
      f.put("lines", 1 + rows.value() + planted.size() + (last ? 1 : 0));
      f.put("bytes", bytes);
      f.put("codes_without_leading_zero", stripped.value());
      Map<String, Long> reasons = Quirks.reasons(planted);
      if (last) {
        reasons.put(Quirks.DUPLICATE, 1L);
      }
      f.put("planted_rejects", reasons);
      manifestFiles.add(f);
      totalRows += rows.value();
      ctx.err().printf("ftasim generate-sample: %s %,d flows, %,d bytes%n", name, rows.value(), bytes);
    }
    TariffSample.Schedules schedules = TariffSample.build(world);
    TariffSample.Written tariffs = TariffSample.write(world, schedules, files, out + "/tariffs");
    int year = spec.referenceYear();
    IndustryMap industries = IndustryMap.bundled();
    SectorMap cells = SectorMap.industryLevel(industries);
    Broadcast<ModelSample.RateTable> rates = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(ModelSample.RateTable.build(world, schedules, AgreementBook.bundled(), cells, year));
    ModelSample.Written model = ModelSample.write(world, industries, cells, year,
        SectorFlows.aggregate(spark, shared, rates, year, cells.sectors().size(), partitions), files, out);
    rates.destroy();
    shared.destroy();

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("generator", "ftasim generate-sample");
    manifest.put("seed", spec.seed());
    manifest.put("economies", world.economies().size());
    manifest.put("products", world.hs().size());
    manifest.put("first_year", spec.firstYear());
    manifest.put("last_year", spec.lastYear());
    manifest.put("baci_version", tag);
    manifest.put("baci_files", manifestFiles);
    manifest.put("tariff_files", tariffs.files());
    manifest.put("model_reference_year", model.year());
    manifest.put("icio_file", ModelSample.icioFile(model.year()));
    manifest.put("icio_countries", model.icioCountries());
    files.write(out + "/manifest.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(manifest) + "\n");

    double seconds = (System.nanoTime() - t0) / 1e9;
    ctx.err().printf("ftasim generate-sample: %d economies x %d products, %d-%d: %,d flows, %,d tariff lines, model"
        + " data for %d in %s (%.1f s)%n", world.economies().size(), world.hs().size(), spec.firstYear(),
        spec.lastYear(), totalRows, tariffs.lines(), model.year(), out, seconds);
    return result.count("economies", world.economies().size()).count("products", world.hs().size())
        .count("flows", totalRows).count("tariff_lines", tariffs.lines())
        .count("years", spec.lastYear() - spec.firstYear() + 1);
  }

  static String countryCodes(List<Economy> economies) {
    StringBuilder sb = new StringBuilder("country_code,country_name,country_iso2,country_iso3\n");
    for (Economy e : economies) {
      sb.append(e.code()).append(',').append(Csv.field(e.name())).append(',').append(e.iso2()).append(',')
          .append(e.iso3()).append('\n');
    }
    return sb.toString();
  }

  static String productCodes(Nomenclature hs) {
    StringBuilder sb = new StringBuilder("code,description\n");
    for (Nomenclature.Product p : hs.products()) {
      sb.append(p.code()).append(',').append(Csv.field(p.description())).append('\n');
    }
    return sb.toString();
  }
}
