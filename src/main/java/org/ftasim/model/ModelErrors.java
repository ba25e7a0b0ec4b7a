package org.ftasim.model;

import java.util.List;

/**
 * Every error of model data a user can cause (elasticities, flows, shares, formulas, tariff paths), in one place (as
 * Delta Kernel's {@code DeltaErrors}): each names the region, sector, pair or term, the bad value, and the fix. The
 * models are engine-free, so these name what the model sees; the stages that read files add the file and line.
 */
public final class ModelErrors {
  private ModelErrors() {}

  private static final String FORMULA_FIX =
      "; fix: write it as \"trade ~ rta + ln_dist | exporter^year + importer^year + pair\"";

  public static ModelDataException badSigma(double sigma) {
    return new ModelDataException("sigma is " + sigma
        + "; the elasticity of substitution must be finite and > 1; fix: give e.g. sigma 5");
  }

  public static ModelDataException unknownCostCovariate(String covariate, String covariates) {
    return new ModelDataException("cost covariate '" + covariate + "' is not in the data; it has " + covariates
        + "; fix: name one of those");
  }

  public static ModelDataException noDomesticPairEffect(String country) {
    return new ModelDataException("the estimate has no pair effect for the domestic pair " + country + " → " + country
        + "; fix: estimate with that country's domestic flows in the sample");
  }

  public static ModelDataException pairsWithoutEffect(int missing, String examples) {
    return new ModelDataException(missing
        + " pairs have no estimated pair effect (they did not trade in the estimation sample), e.g. " + examples
        + "; fix: fill them from gravity covariates, e.g. --fill \"ln_DIST + CNTG + LANG + CLNY\"");
  }

  public static ModelDataException unknownFillCovariate(String c, String covariates) {
    return new ModelDataException("--fill covariate '" + c + "' is not in the data; it has " + covariates
        + "; fix: name one of those");
  }

  public static ModelDataException pairCannotBeFilled(String exporter, String importer, boolean asExporter) {
    return new ModelDataException("the pair " + exporter + " → " + importer
        + " has no estimated pair effect and cannot be filled: "
        + (asExporter ? exporter + " has no estimated pair effect as an exporter" : importer + " has none as an"
        + " importer")
        + "; fix: estimate on a sample where it trades");
  }

  public static ModelDataException tooFewCountries(int n) {
    return new ModelDataException("gravity needs at least 2 countries, got " + n
        + "; fix: give a table of two countries or more");
  }

  public static ModelDataException badFlow(String exporter, String importer, double x) {
    return new ModelDataException("trade from " + exporter + " to " + importer + " is " + x
        + "; flows must be finite and >= 0; fix: correct that flow");
  }

  public static ModelDataException noOutput(String country, double output, double expenditure) {
    return new ModelDataException("country " + country + " has output " + output + " and expenditure " + expenditure
        + "; both must be > 0 (is its domestic flow missing?); fix: give its flows, the domestic one included");
  }

  public static ModelDataException tooFewObservations(long separated,
      long singletons,
      long nObs,
      int k,
      String formula) {
    return new ModelDataException("after dropping " + separated + " separated and " + singletons
        + " singleton observations, " + nObs + " remain for " + k + " covariates of \"" + formula
        + "\"; fix: use more data or fewer fixed effects");
  }

  public static ModelDataException notConverged(String formula, int iteration, double change, double tolerance) {
    return new ModelDataException("PPML for \"" + formula + "\" did not converge in " + iteration
        + " iterations: the deviance last changed by " + change + " (relative; tolerance " + tolerance
        + "); fix: raise --max-iterations, or look for a covariate that separates zero flows (a dummy that is 1 "
        + "only where trade is 0), or rescale the covariates");
  }

  public static ModelDataException demeaningNotConverged(int maxIterations) {
    return new ModelDataException("demeaning on the fixed effects did not converge in " + maxIterations
        + " iterations; fix: check that the fixed effects are connected (every level shares observations with "
        + "others)");
  }

  public static ModelDataException collinearWithFixedEffects(String covariate, String formula) {
    return new ModelDataException("covariate '" + covariate + "' of \"" + formula
        + "\" is collinear with the fixed effects (nothing is left of it once they are absorbed); fix: remove it "
        + "or the fixed effect that absorbs it");
  }

  public static ModelDataException collinearCovariates(String formula, List<String> covariates) {
    return new ModelDataException("the covariates of \"" + formula
        + "\" are collinear with one another; fix: remove one of " + covariates);
  }

  public static ModelDataException collinear(String formula, List<String> covariates) {
    return new ModelDataException("the covariates of \"" + formula + "\" are collinear; fix: remove one of "
        + covariates);
  }

  public static ModelDataException notOneTilde(String text) {
    return new ModelDataException("formula \"" + text + "\" needs exactly one '~'" + FORMULA_FIX);
  }

  public static ModelDataException severalBars(String text) {
    return new ModelDataException("formula \"" + text + "\" has more than one '|'" + FORMULA_FIX);
  }

  public static ModelDataException fixedEffectRepeatsColumn(String text, String term) {
    return new ModelDataException("formula \"" + text + "\": fixed effect '" + term + "' repeats a column"
        + FORMULA_FIX);
  }

  public static ModelDataException covariateTwice(String text, String c) {
    return new ModelDataException("formula \"" + text + "\": covariate '" + c
        + "' appears twice or is the dependent variable" + FORMULA_FIX);
  }

  public static ModelDataException fixedEffectTwice(String text, String fe) {
    return new ModelDataException("formula \"" + text + "\": fixed effect '" + fe + "' appears twice" + FORMULA_FIX);
  }

