package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.ftasim.SharedData;
import org.ftasim.TestSpark;
import org.ftasim.table.TableReader;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/** estimate-gravity from the command line on Spark: Yotov et al. (2016) and the input errors. */
class EstimateGravityJobTest {
  private static final String PAIR = "pair=if(exporter = importer, 'intra', pair_id)";

  @Test
  void reproducesYotovRtaEffectOnSparkAndWritesItsTables() throws Exception {
    Path data = SharedData.require("yotov2016/rta_panel_1986_2006.csv");
    Path wh = TestSpark.newDir("wh-grav");
    Path out = TestSpark.newDir("grav-out").resolve("estimates.csv");
    LauncherContractTest.Outcome o = LauncherContractTest.run("estimate-gravity", "--data", data.toString(),
        "--formula", "trade ~ RTA | exporter^year + importer^year + pair", "--with", PAIR,
        "--years", "1986,1990,1994,1998,2002,2006", "--out", out.toString(), "--blocks", "4", "--run-id", "yotov",
        "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("term,estimate,std_error,n_obs");
    String[] rta = lines.get(1).split(",");
    assertThat(rta[0]).isEqualTo("RTA");
    assertThat(Double.parseDouble(rta[1])).isCloseTo(0.5572, within(1e-4));
    assertThat(Double.parseDouble(rta[2])).isCloseTo(0.0558, within(1e-3));
    assertThat(rta[3]).isEqualTo("28482");
    assertThat(o.err()).contains("84 separated");

    Warehouse w = new Warehouse(wh.toString());
    Row est = TableReader.read(TestSpark.session(), w, Tables.GRAVITY_ESTIMATES).first();
    assertThat(est.<String>getAs("term")).isEqualTo("RTA");
    assertThat(est.<Long>getAs("n_dropped_separated")).isEqualTo(84L);
    assertThat(est.<String>getAs("vcov")).isEqualTo("robust");
    assertThat(est.<Boolean>getAs("converged")).isTrue();
    // 69 × 6 exporter-years and importer-years, 2,346 international pairs with trade + the shared domestic one
    List<Row> fes = TableReader.read(TestSpark.session(), w, Tables.GRAVITY_FIXED_EFFECTS)
        .groupBy("fixed_effect").count().orderBy("fixed_effect").collectAsList();
    assertThat(fes).extracting(r -> r.getString(0) + "=" + r.getLong(1))
        .containsExactly("exporter^year=414", "importer^year=414", "pair=" + fes.get(2).getLong(1));
    assertThat(fes.get(2).getLong(1)).isBetween(2300L, 2347L);

    // the same blocks with the passes as Spark jobs: the same numbers, bit for bit
    Path onExecutors = out.resolveSibling("executors.csv");
    LauncherContractTest.Outcome spark = LauncherContractTest.run("estimate-gravity", "--data", data.toString(),
        "--formula", "trade ~ RTA | exporter^year + importer^year + pair", "--with", PAIR,
        "--years", "1986,1990,1994,1998,2002,2006", "--out", onExecutors.toString(), "--blocks", "4",
        "--passes", "spark", "--warehouse", wh.toString());
    assertThat(spark.code()).as(spark.err()).isZero();
    assertThat(spark.err()).contains("passes in the executors");
    assertThat(o.err()).contains("passes in the driver");
    assertThat(Files.readAllLines(onExecutors)).isEqualTo(lines);

    generalEquilibriumFromTheEstimate(data, wh);
    sweepOverTheEstimate(data, wh);
  }

  /** The shipped sweep: RTA drawn from the estimate's normal; its draws' mean and sd are β̂ and the standard error. */
  private void sweepOverTheEstimate(Path data, Path wh) {
    LauncherContractTest.Outcome o = LauncherContractTest.run("sweep", "--config",
        "conf/sweeps/gravity-nafta-estimate.yaml", "--set", "sweep.gravity.estimates=yotov", "--set",
        "sweep.data=" + data, "--set", "sweep.draws=64", "--run-id", "nafta-draws", "--warehouse", wh.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("costs from estimate yotov");
    Warehouse w = new Warehouse(wh.toString());
    Row coef = TableReader.read(TestSpark.session(), w, Tables.SWEEP_SUMMARY)
        .where("run_id = 'nafta-draws' and metric = 'cost_coefficient' and sector = 'RTA'").first();
    assertThat(coef.<Long>getAs("n_ok")).isEqualTo(64L);
    // a Latin hypercube of 64 points: the sample mean within 1% of a standard error, the sd within 5% of it
    assertThat(coef.<Double>getAs("mean")).isCloseTo(0.557185, within(0.01 * 0.05577));
    assertThat(coef.<Double>getAs("sd")).isCloseTo(0.05577, within(0.05 * 0.05577));
    Row mex = TableReader.read(TestSpark.session(), w, Tables.SWEEP_SUMMARY)
        .where("run_id = 'nafta-draws' and metric = 'real_gdp_pct' and country = 'MEX'").first();
    assertThat(mex.<Double>getAs("p95")).isLessThan(0);
    assertThat(mex.<Double>getAs("sd")).isPositive();
  }

  /**
   * GE from the estimate (Yotov et al. 2016, ch. 2): costs β·RTA + the pair effect, the 14 directed pairs that never
   * traded filled by the second stage, NAFTA removed in 2006 with σ = 7.
   */
  private void generalEquilibriumFromTheEstimate(Path data, Path wh) throws Exception {
    String noNafta = "RTA_NO_NAFTA=if(exporter in ('USA','CAN','MEX') and importer in ('USA','CAN','MEX') and "
        + "exporter <> importer, 0.0, cast(RTA as double))";
    Path out = TestSpark.newDir("ge").resolve("nafta.csv");
    String[] common = {"solve-gravity", "--estimates", "yotov", "--data", data.toString(), "--year", "2006",
        "--with", PAIR, "--with", "ln_DIST=ln(DIST)", "--with", noNafta, "--sigma", "7",
        "--counterfactual", "RTA=RTA_NO_NAFTA", "--reference", "DEU", "--warehouse", wh.toString()};
    LauncherContractTest.Outcome o = LauncherContractTest.run(common[0], concat(common,
        "--fill", "ln_DIST + CNTG + LANG + CLNY", "--out", out.toString()));
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("estimated for 4747 pairs, filled for 14 by PPML").contains("fitted baseline");
    List<String> rows = Files.readAllLines(out);
    assertThat(rows.get(0)).isEqualTo(
        "country,real_gdp_pct,welfare_pct,factory_gate_price_pct,omr_pct,imr_pct,exports_pct");
    assertThat(value(rows, "CAN", 1)).isLessThan(-1);
    assertThat(value(rows, "MEX", 1)).isLessThan(-1);
    assertThat(value(rows, "USA", 1)).isNegative();
    assertThat(value(rows, "DEU", 5)).isEqualTo(0.0);

    Path mult = out.resolveSibling("multiplicative.csv");
    LauncherContractTest.Outcome m = LauncherContractTest.run(common[0], concat(common,
        "--fill", "ln_DIST + CNTG + LANG + CLNY", "--deficits", "multiplicative", "--out", mult.toString()));
    assertThat(m.code()).as(m.err()).isZero();
    for (String line : Files.readAllLines(mult).subList(1, 70)) {
      String[] f = line.split(",");
      assertThat(Double.parseDouble(f[2])).as(line).isCloseTo(Double.parseDouble(f[1]), within(1e-6));
    }

    LauncherContractTest.Outcome noFill = LauncherContractTest.run(common[0], concat(common));
    assertThat(noFill.code()).isEqualTo(2);
    assertThat(noFill.err()).contains("14 pairs have no estimated pair effect").contains("--fill");
    LauncherContractTest.Outcome noRun = LauncherContractTest.run("solve-gravity", "--estimates", "nosuch",
        "--data", data.toString(), "--year", "2006", "--sigma", "7", "--counterfactual", "RTA=0",
        "--warehouse", wh.toString());
    assertThat(noRun.code()).isEqualTo(2);
    assertThat(noRun.err()).contains("has no rows of that run").contains("yotov");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length - 1 + b.length];
    System.arraycopy(a, 1, out, 0, a.length - 1);
    System.arraycopy(b, 0, out, a.length - 1, b.length);
    return out;
  }

  private static double value(List<String> rows, String country, int column) {
    return Double.parseDouble(rows.stream().filter(l -> l.startsWith(country + ",")).findFirst().orElseThrow()
        .split(",")[column]);
  }

  /**
   * The Yotov panel rebuilt as ftasim keeps trade: its international flows split over two HS6 rows in trade_flows
   * (the zeros absent, as in BACI), its domestic flows in a file. On the file's rows the estimate is the same, bit for
   * bit, as from the panel itself.
   */
  @Test
  void panelFromTradeFlowsAndDomesticFile() throws Exception {
    Path data = SharedData.require("yotov2016/rta_panel_1986_2006.csv");
    Path wh = TestSpark.newDir("wh-flows");
    org.apache.spark.sql.SparkSession spark = TestSpark.session();
    org.apache.spark.sql.Dataset<Row> panel = spark.read().option("header", "true").csv(data.toString());
    org.apache.spark.sql.Dataset<Row> international = panel.where("exporter <> importer and cast(trade as double) > 0");
    org.apache.spark.sql.Dataset<Row> flows = null;
    for (String hs6 : List.of("010121", "854231")) {
      org.apache.spark.sql.Dataset<Row> part = international.selectExpr("cast(year as int) as year", "exporter",
          "importer", "'" + hs6 + "' as hs6", "'H6' as hs_version", "cast(trade as double) / 2 as value_usd",
          "cast(null as double) as quantity_t", "'BACI' as source", "'yotov.csv' as source_file",
          "'test' as run_id", "'/data/yotov.csv' as source_path", "cast(null as string) as source_content");
      flows = flows == null ? part : flows.unionAll(part);
    }
    org.ftasim.table.TableWriter.append(flows, new Warehouse(wh.toString()), Tables.TRADE_FLOWS);
    Path domestic = TestSpark.newDir("domestic").resolve("domestic.csv");
    StringBuilder csv = new StringBuilder("exporter,year,trade\n");
    for (Row r : panel.where("exporter = importer").select("exporter", "year", "trade").collectAsList()) {
      csv.append(r.getString(0)).append(',').append(r.getString(1)).append(',').append(r.getString(2)).append('\n');
    }
    Files.writeString(domestic, csv);

    Path direct = TestSpark.newDir("direct").resolve("direct.csv");
    Path fromFlows = direct.resolveSibling("flows.csv");
    String[] common = {"--data", data.toString(), "--formula", "trade ~ RTA | exporter^year + importer^year + pair",
        "--with", PAIR, "--years", "1986,1990,1994,1998,2002,2006", "--warehouse", wh.toString()};
    LauncherContractTest.Outcome a = LauncherContractTest.run("estimate-gravity", concat(
        prepend("estimate-gravity", common), "--out", direct.toString()));
    LauncherContractTest.Outcome b = LauncherContractTest.run("estimate-gravity", concat(
        prepend("estimate-gravity", common), "--flows", "--domestic", domestic.toString(), "--out",
        fromFlows.toString()));
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(b.err()).containsPattern("flows from trade_flows on the 99981 rows of .*: \\d+ from trade_flows, "
        + "1449 domestic from .*domestic.csv, \\d+ zero; 0 exporter-importer-years of trade_flows are not rows");
    assertThat(Files.readAllLines(fromFlows)).isEqualTo(Files.readAllLines(direct));

    LauncherContractTest.Outcome noDomestic = LauncherContractTest.run("estimate-gravity", concat(
        prepend("estimate-gravity", common), "--flows"));
    assertThat(noDomestic.code()).isEqualTo(2);
    assertThat(noDomestic.err()).contains("--flows needs --domestic FILE");
  }

  private static String[] prepend(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  @Test
  void clusteredByPairOnSpark() throws Exception {
    Path data = SharedData.require("yotov2016/rta_panel_1986_2006.csv");
    LauncherContractTest.Outcome o = LauncherContractTest.run("estimate-gravity", "--data", data.toString(),
        "--formula", "trade ~ RTA | exporter^year + importer^year + pair", "--with", PAIR,
        "--years", "1986,1990,1994,1998,2002,2006", "--cluster", "pair", "--blocks", "3",
        "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("cluster:pair").contains("passes in the driver").containsPattern("RTA +0\\.5571");
  }

  @Test
  void badInputIsNamed() throws Exception {
    Path data = SharedData.require("yotov2016/rta_panel_1986_2006.csv");
    String wh = TestSpark.newDir("wh-bad").toString();
    LauncherContractTest.Outcome missing = LauncherContractTest.run("estimate-gravity", "--data", data.toString(),
        "--formula", "trade ~ FTA | exporter^year", "--warehouse", wh);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("has no column 'FTA'").contains("RTA");

    LauncherContractTest.Outcome oneLevel = LauncherContractTest.run("estimate-gravity", "--data",
        data.toString(), "--formula", "trade ~ RTA | exporter + year", "--year", "1990", "--warehouse", wh);
    assertThat(oneLevel.code()).isEqualTo(2);
    assertThat(oneLevel.err()).contains("fixed effect 'year' has 1 level");

    LauncherContractTest.Outcome notConverging = LauncherContractTest.run("estimate-gravity", "--data",
        data.toString(), "--formula", "trade ~ RTA | exporter^year + importer^year", "--year", "1990",
        "--max-iterations", "1", "--warehouse", wh);
    assertThat(notConverging.code()).isEqualTo(2);
    assertThat(notConverging.err()).contains("did not converge in 1 iterations");
    assertThat(TableReader.exists(TestSpark.session(), new Warehouse(wh), Tables.GRAVITY_ESTIMATES)).isFalse();

    Path dir = TestSpark.newDir("bad-flows");
    Path negative = dir.resolve("negative flows.csv");
    Files.writeString(negative, "exporter,importer,year,trade,RTA\nA,B,2000,1,0\nB,A,2000,-3,1\nA,A,2000,5,0\n"
        + "B,B,2000,NaN,0\n");
    LauncherContractTest.Outcome neg = LauncherContractTest.run("estimate-gravity", "--data", negative.toString(),
        "--formula", "trade ~ RTA | exporter + importer", "--warehouse", wh);
    assertThat(neg.code()).isEqualTo(2);
    assertThat(neg.err()).contains("negative flows.csv").contains("1 of 4 rows have a flow 'trade' is missing, "
        + "not a number or infinite").contains("importer=B");

    Files.writeString(negative, "exporter,importer,year,trade,RTA\nA,B,2000,1,0\nB,A,2000,-3,1\nA,A,2000,5,0\n");
    LauncherContractTest.Outcome neg2 = LauncherContractTest.run("estimate-gravity", "--data",
        negative.toString(), "--formula", "trade ~ RTA | exporter + importer", "--warehouse", wh);
    assertThat(neg2.code()).isEqualTo(2);
    assertThat(neg2.err()).contains("flow 'trade' is negative").contains("trade=-3");

    LauncherContractTest.Outcome where = LauncherContractTest.run("estimate-gravity", "--data", data.toString(),
        "--formula", "trade ~ RTA | exporter", "--where", "exporter <> nosuch", "--warehouse", wh);
    assertThat(where.code()).isEqualTo(2);
    assertThat(where.err()).contains("--where \"exporter <> nosuch\" cannot be evaluated");
  }
}
