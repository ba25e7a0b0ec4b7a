package org.ftasim.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftasim.config.UserException;

/**
 * Every user error of the command line and of the jobs' own checks (options, the tables a job needs, the files it is
 * pointed at), in one place (as Delta Kernel's {@code DeltaErrors}): each names the option, key, table or file, the
 * bad value, and the fix.
 */
final class JobErrors {
  private JobErrors() {}

  static UserException unknownIngestFormat(String format) {
    return new UserException("--format '" + format + "' is not supported; fix: use baci or comtrade");
  }

  static UserException noIngestInput() {
    return new UserException("--input is required; fix: give a BACI file or folder, e.g. --input"
        + " data/BACI_HS17_V202401");
  }

  static UserException notAnHsTarget(String target) {
    return new UserException("--hs-target '" + target + "' is not an HS version; fix: use H0 ... H6 (H5 = HS 2017)");
  }

  static UserException noSuchConcordance(String concordanceFile) {
    return new UserException("--concordance " + concordanceFile
        + " does not exist; fix: give the path of UNSD's HS correlation table");
  }

  static UserException concordanceMissesTarget(String concordanceFile, String from, String to, String target) {
    return new UserException("--concordance " + concordanceFile + " links " + from + " and " + to
        + ", but --hs-target is " + target + "; fix: give a table whose versions include " + target);
  }

  static UserException badChunkMb(String text) {
    return new UserException("--chunk-mb '" + text + "' is not a whole number of MB from 1 to 2047; fix: e.g."
        + " --chunk-mb 32 (the default), larger for fewer tasks, smaller for more");
  }

  static UserException badReferenceYear(String text) {
    return new UserException("--reference-year '" + text
        + "' is not a year; fix: give the four-digit year of the target-version flows that split the codes, e.g."
        + " --reference-year 2022");
  }

  static UserException fileNotInTarget(String fileName, String fileVersion, String version, String linked) {
    return new UserException("file " + fileName + " is in " + fileVersion + ", not --hs-target " + version
        + "; fix: give --concordance with a " + fileVersion + " to " + version + " table" + linked);
  }

  static UserException notABaciHeader(String path, String found, String expected) {
    return new UserException("file " + path + " does not start with BACI's header: found '" + found + "', expected '"
        + expected + "'; fix: pass CEPII BACI CSV files with --format baci");
  }

  static UserException notAComtradeHeader(String path, List<String> missing, String required) {
    return new UserException("file " + path + " is not a UN Comtrade CSV: its header lacks " + missing
        + "; expected the Comtrade+ API/bulk columns (" + required
        + ", ...); fix: download the CSV with all columns, or use --format baci for BACI files");
  }

  static UserException noSuchIngestInput(String input) {
    return new UserException("--input " + input
        + " does not exist; fix: name a BACI or Comtrade file, or a folder of them");
  }

  static UserException noIngestFiles(String input, boolean baci) {
    return new UserException("--input " + input + " holds no "
        + (baci ? "BACI files (BACI_HS17_Y2022_V202401.csv ...)" : "CSV files")
        + "; fix: point it at the folder of the release's files");
  }

  static UserException fileGivenTwice(String path) {
    return new UserException("file " + path + " is given twice; fix: name each file once");
  }

  static UserException noReleaseList(String file, String list, String folder) {
    return new UserException("file " + file + " needs its release's " + list + " next to it, in " + folder
        + "; fix: download it with the BACI release (it maps codes to countries and products)");
  }

  static UserException unknownIoFormat(String format) {
    return new UserException("--io-format is '" + format + "'; fix: cp (a CP-layout folder) or icio (an OECD ICIO"
        + " table's CSV file)");
  }

  static UserException noIoData() {
    return new UserException("inputs.io is empty: model-inputs needs the input-output data; fix: --io DIR (a CP-layout"
        + " folder such as the sample's <dir>/model) or --io FILE --io-format icio (an OECD ICIO table such as the"
        + " sample's <dir>/icio/2022.csv), or set inputs.io");
  }

