package org.ftasim.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ftasim.config.UserException;

/**
 * A file with data lines of which none lands in {@code trade_flows} is a layout problem, not a run that went well:
 * the wrong download (HS4 instead of HS6, World totals only), the wrong format, or a layout ftasim does not read.
 * This says which, from the file's one-pass metrics, so the job can stop before it writes anything.
 */
public final class NothingAccepted {
  private NothingAccepted() {}

  /**
   * The error for a file that accepted nothing, or null when it accepted a line (or has no data lines).
   *
   * @param dataLines lines after the header
   * @param rejectSample the first rejected line of the most frequent reason, as "line N: text", or null
   * @param expected what a good line of the format looks like
   */
  public static UserException explain(String file, String format, long dataLines, FileStats stats, String rejectSample,
      String expected) {
    if (dataLines == 0 || stats.accepted > 0) {
      return null;
    }
    Map<String, Long> levels = new TreeMap<>();
    stats.filtered.forEach((why, n) -> {
      if (why.startsWith(ComtradeParser.NOT_HS6) || why.equals(ComtradeParser.SERVICES)) {
        levels.put(why, n);
      }
    });
    long notGoodsHs6 = levels.values().stream().mapToLong(Long::longValue).sum();
    // lines rejected before the commodity is looked at (Comtrade's order) may still be HS6 lines; none other is
    long beforeLevel = stats.rejected[Reject.BLANK_LINE.ordinal()] + stats.rejected[Reject.COLUMN_COUNT.ordinal()]
        + stats.rejected[Reject.BAD_YEAR.ordinal()];
    if (notGoodsHs6 > 0 && notGoodsHs6 + beforeLevel == dataLines) {
      return IngestErrors.noHs6Goods(file, holds(levels, dataLines),
          stats.filteredSample.get(levels.keySet().iterator().next()));
    }
    if (stats.rejectedTotal() > 0) {
      Reject top = null;
      for (Reject r : Reject.values()) {
        if (top == null || stats.rejected[r.ordinal()] > stats.rejected[top.ordinal()]) {
          top = r;
        }
      }
      List<String> all = new ArrayList<>();
      for (Reject r : Reject.values()) {
        if (stats.rejected[r.ordinal()] > 0) {
          all.add(r.name() + " " + stats.rejected[r.ordinal()]);
        }
      }
      return IngestErrors.noLineAccepted(file, format, dataLines,
          all.size() == 1 ? "all rejected as " + top.name() : "rejected " + String.join(", ", all),
          stats.filteredTotal() > 0 ? ", filtered " + stats.filtered : "",
          rejectSample == null ? "" : "; " + rejectSample, expected);
    }
    if (stats.filtered.containsKey(ComtradeParser.EXPORT_NOT_MIRRORED)) {
      // exporter reports left out because --mirror was not given: the user's choice, not a layout problem
      return null;
    }
    return IngestErrors.noBilateralFlow(file, format, dataLines, stats.filtered.toString(),
        stats.filteredSample.firstEntry().getValue());
  }

  /** "HS4 codes only (aggrLevel 4)", or each kind with its count. */
  private static String holds(Map<String, Long> levels, long dataLines) {
    List<String> kinds = new ArrayList<>();
    levels.forEach((why, n) -> kinds.add(describe(why) + (levels.size() == 1 ? "" : " (" + n + " lines)")));
    if (kinds.size() == 1) {
      return "its " + dataLines + " data lines are " + kinds.get(0) + " only";
    }
    return "its " + dataLines + " data lines are " + String.join(", ", kinds);
  }

  private static String describe(String why) {
    if (why.equals(ComtradeParser.SERVICES)) {
      return "services (typeCode S)";
    }
    String what = why.substring(ComtradeParser.NOT_HS6.length());
    if (what.equals("TOTAL")) {
      return "all-commodity totals (cmdCode TOTAL)";
    }
    String level = what.substring("LEVEL_".length());
    return "HS" + level + " codes (aggrLevel " + level + ")";
  }
}
