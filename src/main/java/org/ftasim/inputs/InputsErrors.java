package org.ftasim.inputs;

import java.util.List;
import java.util.Set;
import org.ftasim.config.UserException;

/**
 * Every user error of reading the model's data (the CP layout, OECD ICIO tables, gravity tables, SMART markets) and
 * of the stored model inputs, in one place (as Delta Kernel's {@code DeltaErrors}): each names the file and line or
 * the key, the bad value, and the fix.
 */
public final class InputsErrors {
  private InputsErrors() {}

  static UserException badCapitalShare(String file, int line, double v) {
    return new UserException("file " + file + " line " + line + ": capital share " + v + " is not"
        + " allowed; fix: give capital's share of value added, at least 0 and below 1 (0.33 = a third)");
  }

  static UserException capitalShareTwice(String file, int line, String sector, String region) {
    return new UserException("file " + file + " line " + line + ": sector " + sector + ", region " + region
        + " is given twice; fix: give each (sector, region) once");
  }

  static UserException noCapitalShare(String file, String region, String sector) {
    return new UserException("file " + file + " gives no capital share for region " + region + ", sector " + sector
        + "; fix: add a row for it," + " or an ALL row");
  }

  static UserException nameTwice(String file, int line, String column, String name) {
    return new UserException("file " + file + " line " + line + ": " + column + " '" + name
        + "' appears twice; fix: list each " + column + " once");
  }

  static UserException noNames(String file, String column) {
    return new UserException("file " + file + " lists no " + column
        + "; fix: give the file as the CP layout has it, one row per " + column);
  }

  static UserException notListed(String file, int line, String column, String name, String list) {
    return new UserException("file " + file + " line " + line + ": " + column + " '" + name + "' is not listed in "
        + list + "; fix: spell it as " + list + " does, or add it there");
  }

  static UserException cellTwice(String file, int line, String what) {
    return new UserException("file " + file + " line " + line + ": " + what
        + " appears twice; fix: give each cell once");
  }

  static UserException rowsMissing(String file, int have, int expected, String what, int first) {
    return new UserException("file " + file + " has " + have + " of the " + expected + " rows it needs (" + what
        + "); the first missing is entry #" + first + "; fix: add the missing rows (value 0 where there is none)");
  }

  static UserException noSmartMarkets() {
    return new UserException("there are no SMART markets to sweep; fix: give a market file (or a smart_effects"
        + " scenario) with at least one market whose tariff changes");
  }

  static UserException noMarkets(String file) {
    return new UserException("file " + file + " has no markets; fix: give one row per importer, product and exporter");
  }

  static UserException badMarketRow(String file, int line) {
    return new UserException("file " + file + " line " + line
        + ": imports must be >= 0 and tariffs above -1 (rates, 0.05 = 5%); fix: correct that row");
  }

  public static UserException notOneRun(String inputsId,
      java.util.SortedSet<String> inputRuns,
      java.util.SortedSet<String> tariffRuns) {
    return new UserException("inputs id '" + inputsId + "' is not one run's: model_inputs comes from run(s) "
        + inputRuns + ", model_tariffs from " + tariffRuns + "; fix: run ftasim model-inputs with inputs.id="
        + inputsId + " again, which replaces both");
  }

  public static UserException noModelInputs(String root) {
    return new UserException("there are no model inputs: the table model_inputs does not exist in " + root
        + "; fix: run ftasim model-inputs first");
  }

  public static UserException noInputsId(String inputsId, List<String> ids) {
    return new UserException("model_inputs holds no inputs with id '" + inputsId + "' (it has " + ids
        + "); fix: run ftasim model-inputs with inputs.id=" + inputsId + " or name one of those");
  }

  public static UserException noScenarioTariffs(String s, String inputsId, Set<String> stored) {
    return new UserException("scenario '" + s + "' has no model tariffs under inputs id '" + inputsId + "' (stored: "
        + stored + "); fix: run ftasim tariffs with the scenario, then ftasim model-inputs");
  }

  public static UserException noScenarioBesidesBaseline(String inputsId) {
    return new UserException("model_tariffs holds no scenario besides the baseline under inputs id '" + inputsId
        + "'; fix: run ftasim tariffs with scenarios (tariffs.scenarios), then ftasim model-inputs");
  }