  static UserException sectorsDiffer(String ioSectors, Set<String> onlyIo, Set<String> onlyMap) {
    return new UserException("the sectors of " + ioSectors + " and of the HS6 sector map differ: only in the io"
        + " data " + onlyIo + ", only in the map " + onlyMap + "; fix: aggregate the io data to the map's sectors"
        + " or give a map with the io data's sectors (inputs.sectors)");
  }

  static UserException noTableToRead(String t, String root, String writer) {
    return new UserException("the table " + t + " does not exist in " + root + "; fix: run " + writer + " first");
  }

  static UserException noBaselineTariffs() {
    return new UserException("tariff_effective has no baseline rows; fix: run ftasim tariffs");
  }

  static UserException scenarioNotHeld(String s, Set<String> storedScenarios) {
    return new UserException("inputs.scenarios names '" + s + "', which tariff_effective does not hold (it has "
        + storedScenarios + "); fix: run ftasim tariffs with that scenario or drop it");
  }

  static UserException noBaselineYear(int year) {
    return new UserException("tariff_effective has no baseline rates for the reference year " + year
        + " (inputs.year, else tariffs.weight_year, else the latest trade year); fix: run ftasim tariffs with"
        + " tariffs.first_year at or before " + year + ", or set inputs.year to a year it covers");
  }

  static UserException noReferenceYearFlows(int year) {
    return new UserException("trade_flows has no rows for the reference year " + year + "; fix: ingest that"
        + " year or set inputs.year");
  }

  static UserException tariffRunsMixed(List<String> scenarios,
      long distinct,
      Map<String, java.util.SortedSet<String>> runs) {
    return new UserException("tariff_effective holds the baseline and scenarios " + scenarios + " from " + distinct
        + " different tariffs runs " + runs + "; each scenario was computed against its own run's baseline; fix:"
        + " run ftasim tariffs with all of them at once, or name the scenarios of one run in inputs.scenarios, or"
        + " set inputs.mix_tariff_runs=true to take them as they are");
  }

  static UserException notAFile(String key, String file, boolean folder) {
    return new UserException(key + ": " + file + (folder ? " is a folder, not a file" : " does not exist")
        + "; fix: give the file's path");
  }

  static UserException notAModelSector(String where, String sector, List<String> modelSectors) {
    return new UserException(where + ": sector '" + sector + "' is not a model sector " + modelSectors
        + "; fix: name one of them, or ALL");
  }

  static UserException twoRentBases(String where,
      String importer,
      String exporter,
      String sector,
      double base,
      String before,
      double other) {
    return new UserException(where + " gives the rent of " + importer + " -> " + exporter + ", " + sector
        + " a base of " + base + "%, " + before + " one of " + other
        + "%; the base is the data year's wedge, one per cell; fix: give every measure on it the same"
        + " ave_base_pct");
  }

  static UserException twoRentMeasures(String where, String importer, String exporter, String sector, int year) {
    return new UserException(where + ": another rent measure of the scenario covers " + importer + " -> " + exporter
        + ", " + sector + " in " + year + "; fix: one rent measure per" + " pair and sector");
  }

  static UserException noEstimatesTable(String where, String run, String term) {
    return new UserException(where + ": from_estimate " + run + "/" + term + " but table gravity_estimates does "
        + "not exist; fix: run ftasim estimate-gravity --run-id " + run + " first");
  }

  static UserException noEstimatedTerm(String where, String run, String term) {
    return new UserException(where + ": from_estimate " + run + "/" + term + ": gravity_estimates has no term '"
        + term + "' of run '" + run + "'; fix: name a run and covariate estimate-gravity wrote");
  }

  static UserException noReportCountries() {
    return new UserException("report.countries is empty; fix: name at least one country, e.g. [KOR, JPN]");
  }

  static UserException noSweepToReport(String root) {
    return new UserException("there is no sweep to report: sweep_summary does not exist in " + root
        + "; fix: run ftasim sweep with sweep.model fta (e.g. conf/sweeps/kj-default.yaml)");
  }

  static UserException notAPhaseInRun(String run) {
    return new UserException("run '" + run + "' has no year-by-year welfare in sweep_summary: it is not a phase-in"
        + " sweep (sweep.model fta); fix: name such a run with --run-id or leave it out for the latest");
  }

