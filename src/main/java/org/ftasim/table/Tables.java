package org.ftasim.table;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The catalog: every curated table's name, schema and partitioning, in one place. */
public final class Tables {
  private Tables() {}

  public static final TableDef RUNS = new TableDef("runs",
      "The log of job runs, appended to and never updated: a row when a run starts (running), one with its outcome"
          + " (ok or failed), one when a later job finds its driver gone (interrupted). A run's state is its latest row"
          + " (RunLog.latest): every reader, ftasim sql's runs among them, sees that; sql's run_events shows every row.",
      schema(
          col("run_id", DataTypes.StringType, false, "run identifier (--run-id, or generated <job>-<utc time>-<random>)"),
          col("job", DataTypes.StringType, false, "the command that ran, e.g. demo"),
          col("status", DataTypes.StringType, false, "running (written when the job starts), then ok or failed; "
              + "interrupted when its driver died without a word (killed), as a later job on the same host found"),
          col("config_yaml", DataTypes.StringType, false, "the effective configuration: defaults, file and --set overrides"),
          col("config_hash", DataTypes.StringType, false, "SHA-256 of config_yaml"),
          col("code_version", DataTypes.StringType, false, "ftasim version and git commit of the code that ran"),
          col("seed", DataTypes.LongType, false, "run seed (config key seed)"),
          col("started_at", DataTypes.TimestampType, false, "start time (UTC)"),
          col("ended_at", DataTypes.TimestampType, false, "end time (UTC)"),
          col("seconds", DataTypes.DoubleType, false, "wall time in seconds"),
          col("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false,
              "what the job counted (rows written, rejects, draws …)"),
          col("tables", DataTypes.createArrayType(DataTypes.StringType), false, "tables the job wrote"),
          col("spark_master", DataTypes.StringType, false, "Spark master URL the job ran on"),
          col("error", DataTypes.StringType, true, "the error message when status is failed or interrupted"),
          col("driver_host", DataTypes.StringType, true, "host name of the driver's JVM"),
          col("driver_pid", DataTypes.LongType, true, "process id of the driver's JVM: a later job on the same host "
              + "that finds a 'running' row whose process is gone marks it interrupted"),
          col("tables_read", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true,
              "the Delta version of each table the job read (the first read, if it read a table twice), so a result"
                  + " can be traced to its inputs: SELECT * FROM t VERSION AS OF v; null while running")),
      List.of(), List.of("run_id"), "every job");

  // Columns shared by the sweep tables: one definition, one comment.
  private static final StructField RUN_ID = col("run_id", DataTypes.StringType, false, "the sweep's run");
  private static final StructField SCENARIO_ID = col("scenario_id", DataTypes.StringType, false,
      "scenario the row belongs to");
  private static final StructField METRIC = col("metric", DataTypes.StringType, false,
      "outcome name, e.g. welfare_pct (ALL for a draw that failed)");
  private static final StructField COUNTRY = col("country", DataTypes.StringType, false, "region or country, or ALL");
  private static final StructField SECTOR = col("sector", DataTypes.StringType, false, "sector or product, or ALL");
  private static final StructField PARTNER = col("partner", DataTypes.StringType, false, "trade partner, or ALL");
  private static final StructField CLOSURE = col("closure", DataTypes.StringType, true,
      "capital closure of the phase-in model (fixed, steady_state, recursive); ALL for models without capital");
  private static final StructField YEAR = col("year", DataTypes.IntegerType, true,
      "year of the time path; null when the outcome is not year-specific");

  public static final TableDef SWEEP_DRAWS = new TableDef("sweep_draws",
      "Every draw of a Monte Carlo sweep in long form: one row per (draw, outcome). Replaced by run_id on re-run.",
      schema(
          RUN_ID,
          SCENARIO_ID,
          col("draw_id", DataTypes.LongType, false, "draw number within the design (0-based)"),
          col("seed", DataTypes.LongType, false, "run seed; a draw's parameters are a pure function of (seed, draw_id)"),
          col("parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false,
              "the draw's parameter values by name"),
          METRIC, COUNTRY, SECTOR, PARTNER, YEAR,
          col("value", DataTypes.DoubleType, false, "the outcome (percent changes in percent); NaN when the draw failed"),
          col("converged", DataTypes.BooleanType, false, "whether the draw's solve converged (failed draws are kept)"),
          col("iterations", DataTypes.IntegerType, false, "solver iterations used by the draw"),
          col("residual", DataTypes.DoubleType, false, "final solver residual"),
          col("error", DataTypes.StringType, true, "why the draw failed: the model's error (class and message), or "
              + "'did not converge: …'; null for a converged draw"),
          CLOSURE),
      List.of("run_id"), List.of(), "sweep")
      // statistics on the design's columns only (run_id is the partition): in a profile of the sweep, statistics on
      // every column took a sixth of the draws' write
      .withProperties(java.util.Map.of("delta.dataSkippingStatsColumns", "scenario_id,draw_id"));

