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
    assertThat(regions.get(0)).isEqualTo(
        "region,welfare_pct,tot_pct,vot_pct,tech_pct,real_wage_pct,real_income_pct,tariff_revenue_pct");
    assertThat(regions).hasSize(32);
    String mexico = regions.stream().filter(l -> l.startsWith("Mexico,")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(mexico.split(",")[1])).isBetween(1.30, 1.32);
    List<String> sectors = Files.readAllLines(out.resolve("region_sectors.csv"));
    assertThat(sectors).hasSize(1 + 31 * 40);
    assertThat(sectors.get(0)).isEqualTo("region,sector,output_pct,real_output_pct,exports_pct,imports_pct");
    assertThat(o.err()).contains("negative intermediate consumption").contains("Mexico");
    assertThat(o.summary(false).get("counts").get("iterations_counterfactual").asInt()).isPositive();
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
    assertThat(Double.parseDouble(can.split(",")[1])).isBetween(0.2, 0.6);
    assertThat(o.err()).contains("expenditures were scaled to world output");

    LauncherContractTest.Outcome bad = LauncherContractTest.run("solve-gravity", "--data", data.toString(),
        "--sigma", "5", "--cost", "lndist=-0.39", "--counterfactual", "fta=1@CAN:JPN",
        "--warehouse", TestSpark.newDir("wh").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("covariate 'fta' is not in the data");
  }
}