  static UserException noPhaseInSweep() {
    return new UserException("sweep_summary holds no phase-in sweep (year-by-year welfare); fix: run ftasim sweep"
        + " --config conf/sweeps/kj-default.yaml (after model-inputs) or ftasim demo");
  }

  static UserException noExportTable(String tables) {
    return new UserException("ftasim export needs --table NAME (or --table all); fix: name one of the tables "
        + tables + ", or all");
  }

  static UserException notATable(String n, String tables) {
    return new UserException("--table '" + n + "' is not a ftasim table; fix: choose one of: " + tables + ", or all");
  }

  static UserException flagWithValue(String name) {
    return new UserException("option " + name + " takes no value; fix: write just " + name);
  }

  static UserException unknownOption(String name, String command) {
    return new UserException("unknown option " + name + " for 'ftasim " + command + "'; fix: see 'ftasim " + command
        + " --help'");
  }

  static UserException optionNeedsValue(String name) {
    return new UserException("option " + name + " needs a value; fix: " + name + " VALUE");
  }

  static UserException optionTwice(String name, String first, String value) {
    return new UserException("option " + name + " given twice ('" + first + "', '" + value + "'); fix: give it once");
  }

  static UserException unexpectedArgument(String arg, String command) {
    return new UserException("unexpected argument '" + arg + "' for 'ftasim " + command + "'; fix: see 'ftasim "
        + command + " --help'");
  }

  static UserException badRunId(String id) {
    return new UserException("--run-id '" + id
        + "' is not allowed; fix: use 1 to 100 letters, digits, '.', '_' or '-'");
  }

  static UserException optionRequired(String name) {
    return new UserException("option " + name + " is required; fix: give " + name + " VALUE (see --help)");
  }

  static UserException badConf(String kv) {
    return new UserException("--conf '" + kv
        + "' is not of the form key=value; fix: e.g. --conf spark.executor.memory=4g");
  }

  static UserException costAndEstimates() {
    return new UserException("--cost and --estimates both given; fix: give one (--estimates takes the "
        + "coefficients from the estimate-gravity run)");
  }

  static UserException needsEstimates(String only) {
    return new UserException(only + " needs --estimates RUN_ID; fix: give --estimates, or leave " + only + " out");
  }

  static UserException noCounterfactual() {
    return new UserException("--counterfactual is required; fix: give e.g. --counterfactual INTL_BRDR=0");
  }

  static UserException badBaseline(String base) {
    return new UserException("--baseline '" + base + "' is not allowed; fix: use fitted or observed");
  }

  static UserException notAReference(String refName) {
    return new UserException("--reference '" + refName
        + "' is not a country of the data; fix: name one of its countries");
  }

  static UserException badDeficits(String def) {
    return new UserException("--deficits '" + def + "' is not allowed; fix: use additive or multiplicative");
  }

  static UserException badGravityModel(String model) {
    return new UserException("--model '" + model + "' is not allowed; fix: use exact or gegravity");
  }

  static UserException gegravityOptions() {
    return new UserException("--model gegravity takes no --baseline or --deficits: gegravity's model solves the"
        + " resistances from the cost function and the output and expenditure shares; fix: leave them out");
  }

  static UserException badCost(String spec, String part) {
    return new UserException("--cost '" + spec + "': '" + part
        + "' is not var=coef; fix: e.g. --cost DIST=-0.8,CNTG=0.4");
  }

  static UserException notFinite(String what, String v) {
    return new UserException(what + " '" + v + "' is not a finite number; fix: give a number such as -0.8");
  }

  static UserException badGravityYear(String v) {
    return new UserException("--year '" + v
        + "' is not a year; fix: give a four-digit year of the data, e.g. --year 2006");
  }

  static UserException badSeed(String v) {
    return new UserException("--seed '" + v + "' is not an integer; fix: e.g. --seed 7");
  }

  static UserException badYears(String years) {
    return new UserException("--years '" + years + "' is not YEAR or FIRST-LAST; fix: e.g. --years 2019-2023");
  }

