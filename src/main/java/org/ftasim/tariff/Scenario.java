package org.ftasim.tariff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ftasim.config.YamlFiles;

/**
 * A policy scenario ({@code conf/scenarios/*.yaml}): agreements added to the baseline, or baseline agreements
 * changed (members, entry into force, default staging, staging rules, exclusions, utilisation). The baseline
 * scenario is the agreements file as it is.
 *
 * <pre>
 * id: kor-jpn-fta
 * description: every Korea–Japan line to zero in 10 equal annual cuts from 2027, on top of RCEP
 * agreements:
 *   - id: KJFTA                       # a new id adds an agreement; a baseline id changes that agreement
 *     members: {KOR: {entry_into_force: 2027-01-01}, JPN: {entry_into_force: 2027-01-01, cut_date: "04-01"}}
 *     default_staging: B10
 *     base: applied                   # default for new agreements: cuts start from the rate applied before
 *     exclude: [AG, "8703"]           # WTO agricultural lines, HS ranges
 *     staging_rules: [{hs: "28-38", category: B5}, {sector: chemicals, category: A}, {group: NAMA, category: B3}]
 * </pre>
 *
 * <p>A scenario may also cut non-tariff trade costs ({@code trade_costs}, see {@link TradeCost}).
 *
 * @param touched ids of the agreements this scenario adds or changes (every agreement for the baseline)
 * @param tradeCosts its cuts in non-tariff trade costs (none for the baseline)
 */
public record Scenario(String id, String description, AgreementBook book, Set<String> touched,
    java.util.List<TradeCost> tradeCosts) implements Serializable {
  public static final String BASELINE = "baseline";
  /** The scenarios shipped in conf/scenarios, also inside the jar: name one as {@code bundled:<id>}. */
  public static final java.util.List<String> SHIPPED = java.util.List.of("kor-jpn-fta", "kor-jpn-fta-excl-sensitive",
      "kor-jpn-materials", "kor-cptpp");
  public static final String BUNDLED_PREFIX = "bundled:";

  /** A shipped scenario from the jar. */
  public static Scenario bundled(String id, AgreementBook baseline) {
    String resource = "/ftasim-conf/scenarios/" + id + ".yaml";
    try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw TariffErrors.noBundledScenario(id, SHIPPED);
      }
      return read(in, "conf/scenarios/" + id + ".yaml (bundled)", baseline);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean isBaseline() {
    return id.equals(BASELINE);
  }

  public static Scenario baseline(AgreementBook book) {
    return new Scenario(BASELINE, "the agreements in force as scheduled", book,
        new LinkedHashSet<>(book.agreements().keySet()), java.util.List.of());
  }

  public static Scenario read(InputStream in, String source, AgreementBook baseline) throws IOException {
    JsonNode root = YamlFiles.read(in, source, "scenario");
    if (root == null || !root.isObject()) {
      throw TariffErrors.notAScenario(source);
    }
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of("id", "description", "agreements", "trade_costs").contains(key)) {
        throw TariffErrors.unknownScenarioKey(source, key);
      }
    }
    String id = root.path("id").asText("");
    if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
      throw TariffErrors.badScenarioId(source, id);
    }
    if (id.equals(BASELINE)) {
      throw TariffErrors.baselineIdReserved(source);
    }
    java.util.List<TradeCost> tradeCosts = TradeCost.parseAll(root.path("trade_costs"), source,
        baseline.categories());
    JsonNode list = root.path("agreements");
    if (list.isMissingNode() && !tradeCosts.isEmpty()) {
      list = YamlFiles.emptyList();
    }
    if (!list.isArray() || list.isEmpty() && tradeCosts.isEmpty()) {
      throw TariffErrors.noScenarioAgreements(source);
    }
    Map<String, Agreement> agreements = new LinkedHashMap<>(baseline.agreements());
    Set<String> touched = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode a = list.get(i);
      String aid = a.path("id").asText("");
      String where = source + ": agreements[" + i + "]" + (aid.isEmpty() ? "" : " (" + aid + ")");
      if (aid.isBlank()) {
        throw TariffErrors.noAgreementId(where, baseline.agreements().keySet());
      }
      if (!touched.add(aid)) {
        throw TariffErrors.agreementTwice(where, aid);
      }
      agreements.put(aid, AgreementBook.agreement(a, where, baseline.categories(), baseline.agreements().get(aid),
          Agreement.BASE_APPLIED));
    }
    return new Scenario(id, root.path("description").asText(""), new AgreementBook(baseline.categories(),
        agreements), touched, tradeCosts);
  }
}