  public static final TableDef SWEEP_SUMMARY = new TableDef("sweep_summary",
      "Distribution of each outcome over a sweep's converged draws.",
      schema(
          RUN_ID, SCENARIO_ID, METRIC, COUNTRY, SECTOR, PARTNER, YEAR,
          col("n_ok", DataTypes.LongType, false, "draws that converged"),
          col("n_failed", DataTypes.LongType, false, "draws that failed or did not converge"),
          col("mean", DataTypes.DoubleType, true, "mean over converged draws"),
          col("sd", DataTypes.DoubleType, true, "sample standard deviation (quadrature: the rule's, equal weights)"),
          col("p05", DataTypes.DoubleType, true, "5th percentile (exact, interpolated); null for quadrature designs"),
          col("p50", DataTypes.DoubleType, true, "median; null for quadrature designs"),
          col("p95", DataTypes.DoubleType, true, "95th percentile; null for quadrature designs"),
          CLOSURE),
      List.of(), List.of(), "sweep");

  public static final TableDef SWEEP_SENSITIVITY = new TableDef("sweep_sensitivity",
      "Which parameters drive each outcome: Sobol indices (Saltelli designs) or one-at-a-time effects (OAT designs).",
      schema(
          RUN_ID, SCENARIO_ID, METRIC, COUNTRY, SECTOR, YEAR,
          col("parameter", DataTypes.StringType, false, "parameter or parameter group (a design dimension)"),
          col("method", DataTypes.StringType, false,
              "sobol_first, sobol_total, oat_low (outcome at the 5% quantile minus at the median), oat_high (95%)"),
          col("value", DataTypes.DoubleType, false, "the index or effect"),
          col("ci_low", DataTypes.DoubleType, true, "2.5% bootstrap bound (Sobol indices)"),
          col("ci_high", DataTypes.DoubleType, true, "97.5% bootstrap bound (Sobol indices)"),
          CLOSURE),
      List.of(), List.of(), "sweep");

  private static final StructField SOURCE_FILE = col("source_file", DataTypes.StringType, false,
      "input file name (without folder), as shown in messages; a file is identified by source_path and"
          + " source_content");
  private static final StructField SOURCE_PATH = col("source_path", DataTypes.StringType, true,
      "the input file's full path as Hadoop resolved it; re-ingesting the file at this path replaces its rows (null"
          + " in rows written before ftasim recorded it)");
  private static final StructField SOURCE_CONTENT = col("source_content", DataTypes.StringType, true,
      "the input file's content identity, <bytes>:<CRC-32C in hex>; ingesting the same bytes under another path or"
          + " name replaces these rows instead of adding them twice (null in rows written before ftasim recorded it)");

  public static final TableDef TRADE_FLOWS = new TableDef("trade_flows",
      "Bilateral trade at HS6 from BACI or UN Comtrade, one row per (year, exporter, importer, hs6) and file.",
      schema(
          col("year", DataTypes.IntegerType, false, "calendar year of the flow"),
          col("exporter", DataTypes.StringType, false, "exporter, ISO3 (BACI 490 'Other Asia, nes' is TWN)"),
          col("importer", DataTypes.StringType, false, "importer, ISO3"),
          col("hs6", DataTypes.StringType, false, "HS six-digit product code, six characters with leading zeros"),
          col("hs_version", DataTypes.StringType, false, "HS nomenclature of hs6: H0 (1988) ... H5 (2017), H6 (2022)"),
          col("value_usd", DataTypes.DoubleType, false,
              "trade value in USD (BACI's thousand USD times 1000; Comtrade's CIF or FOB value, else primaryValue)"),
          col("quantity_t", DataTypes.DoubleType, true, "quantity in metric tonnes; null when not reported (BACI NA)"),
          col("source", DataTypes.StringType, false,
              "BACI, or COMTRADE_M / COMTRADE_X (UN Comtrade, importer's CIF / exporter's FOB report)"),
          SOURCE_FILE,
          col("run_id", DataTypes.StringType, false, "the ingest run that wrote the row"),
          SOURCE_PATH,
          SOURCE_CONTENT),
      List.of("year"), List.of(), "ingest-flows")
      // file statistics (for data skipping) on the key columns only: collecting them on all ten columns costs
      // the ingest of a BACI year about 40% of its time (27 of 68 s measured); year is the partition column
      .withProperties(java.util.Map.of("delta.dataSkippingStatsColumns", "exporter,importer,hs6"));