  static UserException yearsOutOfRange(String years) {
    return new UserException("--years '" + years
        + "' must be ascending years between 1995 and 2035; fix: e.g. --years 2019-2023");
  }

  static UserException badScale(String scale) {
    return new UserException("--scale '" + scale + "' is not allowed; fix: use small or full");
  }

  static UserException countriesOutOfRange(int countries) {
    return new UserException("--countries " + countries + " is out of range; fix: use 3 to 240");
  }

  static UserException productsOutOfRange(int products) {
    return new UserException("--products " + products + " is out of range; fix: use 500 to 6000");
  }

  static UserException notPositive(String option, String v) {
    return new UserException(option + " '" + v + "' is not a positive integer; fix: give a whole number above 0");
  }

  static UserException scenarioIdTaken(String id, String file) {
    return new UserException("scenario id '" + id + "' (" + file + ") is used by another scenario file;"
        + " fix: give each scenario its own id");
  }

  static UserException noTariffSchedules() {
    return new UserException("there are no tariff schedules yet: the table tariff_schedules does not exist; fix:"
        + " give the tariff files with --input DIR (or tariffs.input), e.g. the sample's <dir>/tariffs");
  }

  static UserException noTariffYears() {
    return new UserException("tariffs.first_year is 0 (the first year of trade data) but neither trade_flows nor"
        + " the MFN schedules hold a year; fix: ingest trade data first (ftasim ingest-flows) or set"
        + " tariffs.first_year");
  }

  static UserException lastYearBeforeFirst(int last, int first) {
    return new UserException("tariffs.last_year " + last + " is before the first year " + first
        + "; fix: set tariffs.last_year to " + first + " or later");
  }

  static UserException noSuchTariffInput(String input) {
    return new UserException("tariff input " + input + " does not exist; fix: name a tariff file or a folder of"
        + " them (mfn.csv, preferential_<AGREEMENT>.csv, WITS/TRAINS exports as .csv or .xlsx)");
  }

  static UserException noTariffFiles(String input) {
    return new UserException("tariff input " + input + " holds no CSV or .xlsx files; fix: point it at the"
        + " folder with mfn.csv and preferential_<AGREEMENT>.csv, or with WITS/TRAINS exports");
  }

  static UserException tariffFileTwice(String path) {
    return new UserException("tariff file " + path + " is given twice; fix: name each file once");
  }

  static UserException notATariffFile(String path, String header, String mfn, String pref, String wits) {
    return new UserException("file " + path + " is not a tariff file: its header is '" + header + "', expected '"
        + mfn + "' (MFN schedule), '" + pref + "' (preferential schedule)" + " or a WITS/TRAINS tariff export ('"
        + wits + "'); fix: see README," + " Tariff files");
  }

  static UserException noWitsSheet(String path, List<String> sheets, String wits) {
    return new UserException("workbook " + path
        + " has no sheet whose first row is a WITS/TRAINS tariff export header" + " (sheets " + sheets
        + "); expected '" + wits + "'. Fix: give the workbook WITS exports, unchanged");
  }

  static UserException witsColumnsMissing(String where, List<String> missing, String wits) {
    return new UserException("file " + where + " looks like a WITS/TRAINS tariff export but its header lacks "
        + missing + "; expected the columns '" + wits + "'. Fix: export the"
        + " file from WITS again, or restore the renamed columns");
  }

  static UserException noSuchScenarioFile(String e) {
    return new UserException("tariffs.scenarios: " + e + " does not exist; fix: name a scenario file or folder"
        + " (conf/scenarios)");
  }

  static UserException noSuchKeyFile(String key, String file) {
    return new UserException(key + ": " + file + " does not exist; fix: give the file's path");
  }

  static UserException badSweepParameters(String problem) {
    return new UserException("sweep.parameters: " + problem + "; fix: see README, Sweep parameters");
  }

  static UserException costAndEstimatesInSweep() {
    return new UserException("sweep.gravity.cost and sweep.gravity.estimates are both set; fix: give one");
  }

  static UserException noGravityData() {
    return new UserException("sweep.data is empty; the gravity model needs its gravity table; fix: set sweep.data to"
        + " the gravity CSV");
  }

