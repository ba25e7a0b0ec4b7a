package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ftasim.SharedData;
import org.ftasim.TestSpark;
import org.junit.jupiter.api.Test;

/** solve-cp and solve-gravity from the command line, on the reference data, in-process. */
class SolveJobsTest {

  @Test
  void solveCpWritesBothCsvFilesWithThePublishedMexicoWelfare() throws Exception {
    Path data = SharedData.require("cp2015-nafta");
    Path out = TestSpark.newDir("solve-cp");
    LauncherContractTest.Outcome o = LauncherContractTest.run("solve-cp", "--data", data.toString(), "--out",
        out.toString(), "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(o.code()).as(o.err()).isZero();
    List<String> regions = Files.readAllLines(out.resolve("regions.csv"));
    assertThat(regions.get(0)).isEqualTo("region,welfare_pct,tot_pct,vot_pct,tech_pct,capital_pct,real_wage_pct,"
        + "real_income_pct,tariff_revenue_pct,real_gdp_pct,ev_pct,capital_stock_pct,rental_rate_pct,investment_pct");
    assertThat(regions).hasSize(32);
    String mexico = regions.stream().filter(l -> l.startsWith("Mexico,")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(mexico.split(",")[1])).isBetween(1.30, 1.32);
    List<String> sectors = Files.readAllLines(out.resolve("region_sectors.csv"));
    assertThat(sectors).hasSize(1 + 31 * 40);
    assertThat(sectors.get(0)).isEqualTo("region,sector,output_pct,real_output_pct,exports_pct,imports_pct");
    assertThat(o.err()).contains("negative intermediate consumption").contains("Mexico");
    assertThat(o.summary(false).get("counts").get("iterations").asInt()).isPositive();
  }

  @Test
  void solveCpAccumulatesCapitalYearByYearFromASharesFile() throws Exception {
    Path data = SharedData.require("cp2015-nafta");
    Path dir = TestSpark.newDir("solve-cp-capital");
    Path shares = dir.resolve("capital shares.csv");
    Files.writeString(shares, "sector,region,value\nALL,ALL,0.3\nALL,Mexico,0.4\n");
    Path out = dir.resolve("out");
    LauncherContractTest.Outcome o = LauncherContractTest.run("solve-cp", "--data", data.toString(), "--closure",
        "recursive", "--capital-shares", shares.toString(), "--depreciation", "0.1", "--years", "5", "--out",
        out.toString(), "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("capital recursive (year 5 of the path)");
    List<String> years = Files.readAllLines(out.resolve("region_years.csv"));
    assertThat(years).hasSize(1 + 5 * 31);
    List<String> header = List.of(years.get(0).split(","));
    int stock = header.indexOf("capital_stock_pct");
    double first = Double.NaN;
    double last = Double.NaN;
    for (String line : years) {
      String[] f = line.split(",");
      if (f[1].equals("Mexico")) {
        double v = Double.parseDouble(f[stock]);
        first = f[0].equals("1") ? v : first;
        last = f[0].equals("5") ? v : last;
      }
    }
    // year 1 is the short run; NAFTA's cuts then draw capital into Mexico
    assertThat(first).isZero();
    assertThat(last).isGreaterThan(0.1);
    String mexico = Files.readAllLines(out.resolve("regions.csv")).stream().filter(l -> l.startsWith("Mexico,"))
        .findFirst().orElseThrow();
    assertThat(Double.parseDouble(mexico.split(",")[header.indexOf("capital_stock_pct") - 1])).isEqualTo(last);
  }

  @Test
  void solveCpRefusesBadCapitalSettingsWithExit2() throws Exception {
    Path data = SharedData.require("cp2015-nafta");
    Path dir = TestSpark.newDir("solve-cp-bad");
    Path shares = dir.resolve("shares.csv");
    Files.writeString(shares, "sector,region,value\nALL,ALL,0.3\nALL,Mexico,1.5\n");
    String wh = TestSpark.newDir("wh").toString();
    for (String[] bad : new String[][] {
        {"--capital-share", "1.2", "--capital-share '1.2' is not allowed"},
        {"--capital-share", "abc", "--capital-share 'abc' is not allowed"},
        {"--depreciation", "0", "--depreciation '0' is not allowed"},
        {"--closure", "dynamic", "--closure 'dynamic' is not allowed; fix: use fixed, steady_state or recursive"},
        {"--capital-shares", shares.toString(), "line 3: capital share 1.5 is not allowed"}}) {
      LauncherContractTest.Outcome o = LauncherContractTest.run("solve-cp", "--data", data.toString(), bad[0], bad[1],
          "--out", dir.resolve("out").toString(), "--warehouse", wh);
      assertThat(o.code()).as(o.err()).isEqualTo(2);
      assertThat(o.err()).contains(bad[2]);
    }
  }

  @Test
  void solveCpNamesAMissingFile() throws Exception {
    Path empty = TestSpark.newDir("no-data");
    LauncherContractTest.Outcome o = LauncherContractTest.run("solve-cp", "--data", empty.toString(),
        "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("theta.csv is missing");
  }

  @Test
  void solveGravityOnTheGegravitySample() throws Exception {
    Path data = SharedData.require("gegravity-sample/sample_data_set.csv");
    Path out = TestSpark.newDir("grav").resolve("out.csv");
    LauncherContractTest.Outcome o = LauncherContractTest.run("solve-gravity", "--data", data.toString(),
        "--sigma", "5", "--cost", "lndist=-0.3898623,contiguity=0.891577,common_language=0.0326249,pta=0.4711383,"
            + "international=-3.412584",
        "--counterfactual", "pta=1@CAN:JPN,JPN:CAN", "--reference", "USA", "--out", out.toString(),
        "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(o.code()).as(o.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo(
        "country,real_gdp_pct,welfare_pct,factory_gate_price_pct,omr_pct,imr_pct,exports_pct");
    assertThat(lines).hasSize(31);
    String can = lines.stream().filter(l -> l.startsWith("CAN,")).findFirst().orElseThrow();
    // the README's +0.43% (fitted baseline), as the CSV writes it
    assertThat(can.split(",")[1]).isEqualTo("0.428333");
    assertThat(o.err()).contains("expenditures were scaled to world output");

    // gegravity's own model and reference importer: its documented Canada figures, as written
    Path ge = TestSpark.newDir("grav").resolve("gegravity.csv");
    LauncherContractTest.Outcome g = LauncherContractTest.run("solve-gravity", "--data", data.toString(),
        "--sigma", "5", "--cost", "lndist=-0.3898623,contiguity=0.891577,common_language=0.0326249,pta=0.4711383,"
            + "international=-3.412584", "--model", "gegravity",
        "--counterfactual", "pta=1@CAN:JPN,JPN:CAN", "--reference", "DEU", "--out", ge.toString(),
        "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(g.code()).as(g.err()).isZero();
    String[] canada = Files.readAllLines(ge).stream().filter(l -> l.startsWith("CAN,")).findFirst().orElseThrow()
        .split(",");
    assertThat(canada[1]).isEqualTo("0.418261");
    assertThat(canada[6]).isEqualTo("1.573180");
    LauncherContractTest.Outcome mixed = LauncherContractTest.run("solve-gravity", "--data", data.toString(),
        "--sigma", "5", "--cost", "lndist=-0.39", "--model", "gegravity", "--baseline", "observed",
        "--counterfactual", "pta=1@CAN:JPN", "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(mixed.code()).isEqualTo(2);
    assertThat(mixed.err()).contains("--model gegravity takes no --baseline or --deficits");

    LauncherContractTest.Outcome bad = LauncherContractTest.run("solve-gravity", "--data", data.toString(),
        "--sigma", "5", "--cost", "lndist=-0.39", "--counterfactual", "fta=1@CAN:JPN",
        "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("covariate 'fta' is not in the data");
  }
}