  public static final TableDef TRADE_FLOWS_REJECTS = new TableDef("trade_flows_rejects",
      "Every input line the ingest did not accept, with why. Nothing is dropped silently.",
      schema(
          SOURCE_FILE,
          col("line_number", DataTypes.LongType, false, "line in the file, 1 = header; 0 for a file-level problem"),
          col("raw_line", DataTypes.StringType, true, "the line as read (without its line break)"),
          col("reason_code", DataTypes.StringType, false, "COLUMN_COUNT, BAD_NUMBER, NEGATIVE_NUMBER, NOT_FINITE,"
              + " BAD_YEAR, UNKNOWN_COUNTRY, MALFORMED_HS, UNKNOWN_HS, UNMAPPED_HS, DUPLICATE_KEY, BLANK_LINE, EMPTY_FILE, DUPLICATE_FILE (the same bytes as another file of the run)"),
          col("message", DataTypes.StringType, false, "what is wrong, naming the field and value"),
          col("run_id", DataTypes.StringType, false, "the ingest run"),
          SOURCE_PATH,
          SOURCE_CONTENT),
      List.of(), List.of(), "ingest-flows");

  public static final TableDef INGEST_METRICS = new TableDef("ingest_metrics",
      "Data-quality metrics per input file and ingest run, computed in one pass. lines_read = header_lines + accepted"
          + " + superseded + rejected + filtered.",
      schema(
          col("run_id", DataTypes.StringType, false, "the ingest run"),
          SOURCE_FILE,
          col("format", DataTypes.StringType, false, "baci or comtrade"),
          col("hs_version", DataTypes.StringType, false, "HS nomenclature of the file"),
          col("lines_read", DataTypes.LongType, false, "lines in the file, header included"),
          col("header_lines", DataTypes.LongType, false, "1, or 0 for an empty file"),
          col("accepted", DataTypes.LongType, false, "lines written to trade_flows"),
          col("rejected", DataTypes.LongType, false, "lines written to trade_flows_rejects"),
          col("rejected_by_reason", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false,
              "rejected lines by reason code"),
          col("filtered", DataTypes.LongType, false, "lines the format says to leave out (UN Comtrade breakdowns and"
              + " totals, World and special partners); 0 for BACI"),
          col("filtered_by_reason", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false,
              "filtered lines by why"),
          col("superseded", DataTypes.LongType, false, "exporter-reported lines replaced by the importer's report of"
              + " the same flow (UN Comtrade with --mirror)"),
          col("repaired_hs_codes", DataTypes.LongType, false, "five-digit HS codes given back their leading zero"),
          col("null_quantities", DataTypes.LongType, false, "accepted lines with no quantity (NA)"),
          col("duplicates", DataTypes.LongType, false, "lines rejected as DUPLICATE_KEY"),
          col("value_usd", DataTypes.DoubleType, false, "total value of accepted lines, USD"),
          col("distinct_exporters", DataTypes.LongType, false, "exporters among accepted lines"),
          col("distinct_importers", DataTypes.LongType, false, "importers among accepted lines"),
          col("distinct_hs6", DataTypes.LongType, false, "HS6 codes among accepted lines"),
          col("seconds", DataTypes.DoubleType, false, "wall time of the ingest run up to its writes: finding, reading and"
              + " checking the files (these rows are written beside the flows, after them with --mirror; the whole"
              + " run's time is in runs)"),
          col("converted_by_relationship", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false,
              "accepted lines moved to another HS version (--hs-target), by the relationship of their code's group in"
                  + " the concordance: 1:1, n:1, 1:n or n:n (the last two split); empty without conversion"),
          SOURCE_PATH,
          SOURCE_CONTENT),
      List.of(), List.of(), "ingest-flows");

