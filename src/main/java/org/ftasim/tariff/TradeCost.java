package org.ftasim.tariff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cut in non-tariff trade costs a scenario makes ({@code trade_costs} in its YAML): on which directed pairs
 * (all pairs among {@code members}, or the listed {@code pairs}, both directions unless {@code one_way}), in which
 * model sectors ({@code all} by default), by how much, and when (a staging category from {@code entry_into_force},
 * as for tariffs: in year t the share 1 − factor(cuts in force on 31 December) of the cut applies).
 *
 * <p>How much, one of: {@code ave_cut_pp} with {@code ave_base_pct} (the measures' ad-valorem equivalent falls by
 * that many points from its base: d̂ = (1 + (base − cut)/100)/(1 + base/100)); {@code iceberg} (d̂ itself once
 * phased in, e.g. 0.97); {@code rta_effect} (a PPML coefficient β of an agreement dummy, d̂ = exp(−β/θ^j) per
 * sector); or {@code from_estimate: RUN_ID/term} (that β from table gravity_estimates). A share s of the cut gives
 * d̂^s.
 *
 * <p>What the measure is ({@code kind}): {@code iceberg} (default), a pure cost that raises no revenue,
     Caliendo–Parro's
 * d̂; or {@code rent}, a tax-like wedge whose rents stay with the importer (quotas, licences): sized by
 * {@code ave_cut_pp} and {@code ave_base_pct} only, it enters the model as a wedge ρ on top of the tariff,
 * 1 + τ_model = (1 + τ)(1 + ρ), at ρ = base in the data year and the baseline and base − share·cut in the scenario,
 * its rents counted with tariff revenue in the importer's income.
 *
 * <pre>
 * trade_costs:
 *   - id: cptpp-ntm
 *     members: [KOR, JPN, MEX]
 *     sectors: all
 *     ave_cut_pp: 2.8
 *     ave_base_pct: 10
 *     staging: B10
 *     entry_into_force: 2027
 * </pre>
 */
