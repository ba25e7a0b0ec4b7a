package org.ftasim.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ftasim.table.Csv;
import org.ftasim.table.TextDecoding;
import org.ftasim.table.Xlsx;

/**
 * An HS concordance between two nomenclature versions, taken in one direction (source → target) for the flows of
 * one HS version. Read from the UNSD "HS correlation and conversion tables" as published (the .xlsx, or a CSV saved
 * from its correlation sheet) or from a two-column CSV with an optional {@code weight} column ({@link Links#read}).
 *
 * <p>The links form groups (connected source and target codes), and each group is one of UNSD's relationships:
 * 1:1, n:1 (several source codes become one target), 1:n (one source code is split) and n:n; lines are counted by
 * their group's relationship. A flow of source code a goes to the targets T_a it is linked to, with shares
 * <pre>
 *   s_ab = w_b / Σ_{b' ∈ T_a} w_b'   (equal shares 1/|T_a| when Σ w = 0)
 * </pre>
 * with w_b the reference year's flows of target code b (trade already recorded in the target version), or the
 * file's explicit weights of a's links. So 1:1 and n:1 codes move whole, 1:n codes are split by the targets' trade,
 * and n:n codes are split over their own links only: UNSD's HS 2022 table joins 1,167 HS 2022 and 1,091 HS 2017
 * codes into one group (heading 8549, e-waste, links to 1,019 HS 2017 codes), and a group-wide split would spread
 * integrated circuits (8542) over a thousand unrelated codes. Every value is preserved: Σ_b s_ab = 1.
 */
public final class HsConcordance implements Serializable {
  public static final String ONE_TO_ONE = "1:1";
  public static final String MANY_TO_ONE = "n:1";
  public static final String ONE_TO_MANY = "1:n";
  public static final String MANY_TO_MANY = "n:n";

  private final String from;
  private final String to;
  private final Map<String, String[]> targets;
  private final Map<String, double[]> shares;
  private final Map<String, String> relationship;

  private HsConcordance(String from, String to, Map<String, String[]> targets, Map<String, double[]> shares,
      Map<String, String> relationship) {
    this.from = from;
    this.to = to;
    this.targets = targets;
    this.shares = shares;
    this.relationship = relationship;
  }

  /** The source HS version (H0 … H6). */
  public String from() {
    return from;
  }

  /** The target HS version. */
  public String to() {
    return to;
  }

  /** The target codes of a source code, or null when the concordance does not map it. */
  public String[] targets(String hs6) {
    return targets.get(hs6);
  }

  public double[] shares(String hs6) {
    return shares.get(hs6);
  }

  /** 1:1, n:1, 1:n or n:n: the relationship of the code's group. */
  public String relationship(String hs6) {
    return relationship.get(hs6);
  }

  /** Source codes per relationship. */
  public Map<String, Long> codesByRelationship() {
    Map<String, Long> n = new TreeMap<>();
    relationship.values().forEach(r -> n.merge(r, 1L, Long::sum));
    return n;
  }

