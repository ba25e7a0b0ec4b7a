package org.ftasim.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ftasim.config.UserException;
import org.ftasim.table.Csv;

/**
 * An HS concordance between two nomenclature versions in the UNSD / WITS layout: a CSV whose first two columns named
 * after HS versions (H5, HS17, HS2017, "HS 2017 Product Code", …) are the source and target six-digit codes, one row
 * per (source, target) link, with an optional {@code weight} column. A source code linked to several target codes
 * (1:n) is split by the weights, or equally when there are none; several source codes on one target (n:1) are added
 * up by the ingest.
 */
public final class HsConcordance implements Serializable {
  private final String from;
  private final String to;
  private final Map<String, String[]> targets;
  private final Map<String, double[]> shares;

  private HsConcordance(String from, String to, Map<String, String[]> targets, Map<String, double[]> shares) {
    this.from = from;
    this.to = to;
    this.targets = targets;
    this.shares = shares;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }

  public String[] targets(String hs6) {
    return targets.get(hs6);
  }

  public double[] shares(String hs6) {
    return shares.get(hs6);
  }

  /** H0 … H6 from a column name, or null when it names no HS version. */
  static String version(String column) {
    String c = column.toUpperCase().replace(" ", "").replace("_", "");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^H([0-6])$|^HS?(\\d{4}|\\d{2})").matcher(c);
    if (!m.find()) {
      return null;
    }
    if (m.group(1) != null) {
      return "H" + m.group(1);
    }
    return switch (m.group(2)) {
      case "92", "1992", "88", "1988" -> "H0";
      case "96", "1996" -> "H1";
      case "02", "2002" -> "H2";
      case "07", "2007" -> "H3";
      case "12", "2012" -> "H4";
      case "17", "2017" -> "H5";
      case "22", "2022" -> "H6";
      default -> null;
    };
  }

  public static HsConcordance read(String text, String file) {
    String[] lines = text.replace("\uFEFF", "").split("\r?\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new UserException("concordance " + file + " is empty; expected a header such as H5,H6");
    }
    String[] header = Csv.split(lines[0]);
    int src = -1;
    int dst = -1;
    int weight = -1;
    String[] versions = new String[2];
    for (int i = 0; i < header.length; i++) {
      String v = version(header[i].trim());
      if (header[i].trim().equalsIgnoreCase("weight")) {
        weight = i;
      } else if (v != null && src < 0) {
        src = i;
        versions[0] = v;
      } else if (v != null && dst < 0) {
        dst = i;
        versions[1] = v;
      }
    }
    if (src < 0 || dst < 0 || versions[0].equals(versions[1])) {
      throw new UserException("concordance " + file + ": header '" + lines[0] + "' does not name two HS versions;"
          + " fix: name the source and target code columns after their versions, e.g. H5,H6 or HS2017,HS2022");
    }
    Map<String, List<Object[]>> links = new LinkedHashMap<>();
    for (int l = 1; l < lines.length; l++) {
      if (lines[l].isBlank()) {
        continue;
      }
      String[] f = Csv.split(lines[l]);
      String a = f.length > src ? pad(f[src].trim()) : "";
      String b = f.length > dst ? pad(f[dst].trim()) : "";
      if (!a.matches("\\d{6}") || !b.matches("\\d{6}")) {
        throw new UserException("concordance " + file + " line " + (l + 1) + ": '" + lines[l] + "' does not link two"
            + " six-digit codes");
      }
      double w = 1;
      if (weight >= 0) {
        try {
          w = Double.parseDouble(f[weight].trim());
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          w = Double.NaN;
        }
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new UserException("concordance " + file + " line " + (l + 1) + ": weight must be a number >= 0");
        }
      }
      links.computeIfAbsent(a, k -> new ArrayList<>()).add(new Object[] {b, w});
    }
    Map<String, String[]> targets = new HashMap<>();
    Map<String, double[]> shares = new HashMap<>();
    for (Map.Entry<String, List<Object[]>> e : links.entrySet()) {
      List<Object[]> to = e.getValue();
      double sum = to.stream().mapToDouble(o -> (Double) o[1]).sum();
      String[] t = new String[to.size()];
      double[] s = new double[to.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = (String) to.get(i)[0];
        s[i] = sum > 0 ? (Double) to.get(i)[1] / sum : 1.0 / t.length;
      }
      targets.put(e.getKey(), t);
      shares.put(e.getKey(), s);
    }
    return new HsConcordance(versions[0], versions[1], targets, shares);
  }

  private static String pad(String code) {
    return code.length() == 5 ? "0" + code : code;
  }
}
