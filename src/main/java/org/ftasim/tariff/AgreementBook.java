package org.ftasim.tariff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ftasim.config.YamlFiles;

/**
 * The agreements file ({@code conf/agreements.yaml}): staging categories shared by every agreement, and each
 * agreement's members, entry into force, cut date, utilisation and default staging. Any mistake stops the load
 * with the file, the key and the fix.
 */
public final class AgreementBook implements Serializable {
  /** The copy of conf/agreements.yaml inside the jar, used when no file is named. */
  public static final String BUNDLED = "/ftasim-conf/agreements.yaml";

  private final Map<String, StagingCategory> categories;
  private final Map<String, Agreement> agreements;

  public AgreementBook(Map<String, StagingCategory> categories, Map<String, Agreement> agreements) {
    this.categories = categories;
    this.agreements = agreements;
  }

  public Map<String, Agreement> agreements() {
    return agreements;
  }

  public Agreement agreement(String id) {
    Agreement a = agreements.get(id);
    if (a == null) {
      throw TariffErrors.noSuchAgreement(id, agreements.keySet());
    }
    return a;
  }

  public Map<String, StagingCategory> categories() {
    return categories;
  }

  public static AgreementBook bundled() {
    try (InputStream in = AgreementBook.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("resource " + BUNDLED + " is missing from the build");
      }
      return read(in, "conf/agreements.yaml (bundled)");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static AgreementBook read(InputStream in, String source) throws IOException {
    JsonNode root = YamlFiles.read(in, source, "agreements file");
    if (root == null || !root.isObject()) {
      throw TariffErrors.notAnAgreementsFile(source);
    }
    YamlFiles.onlyKeys(root, source, "an agreements file", Set.of("staging", "agreements"));
    Map<String, StagingCategory> shared = categories(root.path("staging"), source, "staging");
    Map<String, Agreement> agreements = new LinkedHashMap<>();
    JsonNode list = root.path("agreements");
    if (!list.isArray() || list.isEmpty()) {
      throw TariffErrors.noAgreements(source);
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode a = list.get(i);
      String id = text(a, "id", source + ": agreements[" + i + "]");
      Agreement parsed = agreement(a, source + ": agreement " + id, shared, null, Agreement.BASE_MFN);
      if (!parsed.base().equals(Agreement.BASE_MFN)) {
        throw TariffErrors.appliedBaseInBaseline(source, id);
      }
      if (agreements.put(id, parsed) != null) {
        throw TariffErrors.agreementIdTwice(source, id);
      }
    }
    return new AgreementBook(shared, agreements);
  }

  /**
   * One agreement entry. With {@code existing} (a scenario changing an agreement of the baseline) every key is
   * optional: the keys given replace the existing values, and members are added to or change the existing ones.
   */
  static Agreement agreement(JsonNode a, String where, Map<String, StagingCategory> shared, Agreement existing,
      String defaultBase) {
    YamlFiles.onlyKeys(a, where, "an agreement", AGREEMENT_KEYS);
    String id = a.get("id").asText();
    MonthDay defaultCut = monthDay(a.path("cut_date").asText("01-01"), where + ".cut_date");
    Map<String, CutCalendar> members = new LinkedHashMap<>(existing == null ? Map.of() : existing.members());
    JsonNode m = a.path("members");
    if (existing == null || !m.isMissingNode()) {
      if (!m.isObject() || m.isEmpty()) {
        throw TariffErrors.badMembers(where);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = where + ".members." + e.getKey();
        if (!e.getKey().matches("[A-Z]{3}")) {
          throw TariffErrors.notAnIso3Member(key, e.getKey());
        }
        YamlFiles.onlyKeys(e.getValue(), key, "a member", Set.of("entry_into_force", "cut_date"));
        LocalDate eif = date(text(e.getValue(), "entry_into_force", key), key + ".entry_into_force");
        MonthDay cut = e.getValue().has("cut_date")
            ? monthDay(e.getValue().get("cut_date").asText(), key + ".cut_date") : defaultCut;
        members.put(e.getKey(), new CutCalendar(eif, cut));
      }
    }
    double utilisation = a.has("utilisation") ? a.get("utilisation").asDouble(Double.NaN)
        : existing == null ? 1.0 : existing.utilisation();
    if (!(utilisation >= 0 && utilisation <= 1)) {
      throw TariffErrors.badUtilisation(where, a.path("utilisation").toString());
    }
    Map<String, StagingCategory> own = new LinkedHashMap<>(existing == null ? shared : existing.categories());
    own.putAll(categories(a.path("staging"), where, "staging"));
    String def = a.has("default_staging") ? (a.get("default_staging").isNull() ? null
        : a.get("default_staging").asText()) : existing == null ? null : existing.defaultStaging();
    if (def != null && !own.containsKey(def)) {
      throw TariffErrors.unknownDefaultStaging(where, def, own.keySet());
    }
    String base = a.has("base") ? a.get("base").asText() : existing == null ? defaultBase : existing.base();
    if (!base.equals(Agreement.BASE_MFN) && !base.equals(Agreement.BASE_APPLIED)) {
      throw TariffErrors.badBase(where, base);
    }
    String accession = a.has("accession") ? a.get("accession").asText()
        : existing == null ? null : existing.accession();
    if (accession != null && !members.containsKey(accession)) {
      throw TariffErrors.accessionNotMember(where, accession, members.keySet());
    }
    List<StagingRule> rules = new ArrayList<>();
    JsonNode exclude = a.path("exclude");
    if (!exclude.isMissingNode()) {
      if (!exclude.isArray()) {
        throw TariffErrors.badExclude(where);
      }
      own.putIfAbsent(EXCLUDED.code(), EXCLUDED);
      for (int i = 0; i < exclude.size(); i++) {
        rules.add(rule(exclude.get(i).asText(), null, EXCLUDED.code(), where + ".exclude[" + i + "]"));
      }
    }
    JsonNode list = a.path("staging_rules");
    if (!list.isMissingNode()) {
      if (!list.isArray()) {
        throw TariffErrors.badStagingRules(where);
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode r = list.get(i);
        String key = where + ".staging_rules[" + i + "]";
        YamlFiles.onlyKeys(r, key, "a staging rule", Set.of("category", "group", "hs", "sector"));
        String category = text(r, "category", key);
        if (!own.containsKey(category)) {
          throw TariffErrors.unknownCategory(key, category, own.keySet());
        }
        if (r.has("group")) {
          rules.add(rule(r.get("group").asText(), null, category, key + ".group"));
        } else if (r.has("hs")) {
          rules.add(rule(r.get("hs").asText(), null, category, key + ".hs"));
        } else if (r.has("sector")) {
          rules.add(rule(null, r.get("sector").asText(), category, key + ".sector"));
        } else {
          throw TariffErrors.noProducts(key);
        }
      }
    }
    if (existing != null && rules.isEmpty()) {
      rules.addAll(existing.rules());
    }
    String name = a.path("name").asText(existing == null ? id : existing.name());
    return new Agreement(id, name, members, utilisation, def, own, List.copyOf(rules), base, accession);
  }

  /** The keys of an agreement entry, in the agreements file and in a scenario. */
  static final Set<String> AGREEMENT_KEYS = Set.of("id", "name", "members", "cut_date", "utilisation", "staging",
      "default_staging", "base", "accession", "exclude", "staging_rules");

  /** The category exclusion lists use: the line keeps what it had without the agreement. */
  static final StagingCategory EXCLUDED = new StagingCategory("excluded", StagingCategory.Type.EXCLUDED, 0, 0, 0);

  private static StagingRule rule(String products, String sector, String category, String key) {
    try {
      if (sector != null) {
        return new StagingRule(StagingRule.Kind.SECTOR, sector, sector, category);
      }
      if (products.equals("AG") || products.equals("NAMA")) {
        return new StagingRule(StagingRule.Kind.GROUP, products, products, category);
      }
      return StagingRule.hsRange(products, category);
    } catch (IllegalArgumentException e) {
      throw TariffErrors.badRule(key, e.getMessage());
    }
  }

  private static Map<String, StagingCategory> categories(JsonNode node, String source, String where) {
    Map<String, StagingCategory> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw TariffErrors.badCategories(source, where);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = source + ": " + where + "." + e.getKey();
      YamlFiles.onlyKeys(e.getValue(), key, "a staging category", Set.of("type", "cuts", "hold", "target"));
      String type = text(e.getValue(), "type", key);
      StagingCategory.Type t;
      try {
        t = StagingCategory.Type.valueOf(type.toUpperCase());
      } catch (IllegalArgumentException ex) {
        throw TariffErrors.badStagingType(key, type);
      }
      try {
        out.put(e.getKey(), new StagingCategory(e.getKey(), t, e.getValue().path("cuts").asInt(0),
            e.getValue().path("hold").asInt(0), e.getValue().path("target").asDouble(0)));
      } catch (IllegalArgumentException ex) {
        throw TariffErrors.badCategory(key, ex.getMessage());
      }
    }
    return out;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw TariffErrors.missingField(where, field);
    }
    return v.asText();
  }

  private static LocalDate date(String text, String key) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw TariffErrors.notADate(key, text);
    }
  }

  private static MonthDay monthDay(String text, String key) {
    try {
      return MonthDay.parse("--" + text);
    } catch (DateTimeParseException e) {
      throw TariffErrors.notACutDate(key, text);
    }
  }
}