  /** H0 … H6 from a column name ("HS 2017", " HS2017", "From HS2022", "H5", "HS17 Product Code"), or null. */
  static String version(String column) {
    String c = column.toUpperCase().replace(" ", "").replace("_", "");
    c = c.startsWith("FROM") ? c.substring(4) : c.startsWith("TO") ? c.substring(2) : c;
    Matcher m = Pattern.compile("^H([0-6])$|^HS?(\\d{4}|\\d{2})").matcher(c);
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

  /** The links of a concordance file between two HS versions as its header names them, in the file's order. */
  public record Links(String from, String to, List<String[]> pairs, List<Double> weights, String file)
      implements Serializable {

    /** Whether the file gave explicit weights (then they split each source code over its links). */
    boolean weighted() {
      return weights != null;
    }

    /**
     * Reads a concordance file's bytes: an .xlsx workbook (the sheet with a Relationship column, else the first with
     * two HS-version columns) or a CSV. A title row above the header, blank columns and codes stored as numbers
     * (leading zero lost) are taken as UNSD publishes them.
     */
    public static Links read(byte[] content, String file) {
      if (Xlsx.isWorkbook(content)) {
        List<Xlsx.Sheet> sheets = Xlsx.read(content, file);
        Xlsx.Sheet chosen = null;
        for (Xlsx.Sheet s : sheets) {
          Header h = Header.find(s.rows());
          if (h != null && (chosen == null || h.relationship >= 0)) {
            chosen = s;
            if (h.relationship >= 0) {
              break;
            }
          }
        }
        if (chosen == null) {
          throw IngestErrors.noConcordanceSheet(file, sheets.stream().map(Xlsx.Sheet::name).toList());
        }
        return links(chosen.rows(), file + " sheet '" + chosen.name() + "'");
      }
      List<String[]> rows = new ArrayList<>();
      for (String line : TextDecoding.text(content).split("\r?\n")) {
        rows.add(Csv.split(line));
      }
      return links(rows, file);
    }

    private static Links links(List<String[]> rows, String where) {
      Header h = Header.find(rows);
      if (h == null) {
        throw IngestErrors.noConcordanceHeader(where, Header.SEARCHED, rows.isEmpty() ? ""
            : String.join(",", rows.get(0)));
      }
      List<String[]> pairs = new ArrayList<>();
      List<Double> weights = h.weight >= 0 ? new ArrayList<>() : null;
      for (int r = h.row + 1; r < rows.size(); r++) {
        String[] f = rows.get(r);
        String a = pad(cell(f, h.source));
        String b = pad(cell(f, h.target));
        if (a.isEmpty() && b.isEmpty()) {
          continue;
        }
        if (!a.matches("\\d{6}") || !b.matches("\\d{6}")) {
          throw IngestErrors.notALink(where, r + 1, String.join(",", f), h.source + 1, h.target + 1);
        }
        pairs.add(new String[] {a, b});
        if (weights != null) {
          double w;
          try {
            w = Double.parseDouble(cell(f, h.weight));
          } catch (NumberFormatException e) {
            w = Double.NaN;
          }
          if (!(w >= 0) || Double.isInfinite(w)) {
            throw IngestErrors.badWeight(where, r + 1, cell(f, h.weight));
          }
          weights.add(w);
        }
      }
      return new Links(h.from, h.to, pairs, weights, where);
    }

    private static String cell(String[] f, int i) {
      return i < f.length ? f[i].trim() : "";
    }

    private static String pad(String code) {
      return code.length() == 5 && code.chars().allMatch(Character::isDigit) ? "0" + code : code;
    }

    /**
     * This concordance toward {@code target} for flows in the other version (read the other way round when the
     * file's direction is the reverse), splitting by the target codes' reference flows {@code targetWeights}
     * (target code → value; empty for equal splits).
     */
    public HsConcordance toward(String target, Map<String, Double> targetWeights) {
      boolean forward = target.equals(to);
      if (!forward && !target.equals(from)) {
        throw IngestErrors.concordanceOfOtherVersions(file, from, to, target);
      }
      Map<String, List<Integer>> bySource = new LinkedHashMap<>();
      Map<String, List<Integer>> byTarget = new LinkedHashMap<>();
      for (int i = 0; i < pairs.size(); i++) {
        String[] p = pairs.get(i);
        bySource.computeIfAbsent(forward ? p[0] : p[1], k -> new ArrayList<>()).add(i);
        byTarget.computeIfAbsent(forward ? p[1] : p[0], k -> new ArrayList<>()).add(i);
      }
      Map<String, String[]> targets = new HashMap<>();
      Map<String, double[]> shares = new HashMap<>();
      Map<String, String> relationship = new HashMap<>();
      for (String start : bySource.keySet()) {
        if (relationship.containsKey(start)) {
          continue;
        }
        List<String> sources = new ArrayList<>();
        List<String> group = new ArrayList<>();
        component(start, forward, bySource, byTarget, sources, group);
        String kind = sources.size() == 1 ? (group.size() == 1 ? ONE_TO_ONE : ONE_TO_MANY)
            : (group.size() == 1 ? MANY_TO_ONE : MANY_TO_MANY);
        for (String a : sources) {
          relationship.put(a, kind);
          Map<String, Double> linked = new LinkedHashMap<>();
          for (int i : bySource.get(a)) {
            String b = pairs.get(i)[forward ? 1 : 0];
            linked.merge(b, weighted() ? weights.get(i) : Math.max(0, targetWeights.getOrDefault(b, 0.0)),
                Double::sum);
          }
          targets.put(a, linked.keySet().toArray(new String[0]));
          shares.put(a, normalised(linked.values()));
        }
      }
      return new HsConcordance(forward ? from : to, target, targets, shares, relationship);
    }

    /** Weights as shares summing to one; equal shares when they sum to zero. */
    private static double[] normalised(java.util.Collection<Double> weights) {
      double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
      double sum = java.util.Arrays.stream(w).sum();
      for (int i = 0; i < w.length; i++) {
        w[i] = sum > 0 ? w[i] / sum : 1.0 / w.length;
      }
      return w;
    }

    /** The source and target codes connected to {@code start} (breadth first, in the file's order). */
    private void component(String start, boolean forward, Map<String, List<Integer>> bySource,
        Map<String, List<Integer>> byTarget, List<String> sources, List<String> group) {
      java.util.Set<String> seenSource = new java.util.LinkedHashSet<>(List.of(start));
      java.util.Set<String> seenTarget = new java.util.LinkedHashSet<>();
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(start));
      while (!queue.isEmpty()) {
        String a = queue.poll();
        for (int i : bySource.get(a)) {
          String b = pairs.get(i)[forward ? 1 : 0];
          if (seenTarget.add(b)) {
            for (int j : byTarget.get(b)) {
              String other = pairs.get(j)[forward ? 0 : 1];
              if (seenSource.add(other)) {
                queue.add(other);
              }
            }
          }
        }
      }
      sources.addAll(seenSource);
      group.addAll(seenTarget);
    }

  }

  /** Where a concordance's header is: its row, the source and target columns with their versions, and extras. */
  private record Header(int row, int source, String from, int target, String to, int weight, int relationship) {
    static final int SEARCHED = 10;

    static Header find(List<String[]> rows) {
      for (int r = 0; r < Math.min(SEARCHED, rows.size()); r++) {
        String[] f = rows.get(r);
        int source = -1;
        int target = -1;
        int weight = -1;
        int relationship = -1;
        String from = null;
        String to = null;
        for (int c = 0; c < f.length; c++) {
          String name = f[c].replace("\uFEFF", "").trim();
          String v = version(name);
          if (name.equalsIgnoreCase("weight")) {
            weight = c;
          } else if (name.equalsIgnoreCase("relationship")) {
            relationship = c;
          } else if (v != null && source < 0) {
            source = c;
            from = v;
          } else if (v != null && target < 0) {
            target = c;
            to = v;
          }
        }
        if (source >= 0 && target >= 0 && !from.equals(to)) {
          return new Header(r, source, from, target, to, weight, relationship);
        }
      }
      return null;
    }
  }
}
