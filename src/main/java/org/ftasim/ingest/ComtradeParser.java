package org.ftasim.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.ftasim.table.Csv;
import org.ftasim.table.M49;

/**
 * One line of a UN Comtrade CSV as Comtrade+ writes it (API and bulk download, 47 columns: typeCode, refYear,
 * reporterCode, reporterISO, flowCode, partnerCode, partnerISO, partner2Code, cmdCode, aggrLevel, customsCode,
 * motCode, netWgt, cifvalue, fobvalue, primaryValue, …), columns found by name in the header. Its quirks: every
 * field quoted, an empty field after the last column on every data line (48 fields under 47 names), codes padded
 * with blanks ({@code "0 "}), Windows-1252 names (read by {@link ChunkReader}).
 *
 * <p>Lines that are not HS6 goods flows — services ({@code typeCode S}), {@code cmdCode TOTAL} and two- or
 * four-digit codes ({@code aggrLevel} ≠ 6) — are filtered, by reason, not rejected. Comtrade also publishes
 * overlapping breakdowns, so only the totals are kept — {@code motCode == 0}, {@code customsCode == C00},
 * {@code partner2Code == 0} — and partner World (0), Areas nes (899) and the special partners 837–839 (bunkers,
 * free zones, special categories) are filtered too. {@code isAggregate} is no filter: it marks values UNSD summed
 * from the reporter's finer lines, which is most HS6 lines of reporters that report national tariff lines. An
 * import line (M) is the importer's report of a CIF value, an export line (X) the exporter's report of a FOB value;
 * without mirroring only M lines are kept. A blank ISO column (the API without descriptions) is read from the
 * numeric code ({@link M49}).
 */
public final class ComtradeParser implements FlowParser {
  public static final String[] REQUIRED = {"refYear", "reporterCode", "reporterISO", "flowCode", "partnerCode",
      "partnerISO", "partner2Code", "cmdCode", "customsCode", "motCode", "netWgt", "cifvalue", "fobvalue",
      "primaryValue"};
  /** Filter reasons that say a line is not an HS6 goods flow (what the file holds, if nothing else). */
  public static final String NOT_HS6 = "NOT_HS6_";
  public static final String SERVICES = "SERVICES";
  /** The filter reason of an exporter report when mirroring is off. */
  public static final String EXPORT_NOT_MIRRORED = "EXPORT_REPORT_NOT_MIRRORED";
  private static final Set<String> SPECIAL = Set.of("837", "838", "839");

  private final int columns;
  private final Map<String, Integer> at = new HashMap<>();
  private final boolean mirror;

  /** @param header the file's header line; @param mirror keep exporter reports (X) too, as fallback */
  public ComtradeParser(String[] header, boolean mirror) {
    int named = header.length;
    while (named > 0 && header[named - 1].isBlank()) {
      named--;
    }
    this.columns = named;
    for (int i = 0; i < named; i++) {
      at.put(header[i].replace("\uFEFF", "").trim(), i);
    }
    this.mirror = mirror;
  }

  /** The required columns the header lacks (empty when it is a Comtrade header). */
  public static java.util.List<String> missing(String[] header) {
    Set<String> have = new java.util.HashSet<>();
    for (String h : header) {
      have.add(h.replace("\uFEFF", "").trim());
    }
    return java.util.Arrays.stream(REQUIRED).filter(c -> !have.contains(c)).toList();
  }

  @Override
  public ParsedLine parse(String line, ParsedLine out) {
    out.reset();
    if (line.isBlank()) {
      return BaciParser.reject(out, Reject.BLANK_LINE, "the line is empty");
    }
    String[] f = Csv.split(line);
    boolean trailingEmpty = f.length == columns + 1 && f[columns].isBlank();
    if (f.length != columns && !trailingEmpty) {
      return BaciParser.reject(out, Reject.COLUMN_COUNT, "expected " + columns + " columns as in the header (or "
          + columns + " and an empty one after a trailing comma), found " + f.length);
    }
    String year = get(f, "refYear");
    if (year.length() != 4 || !BaciParser.isDigits(year)) {
      return BaciParser.reject(out, Reject.BAD_YEAR, "refYear='" + year + "' is not a four-digit year");
    }
    out.year = Integer.parseInt(year);
    if (out.year < 1900 || out.year > 2100) {
      return BaciParser.reject(out, Reject.BAD_YEAR, "refYear=" + year + " is outside 1900-2100");
    }
    if (get(f, "typeCode").equals("S")) {
      return filter(out, SERVICES);
    }
    String cmd = get(f, "cmdCode");
    if (cmd.equalsIgnoreCase("TOTAL")) {
      return filter(out, NOT_HS6 + "TOTAL");
    }
    String level = get(f, "aggrLevel");
    if (!level.isEmpty() && !number(level, "6")) {
      return filter(out, NOT_HS6 + "LEVEL_" + (level.endsWith(".0") ? level.substring(0, level.length() - 2) : level));
    }
    if (cmd.length() < 6 && BaciParser.isDigits(cmd)) {
      // a spreadsheet drops leading zeros: five digits is an HS6 code, one or three an HS2 or HS4 code
      if (cmd.length() != 5) {
        return filter(out, NOT_HS6 + "LEVEL_" + (cmd.length() + 1) / 2 * 2);
      }
      cmd = "0" + cmd;
      out.repaired = true;
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
      return filter(out, EXPORT_NOT_MIRRORED);
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
    if (cmd.length() != 6 || !BaciParser.isDigits(cmd)) {
      return BaciParser.reject(out, Reject.MALFORMED_HS, "cmdCode='" + cmd + "' is not a six-digit HS code");
    }
    int reporterCode = code(get(f, "reporterCode"));
    int partnerCode = code(partner);
    String reporter = iso(get(f, "reporterISO"), reporterCode);
    String partnerIso = iso(get(f, "partnerISO"), partnerCode);
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

  /** The field, trimmed; "" for an optional column the file lacks. */
  private String get(String[] f, String column) {
    Integer i = at.get(column);
    return i == null ? "" : f[i].trim();
  }

  private static boolean number(String text, String value) {
    return text.equals(value) || text.equals(value + ".0");
  }

  private static String iso(String text, int code) {
    if (code == BaciRelease.OTHER_ASIA) {
      return "TWN";
    }
    String s = text.isEmpty() && code >= 0 ? M49.iso3(code) : BaciRelease.ALIASES.getOrDefault(text, text);
    return s != null && s.length() == 3 && s.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? s : null;
  }

  private static int code(String text) {
    return text.length() >= 1 && text.length() <= 4 && BaciParser.isDigits(text) ? Integer.parseInt(text) : -1;
  }

  private static Double value(String text, String what, ParsedLine out) {
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

  private static ParsedLine filter(ParsedLine out, String why) {
    out.filtered = why;
    return out;
  }
}