  public static final TableDef TARIFF_SCHEDULES = new TableDef("tariff_schedules",
      "Tariff schedules as ingested by ftasim tariffs: MFN applied lines per reporter and year, and preferential"
          + " lines per agreement with base rate and staging category. Re-ingesting a file replaces its rows.",
      schema(
          SOURCE_FILE,
          col("line_number", DataTypes.LongType, false, "line in the file, 1 = header"),
          col("schedule", DataTypes.StringType, false, "MFN, the agreement id of a preferential schedule, or a WITS"
              + " duty type kept as published: PRF (preferential as applied), AHS (effectively applied), BND (bound)"),
          col("importer", DataTypes.StringType, false, "the economy applying the schedule, ISO3"),
          col("partners", DataTypes.StringType, true, "preferential: ALL or ISO3 codes separated by ;; WITS PRF, AHS,"
              + " BND: the partner (null for World); null for MFN"),
          col("year", DataTypes.IntegerType, true, "MFN and WITS rows: the year the schedule applies; null for"
              + " preferential lines"),
          col("nomenclature", DataTypes.StringType, true, "MFN: HS version of the lines, e.g. HS17 (WITS: its Native"
              + " Nomen, H0 ... H6)"),
          col("tariff_line", DataTypes.StringType, false, "national tariff line (HS6 and national digits)"),
          col("duty_type", DataTypes.StringType, true, "MFN: AV, SP (specific) or CP (compound)"),
          col("av_rate", DataTypes.DoubleType, true, "MFN: the ad valorem part, percent"),
          col("specific_duty", DataTypes.StringType, true, "MFN: the specific part as written, e.g. 341 JPY/kg"),
          col("ave", DataTypes.DoubleType, true, "MFN: ad valorem equivalent of an SP or CP duty, percent"),
          col("rate", DataTypes.DoubleType, false,
              "percent: the MFN applied rate (av_rate for AV, ave otherwise) or the preferential base rate"),
          col("staging", DataTypes.StringType, true, "preferential: staging category (conf/agreements.yaml)"),
          col("trq", DataTypes.BooleanType, false, "line under a tariff-rate quota (the rate is out-of-quota)"),
          col("national_lines", DataTypes.LongType, true, "WITS: national lines the HS6 rate averages (Nbr of Total"
              + " Lines); null for ftasim's layouts"),
          col("imports_usd", DataTypes.DoubleType, true, "WITS: the row's imports in USD (Imports Value in 1000 USD x"
              + " 1000), the weights when trade_flows lacks the year"),
          col("run_id", DataTypes.StringType, false, "the run that ingested the file"),
          SOURCE_PATH,
          SOURCE_CONTENT),
      List.of(), List.of(), "tariffs")
      .withProperties(java.util.Map.of("delta.dataSkippingNumIndexedCols", "4"));

  public static final TableDef TARIFF_REJECTS = new TableDef("tariff_rejects",
      "Every tariff file line ftasim tariffs did not accept, with why.",
      schema(
          SOURCE_FILE,
          col("line_number", DataTypes.LongType, false, "line in the file, 1 = header; 0 for a file-level problem"),
          col("raw_line", DataTypes.StringType, true, "the line as read"),
          col("reason_code", DataTypes.StringType, false, "BLANK_LINE, COLUMN_COUNT, BAD_COUNTRY, BAD_YEAR,"
              + " MALFORMED_LINE, BAD_DUTY_TYPE, BAD_NUMBER, NEGATIVE_NUMBER, NOT_FINITE, MISSING_AVE, BAD_FLAG,"
              + " UNKNOWN_AGREEMENT, NOT_A_MEMBER, UNKNOWN_STAGING, DUPLICATE_KEY, EMPTY_FILE, NO_RATE (a WITS row without a rate), DUPLICATE_FILE"),
          col("message", DataTypes.StringType, false, "what is wrong, naming the field and value, and the fix"),
          col("run_id", DataTypes.StringType, false, "the run"),
          SOURCE_PATH,
          SOURCE_CONTENT),
      List.of(), List.of(), "tariffs");

  public static final TableDef TARIFF_EFFECTIVE = new TableDef("tariff_effective",
      "The tariff applied per (scenario, year, importer, exporter, HS6), percent. exporter MFN rows (baseline) give"
          + " the MFN rate every partner without a preference pays; baseline rows exist for each pair an agreement"
          + " covers that year; a scenario's rows exist for the pairs an agreement it adds or changes covers. Rate of"
          + " (s, i, e, k, t) = the row of s if present, else of baseline, else the MFN row. Replaced per scenario.",
      schema(
          col("run_id", DataTypes.StringType, false, "the tariffs run"),
          col("scenario_id", DataTypes.StringType, false, "baseline or a scenario of conf/scenarios"),
          col("year", DataTypes.IntegerType, false, "calendar year (day-weighted mean of the rates in force)"),
          col("importer", DataTypes.StringType, false, "importer, ISO3"),
          col("exporter", DataTypes.StringType, false, "exporter, ISO3, or MFN for the MFN rate"),
          col("hs6", DataTypes.StringType, false, "HS six-digit product"),
          col("rate", DataTypes.DoubleType, false, "applied rate, percent: mean over the national lines of the HS6"),
          col("mfn_rate", DataTypes.DoubleType, false, "the MFN rate of the same lines, percent"),
          col("source", DataTypes.StringType, false, "MFN, or the agreement giving the lowest rate on 31 December"),
          col("n_lines", DataTypes.IntegerType, false, "national tariff lines averaged")),
      List.of(), List.of(), "tariffs")
      // File statistics on the columns a file's rows share (a task writes one importer and scenario): a file holds
      // every exporter and HS6 code, so their ranges skip nothing, and string statistics slow the write.
      .withProperties(java.util.Map.of("delta.dataSkippingNumIndexedCols", "4"));

