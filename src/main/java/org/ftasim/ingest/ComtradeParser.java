package org.ftasim.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.ftasim.table.Csv;

/**
 * One line of a UN Comtrade CSV (the Comtrade+ API / bulk layout, 47 columns: refYear, reporterCode, reporterISO,
 * flowCode, partnerCode, partnerISO, partner2Code, cmdCode, customsCode, motCode, netWgt, cifvalue, fobvalue,
 * primaryValue, isAggregate, …), columns found by name in the header. Comtrade publishes overlapping breakdowns, so
 * only the totals are kept — {@code motCode == 0}, {@code customsCode == C00}, {@code partner2Code == 0}, not
 * {@code isAggregate} — and partner World (0), Areas nes (899) and the special partners 837–839 (bunkers, free
 * zones, special categories) are left out; those lines are counted as filtered, by reason, not rejected. An
 * import line (M) is the importer's report of a CIF value, an export line (X) the exporter's report of a FOB value;
 * without mirroring only M lines are kept.
 */
public final class ComtradeParser implements FlowParser {
  public static final String[] REQUIRED = {"refYear", "reporterCode", "reporterISO", "flowCode", "partnerCode",
      "partnerISO", "partner2Code", "cmdCode", "customsCode", "motCode", "netWgt", "cifvalue", "fobvalue",
      "primaryValue", "isAggregate"};
  private static final Set<String> SPECIAL = Set.of("837", "838", "839");

  private final int columns;
  private final Map<String, Integer> at = new HashMap<>();
  private final boolean mirror;

  /** @param header the file's header line; @param mirror keep exporter reports (X) too, as fallback */
  public ComtradeParser(String[] header, boolean mirror) {
    this.columns = header.length;
    for (int i = 0; i < header.length; i++) {
      at.put(header[i].trim(), i);
    }
    this.mirror = mirror;
  }

  /** The required columns the header lacks (empty when it is a Comtrade header). */
  public static java.util.List<String> missing(String[] header) {
    Set<String> have = new java.util.HashSet<>();
    for (String h : header) {
      have.add(h.trim());
    }
    return java.util.Arrays.stream(REQUIRED).filter(c -> !have.contains(c)).toList();
  }