public record TradeCost(String id, String kind, List<String[]> pairs, List<String> sectors, Size size,
    String staging, int entryYear) implements Serializable {

  /** The size of the cut: kind ave, iceberg, rta_effect or estimate, with the fields that kind uses. */
  public record Size(String kind, double aveCutPp, double aveBasePct, double iceberg, double rtaEffect,
      String estimateRun, String estimateTerm) implements Serializable {}

  private static final Set<String> KEYS = Set.of("id", "members", "pairs", "one_way", "sectors", "ave_cut_pp",
      "ave_base_pct", "iceberg", "rta_effect", "from_estimate", "staging", "entry_into_force", "kind");

  static List<TradeCost> parseAll(JsonNode list, String source, Map<String, StagingCategory> categories) {
    List<TradeCost> out = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw TariffErrors.tradeCostsNotAList(source);
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      TradeCost t = parse(list.get(i), source + ": trade_costs[" + i + "]", categories);
      if (!ids.add(t.id())) {
        throw TariffErrors.tradeCostIdTwice(source, i, t.id());
      }
      out.add(t);
    }
    return out;
  }

  static TradeCost parse(JsonNode m, String where, Map<String, StagingCategory> categories) {
    if (!m.isObject()) {
      throw TariffErrors.tradeCostNotAMapping(where);
    }
    for (var it = m.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw TariffErrors.unknownTradeCostKey(where, key, KEYS);
      }
    }
    String id = m.path("id").asText("");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw TariffErrors.badTradeCostId(where, id);
    }
    String kind = m.path("kind").asText("iceberg");
    if (!kind.equals("iceberg") && !kind.equals("rent")) {
      throw TariffErrors.unknownKind(where, kind);
    }
    if (kind.equals("rent") && !m.has("ave_cut_pp")) {
      throw TariffErrors.rentNeedsAve(where);
    }
    boolean oneWay = m.path("one_way").asBoolean(false);
    List<String[]> pairs = new ArrayList<>();
    if (m.has("members") == m.has("pairs")) {
      throw TariffErrors.membersOrPairs(where, m.has("members") ? "both" : "neither");
    }
    if (m.has("members")) {
      List<String> members = codes(m.path("members"), where + ".members");
      if (members.size() < 2) {
        throw TariffErrors.tooFewMembers(where, members);
      }
      for (String a : members) {
        for (String b : members) {
          if (!a.equals(b)) {
            pairs.add(new String[] {a, b});
          }
        }
      }
    } else {
      for (String p : codes(m.path("pairs"), where + ".pairs")) {
        String[] ei = p.split(":");
        if (ei.length != 2 || !ei[0].matches("[A-Z]{3}") || !ei[1].matches("[A-Z]{3}") || ei[0].equals(ei[1])) {
          throw TariffErrors.notAPair(where, p);
        }
        pairs.add(ei);
        if (!oneWay) {
          pairs.add(new String[] {ei[1], ei[0]});
        }
      }
    }
    List<String> sectors = new ArrayList<>();
    JsonNode s = m.path("sectors");
    if (s.isArray()) {
      s.forEach(x -> sectors.add(x.asText()));
    } else if (!s.isMissingNode() && !s.asText().equals("all")) {
      sectors.add(s.asText());
    }
    List<String> given = new ArrayList<>();
    for (String k : List.of("ave_cut_pp", "iceberg", "rta_effect", "from_estimate")) {
      if (m.has(k)) {
        given.add(k);
      }
    }
    if (given.size() != 1) {
      throw TariffErrors.oneSize(where, given.isEmpty() ? "none" : given.toString());
    }
    Size size = switch (given.get(0)) {
      case "ave_cut_pp" -> {
        double cut = number(m, "ave_cut_pp", where);
        if (!m.has("ave_base_pct")) {
          throw TariffErrors.aveNeedsBase(where);
        }
        double base = number(m, "ave_base_pct", where);
        if (!(cut > 0 && cut <= base)) {
          throw TariffErrors.badAveCut(where, cut, base);
        }
        yield new Size("ave", cut, base, Double.NaN, Double.NaN, null, null);
      }
      case "iceberg" -> {
        double d = number(m, "iceberg", where);
        if (!(d > 0 && d <= 2)) {
          throw TariffErrors.badIceberg(where, d);
        }
        yield new Size("iceberg", Double.NaN, Double.NaN, d, Double.NaN, null, null);
      }
      case "rta_effect" -> new Size("rta_effect", Double.NaN, Double.NaN, Double.NaN, number(m, "rta_effect", where),
          null, null);
      default -> {
        String ref = m.path("from_estimate").asText("");
        int slash = ref.indexOf('/');
        if (slash <= 0 || slash == ref.length() - 1) {
          throw TariffErrors.badEstimateRef(where, ref);
        }
        yield new Size("estimate", Double.NaN, Double.NaN, Double.NaN, Double.NaN, ref.substring(0, slash),
            ref.substring(slash + 1));
      }
    };
    String staging = m.path("staging").asText("A");
    if (!categories.containsKey(staging)) {
      throw TariffErrors.unknownStaging(where, staging, categories.keySet());
    }
    if (!m.path("entry_into_force").canConvertToInt()) {
      throw TariffErrors.badEntryYear(where);
    }
    return new TradeCost(id, kind, pairs, sectors, size, staging, m.path("entry_into_force").asInt());
  }

  /** The share of the cut in force in {@code year}: the staging category's progress with one cut a year. */
  public double share(int year, Map<String, StagingCategory> categories) {
    StagingCategory c = categories.get(staging);
    int cuts = year - entryYear + 1;
    double factor = c.factor(cuts);
    return Double.isNaN(factor) ? 0 : 1 - factor;
  }

  private static double number(JsonNode m, String key, String where) {
    JsonNode v = m.path(key);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw TariffErrors.notANumber(where, key, v.asText());
    }
    return v.asDouble();
  }

  private static List<String> codes(JsonNode list, String where) {
    if (!list.isArray()) {
      throw TariffErrors.notACountryList(where);
    }
    List<String> out = new ArrayList<>();
    list.forEach(x -> out.add(x.asText()));
    for (String c : out) {
      if (!c.matches("[A-Z]{3}|[A-Z]{3}:[A-Z]{3}")) {
        throw TariffErrors.notAnIso3(where, c);
      }
    }
    return out;
  }
}