  public static final TableDef MODEL_INPUTS = new TableDef("model_inputs",
      "The Caliendo-Parro model's data in long form, as ftasim model-inputs assembled it (the six files of the CP"
          + " layout). item: region (value = deficit D), sector (value = theta), trade (region = importer, other ="
          + " exporter; domestic sales where they are equal), intermediate (other = input, sector = using sector),"
          + " value_added, final_demand; io_trade (where trade came from trade_flows: the io data's own value of the"
          + " pair, so trade minus io_trade is the gap per pair and sector). Values in the io data's unit"
          + " (inputs.unit_usd USD). Replaced by inputs_id.",
      schema(
          col("inputs_id", DataTypes.StringType, false, "the name the inputs are stored under (inputs.id)"),
          col("run_id", DataTypes.StringType, false, "the model-inputs run that wrote them"),
          col("item", DataTypes.StringType, false, "region, sector, trade, intermediate, value_added, final_demand, io_trade"),
          col("region", DataTypes.StringType, false, "model region (importer for trade), or ALL"),
          col("sector", DataTypes.StringType, false, "model sector (using sector for intermediate), or ALL"),
          col("other", DataTypes.StringType, false, "exporter (trade), input sector (intermediate), or ALL"),
          col("ordinal", DataTypes.IntegerType, false, "position of the region or sector in the model; 0 otherwise"),
          col("value", DataTypes.DoubleType, false, "the value (see item)"),
          col("source", DataTypes.StringType, false, "trade_flows or the io file the value comes from")),
      List.of(), List.of(), "inputs");

  public static final TableDef MODEL_TARIFFS = new TableDef("model_tariffs",
      "Sector tariffs the model uses, dense: every (scenario, year, importer, exporter, sector) of the model's"
          + " regions and sectors, from tariff_effective weighted by reference-year imports. Replaced by inputs_id.",
      schema(
          col("inputs_id", DataTypes.StringType, false, "the name the inputs are stored under (inputs.id)"),
          col("run_id", DataTypes.StringType, false, "the model-inputs run that wrote them"),
          col("scenario_id", DataTypes.StringType, false, "baseline or a scenario of tariff_effective"),
          col("year", DataTypes.IntegerType, false, "calendar year"),
          col("importer", DataTypes.StringType, false, "model region"),
          col("exporter", DataTypes.StringType, false, "model region"),
          col("sector", DataTypes.StringType, false, "model sector"),
          col("tariff", DataTypes.DoubleType, false, "ad valorem rate as a fraction (0.05 = 5%), as the model takes it:"
              + " with a rent-generating non-tariff measure, (1 + tariff)(1 + ntm_rent) - 1"),
          col("iceberg", DataTypes.DoubleType, false, "d-hat of non-tariff trade costs against the baseline (1 = no "
              + "change; from scenario_trade_costs, the product over measures)"),
          col("weight_usd", DataTypes.DoubleType, false, "the reference-year import value weighting the HS6 rates"),
          col("n_hs6", DataTypes.LongType, false, "HS6 rates averaged (weighted) into the rate"),
          col("basis", DataTypes.StringType, false, "weighted (trade-weighted HS6 rates), mfn (no bilateral trade:"
              + " the importer's trade-weighted MFN rate), none (no imports of the sector: 0, which the model never"
              + " uses since its trade share stays 0) or domestic (importer = exporter: 0)"),
          col("ntm_rent", DataTypes.DoubleType, true, "the rent wedge of rent-generating non-tariff measures, a"
              + " fraction, included in tariff (0 = none; from scenario_trade_costs of kind rent)")),
      List.of(), List.of(), "inputs")
      .withProperties(java.util.Map.of("delta.dataSkippingNumIndexedCols", "4"));