  public static UserException noBaselineForReferenceYear(int year, String inputsId) {
    return new UserException("model_tariffs has no baseline rows for the reference year " + year
        + " under inputs id '" + inputsId + "'; fix: run ftasim model-inputs again");
  }

  public static UserException noYearToSolve(String first, int firstStored, int lastStored, int firstYear,
      int lastYear) {
    return new UserException("no year to solve: the scenarios' tariffs first differ from the baseline's in " + first
        + ", stored years run " + firstStored + "-" + lastStored + ", sweep.fta.first_year = " + firstYear
        + ", last_year = " + lastYear + "; fix: check the scenarios (do they change anything?) or the year settings");
  }

  static UserException emptyIcio(String file, String expected) {
    return new UserException("file " + file + " is empty; fix: give " + expected);
  }

  static UserException icioRowTwice(String file, int no, String label) {
    return new UserException("file " + file + " line " + no + ": row " + label
        + " appears twice; fix: give each row once, as the OECD publishes the table");
  }

  static UserException negativeOutput(String file, int no, String column, double value) {
    return new UserException("file " + file + " line " + no + ": OUT of " + column + " is " + value
        + "; output must be a number of at least 0; fix: correct the cell or download the table again");
  }

  static UserException notAnIcioRow(String file, int no, String label, String source, String expected) {
    return new UserException("file " + file + " line " + no + ": row '" + label + "' is neither <ISO3>_<industry> of "
        + source + " nor TLS, VA or OUT; fix: give " + expected);
  }

  static UserException rowWithoutColumns(String file, int no, String label, String country, String expected) {
    return new UserException("file " + file + " line " + no + ": row '" + label + "' is for " + country
        + ", which has no columns; fix: give " + expected);
  }

  static UserException noAccountRow(String file, String account, String expected) {
    return new UserException("file " + file + " has no " + account + " row; fix: give " + expected);
  }

  static UserException columnWithoutRow(String file, String column, String expected) {
    return new UserException("file " + file + " has a column " + column + " but no row for it; fix: give " + expected);
  }

  static UserException negativeFinalDemand(String file, String region, String sector, double sum) {
    return new UserException("file " + file + ": final demand of " + region + ", " + sector + " sums to " + sum
        + " (USD million) after aggregation, below zero: its inventory"
        + " changes (INVNT) or purchases abroad (DPABR) outweigh the rest; fix: aggregate more countries or"
        + " industries together (inputs.regions, the industry map)");
  }

  static UserException notACountry(String r, String file, List<String> countries) {
    return new UserException("inputs.regions names " + r + ", which is not a country of " + file + " (it has "
        + countries + "); fix: use the table's ISO3 codes (CN1/CN2 and MX1/MX2 are CHN and MEX)");
  }

  static UserException notAnIcioColumn(String file, int column, String name, String expected) {
    return new UserException("file " + file + " line 1: column " + column + " is '" + name + "'; this is not "
        + expected + "; fix: give the table as the OECD publishes it");
  }

  static UserException icioColumnTwice(String file, String name) {
    return new UserException("file " + file + " line 1: column " + name
        + " appears twice; fix: give each column once, as the OECD publishes the table");
  }

  static UserException unknownIndustry(String file, String name, String rest, String source, String expected) {
    return new UserException("file " + file + " line 1: column " + name + " is industry '" + rest + "', which "
        + source + " does not list; fix: add it to the industry map (inputs.industries) with its sector, or"
        + " check that the file is " + expected);
  }

  static UserException noIcioColumns(String file, String expected) {
    return new UserException("file " + file + " has no <ISO3>_<industry> columns; this is not " + expected
        + "; fix: give the table as the OECD publishes it");
  }

  static UserException tooManyFields(String file, int no, int width, String expected) {
    return new UserException("file " + file + " line " + no + " has more than the header's " + width
        + " fields; fix: give " + expected);
  }

  static UserException notANumberCell(String file, int no, String label, String column, String text) {
    return new UserException("file " + file + " line " + no + ": the cell of row " + label + ", column " + column
        + " is '" + text + "', not a number (USD million); fix: correct the cell or" + " download the table again");
  }