  public static ModelDataException notAColumnName(String text, String name) {
    return new ModelDataException("formula \"" + text + "\": '" + name + "' is not a column name" + FORMULA_FIX);
  }

  public static ModelDataException tooSmall(int n, int j) {
    return new ModelDataException("the model needs at least 2 regions and 1 sector, got " + n + " and " + j
        + "; fix: give data of two regions or more");
  }

  public static ModelDataException baselineYears(int baseline, int years) {
    return new ModelDataException("tariff path: " + baseline + " baseline years for " + years
        + " years; fix: give the baseline one set of tariffs per year");
  }

  public static ModelDataException scenarioCount(int given, int named) {
    return new ModelDataException("tariff path: tariffs or first years for " + given + " scenarios, " + named
        + " named; fix: give each named scenario its tariffs and first year");
  }

  public static ModelDataException yearsNotAscending(int before, int after) {
    return new ModelDataException("tariff path: years must ascend, found " + before + " then " + after
        + "; fix: sort the years");
  }

  public static ModelDataException icebergCount(int iceberg, int tariffs) {
    return new ModelDataException("tariff path: iceberg costs for " + iceberg + " scenarios, " + tariffs
        + " with tariffs; fix: give every scenario both");
  }

  public static ModelDataException icebergYears(String scenario, int given, int years) {
    return new ModelDataException("tariff path: scenario " + scenario + " has " + given
        + " years of iceberg costs for " + years + " years; fix: give one per year");
  }

  public static ModelDataException tariffYears(String scenario, int given, int first, int years) {
    return new ModelDataException("tariff path: scenario " + scenario + " has " + given
        + " years of tariffs and first index " + first + " for " + years
        + " years; fix: give one per year, and a first index within them");
  }

  public static ModelDataException noFinalDemand(String region, double fd) {
    return new ModelDataException("region " + region + " has no final demand (sum of final_consumption is " + fd
        + "); every region needs some; fix: aggregate it with a neighbour, or correct final_consumption");
  }

  public static ModelDataException noLabourIncome(String region, double labour) {
    return new ModelDataException("region " + region + " has no labour income (value added less capital income is "
        + labour + "); every region needs some; fix: check value_added and the capital shares");
  }

  public static ModelDataException noGrossOutput(String region, String sector, double go) {
    return new ModelDataException("gross output of region " + region + ", sector " + sector + " is " + go
        + " (value added plus intermediate use); it must be > 0; fix: aggregate the sector with another, or correct"
        + " the data");
  }

  public static ModelDataException badTheta(String sector, double theta) {
    return new ModelDataException("theta of sector " + sector + " is " + theta
        + "; trade elasticities must be finite and greater than 0; fix: e.g. 4.5");
  }

  public static ModelDataException badCapitalShare(String region, String sector, double b) {
    return new ModelDataException("capital share of region " + region + ", sector " + sector + " is " + b
        + "; it must be at least 0 and below 1 (0.33 = a third of value added is capital income); fix: give a share"
        + " in that range");
  }

  public static ModelDataException badIntermediate(String input, double v, String where) {
    return new ModelDataException("intermediate consumption of input " + input + " is " + v + " at " + where
        + "; it must be a finite number; fix: correct that cell");
  }

  public static ModelDataException badDeficit(String region, double deficit) {
    return new ModelDataException("deficit of region " + region + " is " + deficit
        + "; fix: give a finite number (0 for balanced trade)");
  }

  public static ModelDataException deficitsDoNotSum(double sum, double scale) {
    return new ModelDataException("deficits sum to " + sum + " across regions, not zero (world value added is "
        + scale + "); one region's surplus is another's deficit; fix: correct deficit.csv");
  }

  public static ModelDataException negativeValue(String what, double v, String where) {
    return new ModelDataException(what + " is " + v + " at " + where
        + "; it must be a finite number >= 0; fix: correct that cell");
  }

  public static ModelDataException badIceberg(String what, double v, String where) {
    return new ModelDataException(what + " is " + v + " at " + where
        + "; iceberg cost changes must be > 0; fix: give a factor such as 0.97");
  }

  public static ModelDataException badTariff(String what, double v, String where) {
    return new ModelDataException(what + " is " + v + " at " + where
        + "; a tariff rate must be finite and above -1 (0.05 = 5%); fix: give the rate as a fraction");
  }

  public static ModelDataException badImportDemand(int m, double elasticity) {
    return new ModelDataException("market " + m + ": import-demand elasticity " + elasticity
        + " must be a finite magnitude > 0; fix: give e.g. 1.5");
  }

  public static ModelDataException badSubstitution(int m, double elasticity) {
    return new ModelDataException("market " + m + ": substitution elasticity " + elasticity
        + " must be finite and >= 0; fix: give e.g. 1.5");
  }

  public static ModelDataException badExportSupply(int m, double elasticity) {
    return new ModelDataException("market " + m + ": export-supply elasticity " + elasticity
        + " must be > 0; fix: give e.g. 99 (near-infinite supply)");
  }

  public static ModelDataException badImports(int r, double imports) {
    return new ModelDataException("row " + r + ": imports " + imports
        + " must be finite and >= 0; fix: correct that row");
  }

  public static ModelDataException badMarketTariffs(int r, double tariff, double newTariff) {
    return new ModelDataException("row " + r + ": tariffs " + tariff + " → " + newTariff
        + " must be finite rates above -1 (0.05 = 5%); fix: give the rates as fractions");
  }
}