  public static final TableDef TARIFF_AGGREGATES = new TableDef("tariff_aggregates",
      "Tariff averages as WITS and the WTO report them, over HS6 rates (each the mean of its national lines), with"
          + " mergeable states (sums and counts) so users can roll them up further. Rows as in tariff_effective.",
      schema(
          col("run_id", DataTypes.StringType, false, "the tariffs run"),
          col("scenario_id", DataTypes.StringType, false, "baseline or a scenario"),
          col("year", DataTypes.IntegerType, false, "calendar year"),
          col("importer", DataTypes.StringType, false, "importer, ISO3"),
          col("exporter", DataTypes.StringType, false, "exporter, ISO3, or MFN for the MFN schedule itself"),
          col("level", DataTypes.StringType, false, "total, wto_group, hs_section, hs2, hs4 or sector"),
          col("code", DataTypes.StringType, false, "ALL (total), AG/NAMA (WTO Agreement on Agriculture, Annex 1),"
              + " section I-XXI, HS2, HS4 or model sector"),
          col("n_lines", DataTypes.LongType, false, "HS6 products"),
          col("simple_avg", DataTypes.DoubleType, false, "simple mean of the HS6 rates, percent"),
          col("weighted_avg", DataTypes.DoubleType, true,
              "mean weighted by the importer's imports (from the exporter; from all partners for MFN rows) in the"
                  + " weight year, percent; null without trade"),
          col("duty_free_share", DataTypes.DoubleType, false, "share of HS6 products with a zero rate"),
          col("peak_share", DataTypes.DoubleType, false, "share of HS6 products above the peak threshold (15%)"),
          col("max_rate", DataTypes.DoubleType, false, "highest HS6 rate, percent"),
          col("margin", DataTypes.DoubleType, true,
              "preference margin: simple mean of (MFN - applied) in percentage points; null for MFN rows"),
          col("rate_sum", DataTypes.DoubleType, false, "state: sum of the HS6 rates"),
          col("weighted_sum", DataTypes.DoubleType, false, "state: sum of rate x import weight"),
          col("weight_usd", DataTypes.DoubleType, false, "state: import weight in USD (trade_flows, weight year)"),
          col("n_duty_free", DataTypes.LongType, false, "state: HS6 products duty free"),
          col("n_peak", DataTypes.LongType, false, "state: HS6 products above the peak threshold"),
          col("weight_year", DataTypes.IntegerType, false, "the year weighting the averages (trade_flows, or the"
              + " tariff files' own imports when trade_flows lacks it)"),
          col("bound_avg", DataTypes.DoubleType, true, "MFN rows: simple mean of the bound rates (WITS BND) of the"
              + " HS6 products that have one, percent; null without bound rates"),
          col("binding_overhang", DataTypes.DoubleType, true, "MFN rows: simple mean of bound minus applied MFN over"
              + " the HS6 products with both, percentage points"),
          col("n_bound", DataTypes.LongType, false, "state: HS6 products with a bound rate"),
          col("bound_sum", DataTypes.DoubleType, false, "state: sum of their bound rates"),
          col("overhang_sum", DataTypes.DoubleType, false, "state: sum of bound minus applied over them")),
      List.of(), List.of(), "tariffs")
      // statistics on the columns readers filter by, not on the 18 measures and states of every row
      .withProperties(java.util.Map.of("delta.dataSkippingNumIndexedCols", "7"));

  public static final TableDef IMPORT_DEPENDENCE = new TableDef("import_dependence",
      "How concentrated each importer's supply of each HS6 product is, per year, from trade_flows: imports, suppliers,"
          + " the top supplier and its share, the Herfindahl-Hirschman index of supplier shares, the shares of the"
          + " partners dependence.partners names and the strategic-goods lists (conf/goods) the product is on."
          + " Replaced by year.",
      schema(
          col("run_id", DataTypes.StringType, false, "the dependence run"),
          col("year", DataTypes.IntegerType, false, "trade year"),
          col("importer", DataTypes.StringType, false, "importer, ISO3"),
          col("hs6", DataTypes.StringType, false, "HS six-digit product"),
          col("hs_version", DataTypes.StringType, false, "HS nomenclature of the flows"),
          col("imports_usd", DataTypes.DoubleType, false, "imports from all suppliers, USD"),
          col("n_suppliers", DataTypes.LongType, false, "exporters with imports above zero"),
          col("top_supplier", DataTypes.StringType, false, "the largest supplier, ISO3 (ties: the later code)"),
          col("top_share", DataTypes.DoubleType, false, "its share of imports, 0-1"),
          col("hhi", DataTypes.DoubleType, false, "Herfindahl-Hirschman index: sum of squared supplier shares, 1/n-1"),
          col("partner_shares", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false,
              "share of imports of each partner in dependence.partners (0 when it supplies none)"),
          col("strategic", DataTypes.createArrayType(DataTypes.StringType), false,
              "ids of the strategic-goods lists the product is on (empty when none)")),
      List.of(), List.of(), "dependence")
      .withProperties(java.util.Map.of("delta.dataSkippingNumIndexedCols", "4"));