  static UserException tooFewFields(String file, int no, String label, int k, int width, String expected) {
    return new UserException("file " + file + " line " + no + " (row " + label + ") has " + k + " fields, the header "
        + width + "; fix: give " + expected);
  }

  static UserException noColumn(String source, String r, String required, List<String> header) {
    return new UserException(source + " has no column '" + r + "'; expected columns " + required + "; it has "
        + header + "; fix: name the columns so");
  }

  static UserException noCsvFile(String file, String required) {
    return new UserException("file " + file + " is missing; fix: give a CSV with columns " + required);
  }

  static UserException emptyCsv(String file, String required) {
    return new UserException("file " + file + " is empty; fix: give a header " + required + " and the rows");
  }

  static UserException headerWithout(String file, String header, String r, String required) {
    return new UserException("file " + file + " has header '" + header + "' without column '" + r
        + "'; fix: give the columns " + required);
  }

  static UserException wrongFieldCount(String file, int no, int fields, int width, String line) {
    return new UserException("file " + file + " line " + no + " has " + fields + " fields, the header has " + width
        + ": '" + line + "'; fix: give every row the header's fields (quote a field that holds a comma)");
  }

  static UserException csvUnreadable(String file, String problem, Throwable cause) {
    return new UserException("file " + file + " cannot be read: " + problem
        + "; fix: check the file and its permissions", cause);
  }

  static UserException notAFiniteNumber(String file, int line, String column, String v) {
    return new UserException("file " + file + " line " + line + " column " + column + ": '" + v
        + "' is not a finite number; fix: give a number");
  }

  static UserException severalYears(String file, String first, String last) {
    return new UserException("file " + file + " holds years " + first + "–" + last + "; fix: choose one with --year");
  }

  static UserException noRowsForYear(String file, int year, Set<String> years) {
    return new UserException("file " + file + " has no rows for year " + year + "; it has " + years
        + "; fix: choose one of those");
  }

  static UserException pairTwice(String file,
      int line,
      String exporter,
      String importer,
      String inYear) {
    return new UserException("file " + file + " line " + line + ": the pair " + exporter + " → " + importer
        + " appears twice" + inYear + "; fix: give each pair once");
  }

  static UserException negativeTrade(String file, int line, double x) {
    return new UserException("file " + file + " line " + line + ": trade is " + x
        + "; flows must be >= 0; fix: correct that row");
  }

  static UserException pairMissing(String file, String exporter, String importer) {
    return new UserException("file " + file + " has no row for " + exporter + " → " + importer
        + "; a gravity table needs every pair, domestic ones included; fix: add the row (trade 0 where there is none)");
  }

  static UserException badCounterfactual(String spec) {
    return new UserException("--counterfactual '" + spec
        + "' is not NAME=VALUE or NAME=VALUE@EXP:IMP,…; fix: e.g. --counterfactual INTL_BRDR=0");
  }

  static UserException notACovariate(String spec, String name, String covariates) {
    return new UserException("--counterfactual '" + spec + "': covariate '" + name + "' is not in the data; it has "
        + covariates + "; fix: name one of those");
  }

  static UserException notANumberOrCovariate(String spec, String valueText, String covariates) {
    return new UserException("--counterfactual '" + spec + "': '" + valueText
        + "' is neither a number nor a covariate of the data (" + covariates + "); fix: give a number or one of those");
  }

  static UserException notAPair(String spec, String pair) {
    return new UserException("--counterfactual '" + spec + "': pair '" + pair
        + "' is not EXP:IMP with both countries in the data; fix: e.g. CAN:JPN");
  }

  static UserException accountsDoNotClose(String file, String region, String sector, String side, double value,
      double output, double relativeGap, double tolerance, String cell) {
    return new UserException(String.format(java.util.Locale.ROOT, "file %s: the accounts do not close for %s, %s:"
        + " %s %.9g against OUT %.9g, a gap of %.3g (relative %.3g, tolerance %.3g, inputs.closure_tolerance);"
        + " the ICIO cell most off is %s; fix: correct the table (or download it again), or raise"
        + " inputs.closure_tolerance if its rounding is known", file, region, sector, side, value, output,
        value - output, relativeGap, tolerance, cell));
  }
}