  static UserException noSweepCounterfactual() {
    return new UserException("sweep.gravity.counterfactual is empty; fix: give e.g. [\"pta=1@CAN:JPN,JPN:CAN\"]");
  }

  static UserException notASweepReference(String reference) {
    return new UserException("sweep.gravity.reference '" + reference
        + "' is not a country of the data; fix: name one of its countries");
  }

  static UserException unknownSweepModel(String model) {
    return new UserException("sweep.model '" + model + "' is not known; fix: use cp, fta, gravity or smart");
  }

  static UserException noSmartEffects(String scenario) {
    return new UserException("sweep.data is empty and smart_effects does not exist; fix: run ftasim smart --scenario "
        + scenario + " first, or give a SMART market file in sweep.data");
  }

  static UserException noSmartMarket(String scenario) {
    return new UserException("smart_effects has no market whose tariffs scenario '" + scenario + "' changes;"
        + " fix: set sweep.scenario_id to a scenario ftasim smart ran");
  }

  static UserException capitalShareTwice(double share, String shares) {
    return new UserException("sweep.fta.capital_share (" + share + ") and sweep.fta.capital_shares (" + shares
        + ") are both set; fix: give one");
  }

  static UserException noSweepData(String model) {
    return new UserException("sweep.data is empty; the " + model
        + " model needs its data (a folder or file); fix: set sweep.data");
  }

  static UserException noSmartScenario() {
    return new UserException("--scenario is required; fix: give the scenario of tariff_effective to evaluate, e.g."
        + " --scenario kor-jpn-fta");
  }

  static UserException noScenarioRows(String scenario, List<String> have) {
    return new UserException("--scenario '" + scenario + "' has no rows in tariff_effective (it holds " + have
        + "); fix: name one of them, or run ftasim tariffs with that scenario");
  }

  static UserException noTradeYear(int tradeYear) {
    return new UserException("trade_flows has no flows in " + tradeYear + "; fix: set smart.trade_year to a year"
        + " it holds");
  }

  static UserException badTariffYear(String text) {
    return new UserException("--year '" + text
        + "' is not a year; fix: give a four-digit tariff year, e.g. --year 2036");
  }

  static UserException badDemandHeader(String file, String header) {
    return new UserException("smart.import_demand_file " + file + ": header '" + header + "' lacks importer,"
        + " hs6 or elasticity; fix: give the columns importer,hs6,elasticity (Kee, Nicita and Olarreaga 2008)");
  }

  static UserException badDemandLine(String file, int line, String text) {
    return new UserException("smart.import_demand_file " + file + " line " + line + ": '" + text
        + "' needs an ISO3 or M49 importer, a six-digit hs6 and a non-zero finite elasticity; fix: correct that line");
  }

  static UserException domesticNeedsFlows() {
    return new UserException("--domestic needs --flows (the flows from trade_flows); fix: add --flows, or leave"
        + " --domestic out");
  }

  static UserException badPasses(String where) {
    return new UserException("--passes '" + where + "' is not allowed; fix: use auto, spark or driver");
  }

  static UserException flowsPanelMissing(String source, String c) {
    return new UserException("--flows: " + source + " has no column '" + c
        + "'; fix: with --flows, --data lists the panel's rows (exporter, importer, year and the covariates)");
  }

  static UserException flowsNeedDomestic() {
    return new UserException("--flows needs --domestic FILE (exporter, year, trade): trade_flows holds no domestic"
        + " flows, and without them the pair and border effects of structural gravity are not identified; fix: give"
        + " --domestic");
  }

  static UserException domesticColumnMissing(String domesticFile, String c, List<String> columns) {
    return new UserException("--domestic " + domesticFile + " has no column '" + c
        + "'; it needs exporter, year, trade; it has " + columns + "; fix: name the columns so");
  }

  static UserException noGravityPanel(String path) {
    return new UserException("--data " + path + " does not exist; fix: give the gravity panel's CSV file");
  }