  public static final TableDef SMART_EFFECTS = new TableDef("smart_effects",
      "Partial-equilibrium effects of a scenario at the tariff line, WITS-SMART style, for every importer at once: per"
          + " (importer, exporter, HS6) of the reference trade year, the scenario's tariff against the baseline's in"
          + " the evaluated year. USD at the reference year's world prices. Replaced by scenario_id.",
      schema(
          col("run_id", DataTypes.StringType, false, "the smart run"),
          col("scenario_id", DataTypes.StringType, false, "the scenario evaluated against the baseline"),
          col("year", DataTypes.IntegerType, false, "the tariff year evaluated"),
          col("trade_year", DataTypes.IntegerType, false, "the trade_flows year of the imports"),
          col("importer", DataTypes.StringType, false, "importer, ISO3"),
          col("exporter", DataTypes.StringType, false, "exporter, ISO3"),
          col("hs6", DataTypes.StringType, false, "HS six-digit product"),
          col("imports_usd", DataTypes.DoubleType, false, "imports before, USD"),
          col("tariff_before", DataTypes.DoubleType, false, "baseline rate, percent"),
          col("tariff_after", DataTypes.DoubleType, false, "scenario rate, percent"),
          col("import_demand", DataTypes.DoubleType, false, "import-demand elasticity of the market (a magnitude)"),
          col("trade_creation_usd", DataTypes.DoubleType, false, "new imports from lower prices"),
          col("trade_diversion_usd", DataTypes.DoubleType, false,
              "imports shifted between sources; sums to zero over each importer x HS6 market"),
          col("price_effect_usd", DataTypes.DoubleType, false, "change in the exporter's world price x imports"),
          col("total_effect_usd", DataTypes.DoubleType, false, "trade creation + diversion + price effect"),
          col("price_effect_pct", DataTypes.DoubleType, false, "change in the domestic price of the source's variety,"
              + " percent"),
          col("revenue_before_usd", DataTypes.DoubleType, false, "tariff revenue before: rate x imports"),
          col("revenue_after_usd", DataTypes.DoubleType, false, "tariff revenue after: new rate x new imports"),
          col("consumer_surplus_usd", DataTypes.DoubleType, false,
              "welfare gain, the Harberger triangle 1/2 (t - t') x trade creation")),
      List.of(), List.of(), "smart")
      .withProperties(java.util.Map.of("delta.dataSkippingNumIndexedCols", "7"));

  public static final TableDef SMART_SUMMARY = new TableDef("smart_summary",
      "smart_effects added up per importer x partner x level (total, sector, hs_section, hs2), in whole cents (exact,"
          + " so the same whatever the partitioning). Replaced by scenario_id.",
      schema(
          col("run_id", DataTypes.StringType, false, "the smart run"),
          col("scenario_id", DataTypes.StringType, false, "the scenario"),
          col("year", DataTypes.IntegerType, false, "the tariff year evaluated"),
          col("importer", DataTypes.StringType, false, "importer, ISO3"),
          col("exporter", DataTypes.StringType, false, "exporter, ISO3"),
          col("level", DataTypes.StringType, false, "total, sector, hs_section or hs2"),
          col("code", DataTypes.StringType, false, "ALL, the model sector, section I-XXI or HS2"),
          col("n_lines", DataTypes.LongType, false, "HS6 lines with imports"),
          col("imports_usd", DataTypes.DoubleType, false, "imports before"),
          col("trade_creation_usd", DataTypes.DoubleType, false, "sum"),
          col("trade_diversion_usd", DataTypes.DoubleType, false, "sum"),
          col("price_effect_usd", DataTypes.DoubleType, false, "sum"),
          col("total_effect_usd", DataTypes.DoubleType, false, "sum"),
          col("revenue_before_usd", DataTypes.DoubleType, false, "sum"),
          col("revenue_after_usd", DataTypes.DoubleType, false, "sum"),
          col("consumer_surplus_usd", DataTypes.DoubleType, false, "sum")),
      List.of(), List.of(), "smart");

  public static final TableDef SCENARIO_TRADE_COSTS = new TableDef("scenario_trade_costs",
      "Cuts in non-tariff trade costs of each scenario (trade_costs in its YAML), one row per measure, year, directed"
          + " country pair and sector entry, with the share of the cut in force that year. Replaced by scenario_id.",
      schema(
          col("run_id", DataTypes.StringType, false, "the tariffs run that wrote them"),
          col("scenario_id", DataTypes.StringType, false, "the scenario"),
          col("measure", DataTypes.StringType, false, "the measure's id in the scenario"),
          col("year", DataTypes.IntegerType, false, "calendar year"),
          col("exporter", DataTypes.StringType, false, "exporter, ISO3"),
          col("importer", DataTypes.StringType, false, "importer, ISO3"),
          col("sector", DataTypes.StringType, false, "model sector, or ALL"),
          col("share", DataTypes.DoubleType, false, "share of the cut in force (staging), 0 to 1"),
          col("size_kind", DataTypes.StringType, false, "ave, iceberg, rta_effect or estimate"),
          col("ave_cut_pp", DataTypes.DoubleType, true, "ave: the cut in the ad-valorem equivalent, points"),
          col("ave_base_pct", DataTypes.DoubleType, true, "ave: the ad-valorem equivalent before the cut, percent"),
          col("iceberg", DataTypes.DoubleType, true, "iceberg: d-hat once phased in"),
          col("rta_effect", DataTypes.DoubleType, true, "rta_effect: the PPML coefficient beta; d-hat = exp(-beta/theta)"),
          col("estimate_run", DataTypes.StringType, true, "estimate: the estimate-gravity run"),
          col("estimate_term", DataTypes.StringType, true, "estimate: the covariate whose beta sizes the cut"),
          col("kind", DataTypes.StringType, true, "iceberg (a pure cost, d-hat) or rent (a wedge whose rents stay with"
              + " the importer); null in rows written before rents existed: iceberg")),
      List.of(), List.of(), "tariffs");