  @Override
  public BaciParser.Parsed parse(String line, BaciParser.Parsed out) {
    out.reset();
    if (line.isBlank()) {
      return BaciParser.reject(out, Reject.BLANK_LINE, "the line is empty");
    }
    String[] f = Csv.split(line);
    if (f.length != columns) {
      return BaciParser.reject(out, Reject.COLUMN_COUNT, "expected " + columns + " columns as in the header, found "
          + f.length);
    }
    String year = get(f, "refYear");
    if (year.length() != 4 || !BaciParser.isDigits(year)) {
      return BaciParser.reject(out, Reject.BAD_YEAR, "refYear='" + year + "' is not a four-digit year");
    }
    out.year = Integer.parseInt(year);
    if (out.year < 1900 || out.year > 2100) {
      return BaciParser.reject(out, Reject.BAD_YEAR, "refYear=" + year + " is outside 1900-2100");
    }
    String aggregate = get(f, "isAggregate");
    if (aggregate.equalsIgnoreCase("true") || aggregate.equals("1")) {
      return filter(out, "AGGREGATE");
    }
    if (!number(get(f, "motCode"), "0")) {
      return filter(out, "MODE_OF_TRANSPORT_NOT_TOTAL");
    }
    if (!get(f, "customsCode").equals("C00")) {
      return filter(out, "CUSTOMS_PROCEDURE_NOT_TOTAL");
    }
    if (!number(get(f, "partner2Code"), "0")) {
      return filter(out, "SECOND_PARTNER_NOT_TOTAL");
    }
    String flow = get(f, "flowCode");
    if (!flow.equals("M") && !flow.equals("X")) {
      return filter(out, "FLOW_NOT_M_OR_X");
    }
    if (flow.equals("X") && !mirror) {
      return filter(out, "EXPORT_REPORT_NOT_MIRRORED");
    }
    String partner = get(f, "partnerCode");
    if (number(partner, "0")) {
      return filter(out, "PARTNER_WORLD");
    }
    if (number(partner, "899")) {
      return filter(out, "PARTNER_AREAS_NES");
    }
    if (SPECIAL.contains(partner)) {
      return filter(out, "PARTNER_SPECIAL");
    }
    String cmd = get(f, "cmdCode");
    if (cmd.equals("TOTAL") || (cmd.length() < 6 && BaciParser.isDigits(cmd))) {
      return filter(out, "NOT_HS6");
    }
    if (cmd.length() != 6 || !BaciParser.isDigits(cmd)) {
      return BaciParser.reject(out, Reject.MALFORMED_HS, "cmdCode='" + cmd + "' is not a six-digit HS code");
    }
    String reporter = iso(get(f, "reporterISO"));
    String partnerIso = iso(get(f, "partnerISO"));
    int reporterCode = code(get(f, "reporterCode"));
    int partnerCode = code(partner);
    if (reporter == null || reporterCode < 0) {
      return BaciParser.reject(out, Reject.UNKNOWN_COUNTRY, "reporter '" + get(f, "reporterISO") + "' ("
          + get(f, "reporterCode") + ") is not an ISO3 country");
    }
    if (partnerIso == null || partnerCode < 0) {
      return BaciParser.reject(out, Reject.UNKNOWN_COUNTRY, "partner '" + get(f, "partnerISO") + "' (" + partner
          + ") is not an ISO3 country");
    }
    boolean imports = flow.equals("M");
    out.importer = imports ? reporter : partnerIso;
    out.exporter = imports ? partnerIso : reporter;
    out.source = imports ? "COMTRADE_M" : "COMTRADE_X";
    out.hs6 = cmd;
    String valueText = get(f, imports ? "cifvalue" : "fobvalue");
    String which = imports ? "cifvalue" : "fobvalue";
    if (valueText.isEmpty()) {
      valueText = get(f, "primaryValue");
      which = "primaryValue";
    }
    Double v = value(valueText, which, out);
    if (v == null) {
      return out;
    }
    out.valueUsd = v;
    String weight = get(f, "netWgt");
    if (!weight.isEmpty()) {
      Double kg = value(weight, "netWgt", out);
      if (kg == null) {
        return out;
      }
      out.quantityT = kg / 1000;
    }
    int exporterCode = imports ? partnerCode : reporterCode;
    int importerCode = imports ? reporterCode : partnerCode;
    out.key = ((long) (imports ? 0 : 1) << 60) | ((long) (out.year - 1900) << 52) | ((long) exporterCode << 36)
        | ((long) importerCode << 20) | Integer.parseInt(cmd);
    return out;
  }

  private String get(String[] f, String column) {
    return f[at.get(column)].trim();
  }

  private static boolean number(String text, String value) {
    return text.equals(value) || text.equals(value + ".0");
  }

  private static String iso(String text) {
    String s = BaciRelease.ALIASES.getOrDefault(text, text);
    return s.length() == 3 && s.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? s : null;
  }

  private static int code(String text) {
    return text.length() >= 1 && text.length() <= 4 && BaciParser.isDigits(text) ? Integer.parseInt(text) : -1;
  }

  private static Double value(String text, String what, BaciParser.Parsed out) {
    double d;
    try {
      d = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      BaciParser.reject(out, Reject.BAD_NUMBER, what + "='" + text + "' is not a number");
      return null;
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      BaciParser.reject(out, Reject.NOT_FINITE, what + "='" + text + "' is not finite");
      return null;
    }
    if (d < 0) {
      BaciParser.reject(out, Reject.NEGATIVE_NUMBER, what + "=" + text + " is negative");
      return null;
    }
    return d;
  }

  private static BaciParser.Parsed filter(BaciParser.Parsed out, String why) {
    out.filtered = why;
    return out;
  }
}