  static UserException gravityPanelUnreadable(String path, String problem, Throwable cause) {
    return new UserException("--data " + path + " cannot be opened: " + problem
        + "; fix: check the path and the file system's credentials", cause);
  }

  static UserException estimatesUnwritable(String out, String problem) {
    return new UserException("--out " + out + " cannot be written: " + problem
        + "; fix: give a folder you can write to");
  }

  static UserException yearAndYears() {
    return new UserException("--years and --year both given; fix: give one");
  }

  static UserException badYearList(String spec, String y) {
    return new UserException("--years '" + spec + "': '" + y + "' is not a year; fix: e.g. --years 1986,1990,1994");
  }

  static UserException notAWholeNumber(String option, String value) {
    return new UserException(option + " '" + value + "' is not a whole number > 0; fix: e.g. " + option + " 8");
  }

  static UserException notOneQuery() {
    return new UserException("ftasim sql takes exactly one query; fix: give it in quotes, e.g. ftasim sql \"select *"
        + " from runs\"");
  }

  static UserException queryFailed(String problem, String root, String tables, Throwable cause) {
    return new UserException("query failed: " + problem + "; tables in " + root + ": " + tables
        + "; fix: name one of those tables and its columns", cause);
  }

  static UserException queryUnparsable(String problem, Throwable cause) {
    return new UserException("query failed to parse: " + problem + "; fix: the"
        + " query's syntax (ftasim sql runs Spark SQL queries)", cause);
  }

  static UserException notAQuery(String statement) {
    return new UserException("ftasim sql only reads: '" + statement + " …' is not a query, and DDL, DML and"
        + " commands are refused; fix: write a SELECT (or WITH, VALUES, TABLE) query, and change tables through"
        + " ftasim's jobs");
  }

  static UserException reflectiveCall(List<String> reflective) {
    return new UserException("ftasim sql only reads: the query calls " + reflective + ", which runs Java methods;"
        + " fix: leave reflective functions out of the query");
  }

  static UserException badCpDeficits(String mode) {
    return new UserException("--deficits '" + mode + "' is not allowed; fix: use zero or keep");
  }

  static UserException badClosure(String closureName) {
    return new UserException("--closure '" + closureName
        + "' is not allowed; fix: use fixed, steady_state or recursive");
  }

  static UserException capitalSharesTwice() {
    return new UserException("--capital-share and --capital-shares are both given; fix: give one");
  }

  static UserException badRate(String option, String text, String range) {
    return new UserException(option + " '" + text + "' is not allowed; fix: give a number " + range);
  }

  static UserException noEstimatesRun(String runId, List<String> runs) {
    return new UserException("--estimates " + runId + ": table gravity_estimates has no rows of that run; it has "
        + runs + "; fix: give one of them, or run estimate-gravity first");
  }

  static UserException noPairLevel(String runId, String source, String pairTerm, String formula) {
    return new UserException("--estimates " + runId + ": no pair of " + source
        + " matches a level of its fixed effect '" + pairTerm + "' (formula \"" + formula + "\"); fix: give the "
        + "fixed effect with --pair and derive its columns as for the estimate (--with)");
  }

  static UserException notACovariate(String runId, String covariate, String source) {
    return new UserException("--estimates " + runId + ": its covariate '" + covariate + "' is not a column " + "of "
        + source + "; fix: use the estimation's data, or derive it with --with");
  }

  static UserException noPairColumn(String source, String c, List<String> columns) {
    return new UserException(source + " has no column '" + c + "' of the pair effect's fixed effect; its "
        + "columns are " + columns + "; fix: derive it as for the estimate, with --with");
  }

  static UserException badTradeYear(String year) {
    return new UserException("--year '" + year
        + "' is not a year; fix: give a four-digit trade year, e.g. --year 2022");
  }

  static UserException noFlowsIn(String year) {
    return new UserException("trade_flows has no flows" + (year == null ? "" : " in " + year) + "; fix: ingest the"
        + " year first, or name one it holds");
  }

  static UserException noSuchGoodsFile(String e) {
    return new UserException("dependence.goods: " + e + " does not exist; fix: name a goods list or a folder of"
        + " them (conf/goods)");
  }
}