  public static final TableDef GRAVITY_ESTIMATES = new TableDef("gravity_estimates",
      "PPML gravity estimates with high-dimensional fixed effects: one row per covariate of a run. Replaced by run_id.",
      schema(
          col("run_id", DataTypes.StringType, false, "the estimate-gravity run"),
          col("formula", DataTypes.StringType, false, "the formula as fitted, e.g. trade ~ RTA | exporter^year + pair"),
          col("term", DataTypes.StringType, false, "the covariate"),
          col("estimate", DataTypes.DoubleType, false, "coefficient β"),
          col("std_error", DataTypes.DoubleType, false, "standard error (see vcov)"),
          col("z", DataTypes.DoubleType, false, "estimate / std_error"),
          col("p", DataTypes.DoubleType, false, "two-sided p-value, normal"),
          col("vcov", DataTypes.StringType, false, "robust (heteroskedasticity-robust, HC0) or cluster:<term>"),
          col("covariance", DataTypes.createArrayType(DataTypes.DoubleType), false,
              "this term's row of the covariance matrix of β, in term order (for draws from N(β, V))"),
          col("term_index", DataTypes.IntegerType, false, "position of the term in the formula (0-based)"),
          col("n_obs", DataTypes.LongType, false, "observations in the fit"),
          col("n_dropped_separated", DataTypes.LongType, false,
              "observations dropped because a fixed-effect level has only zero flows (separated)"),
          col("n_dropped_singleton", DataTypes.LongType, false,
              "observations dropped because they are alone in a fixed-effect level (singletons)"),
          col("n_clusters", DataTypes.LongType, true, "clusters, when clustered"),
          col("iterations", DataTypes.IntegerType, false, "IRLS iterations"),
          col("deviance", DataTypes.DoubleType, false, "Poisson deviance at the fit"),
          col("converged", DataTypes.BooleanType, false, "whether the deviance met the tolerance (a fit that does not "
              + "converge stops the job instead)")),
      List.of(), List.of(), "estimate-gravity");

  public static final TableDef GRAVITY_FIXED_EFFECTS = new TableDef("gravity_fixed_effects",
      "The estimated fixed effects of a PPML gravity run: one row per level kept in the fit. Each set is identified "
          + "up to normalisation; their sum per observation (with x'β) is the fitted ln μ. Replaced by run_id.",
      schema(
          col("run_id", DataTypes.StringType, false, "the estimate-gravity run"),
          col("fixed_effect", DataTypes.StringType, false, "the effect as written in the formula, e.g. exporter^year"),
          col("level", DataTypes.StringType, false, "its level: the columns' values joined by ^, e.g. USA^1994"),
          col("estimate", DataTypes.DoubleType, false, "the level's effect on ln μ")),
      List.of("run_id"), List.of(), "estimate-gravity");

  /** Every table but runs: the ones a run's commits can be taken out of. */
  public static List<TableDef> curated() {
    return all().stream().filter(t -> t != RUNS).toList();
  }

  public static List<TableDef> all() {
    return List.of(RUNS, SWEEP_DRAWS, SWEEP_SUMMARY, SWEEP_SENSITIVITY, TRADE_FLOWS, TRADE_FLOWS_REJECTS,
        INGEST_METRICS, TARIFF_SCHEDULES, TARIFF_REJECTS, TARIFF_EFFECTIVE, TARIFF_AGGREGATES, MODEL_INPUTS,
        MODEL_TARIFFS, IMPORT_DEPENDENCE, SMART_EFFECTS, SMART_SUMMARY, GRAVITY_ESTIMATES, GRAVITY_FIXED_EFFECTS, SCENARIO_TRADE_COSTS);
  }

  public static Optional<TableDef> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  static StructField col(String name, DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, org.apache.spark.sql.types.Metadata.empty()).withComment(comment);
  }
}
