package org.ftasim.tariff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ftasim.config.UserException;

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
      throw new UserException("agreement '" + id + "' is not in the agreements file; it lists " + agreements.keySet());
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
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    if (root == null || !root.isObject()) {
      throw new UserException(source + " must be a YAML mapping with keys staging and agreements");
    }
    Map<String, StagingCategory> shared = categories(root.path("staging"), source, "staging");
    Map<String, Agreement> agreements = new LinkedHashMap<>();
    JsonNode list = root.path("agreements");
    if (!list.isArray() || list.isEmpty()) {
      throw new UserException(source + ": key 'agreements' must be a non-empty list");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode a = list.get(i);
      String where = source + ": agreements[" + i + "]";
      String id = text(a, "id", where);
      where = source + ": agreement " + id;
      MonthDay defaultCut = monthDay(a.path("cut_date").asText("01-01"), where + ".cut_date");
      Map<String, CutCalendar> members = new LinkedHashMap<>();
      JsonNode m = a.path("members");
      if (!m.isObject() || m.isEmpty()) {
        throw new UserException(where + ": 'members' must map ISO3 codes to {entry_into_force: YYYY-MM-DD}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = where + ".members." + e.getKey();
        if (!e.getKey().matches("[A-Z]{3}")) {
          throw new UserException(key + ": '" + e.getKey() + "' is not an ISO3 code (three capital letters)");
        }
        LocalDate eif = date(text(e.getValue(), "entry_into_force", key), key + ".entry_into_force");
        MonthDay cut = e.getValue().has("cut_date")
            ? monthDay(e.getValue().get("cut_date").asText(), key + ".cut_date") : defaultCut;
        members.put(e.getKey(), new CutCalendar(eif, cut));
      }
      double utilisation = a.path("utilisation").asDouble(1.0);
      if (!(utilisation >= 0 && utilisation <= 1)) {
        throw new UserException(where + ".utilisation: " + a.path("utilisation") + " must be between 0 and 1");
      }
      Map<String, StagingCategory> own = new LinkedHashMap<>(shared);
      own.putAll(categories(a.path("staging"), source, "agreement " + id + ".staging"));
      String def = a.hasNonNull("default_staging") ? a.get("default_staging").asText() : null;
      if (def != null && !own.containsKey(def)) {
        throw new UserException(where + ".default_staging: '" + def + "' is not a staging category; defined: "
            + own.keySet());
      }
      if (agreements.put(id, new Agreement(id, a.path("name").asText(id), members, utilisation, def, own)) != null) {
        throw new UserException(where + ": the id is used twice; fix: give each agreement its own id");
      }
    }
    return new AgreementBook(shared, agreements);
  }

  private static Map<String, StagingCategory> categories(JsonNode node, String source, String where) {
    Map<String, StagingCategory> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new UserException(source + ": '" + where + "' must map category codes to {type: …}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = source + ": " + where + "." + e.getKey();
      String type = text(e.getValue(), "type", key);
      StagingCategory.Type t;
      try {
        t = StagingCategory.Type.valueOf(type.toUpperCase());
      } catch (IllegalArgumentException ex) {
        throw new UserException(key + ".type: '" + type + "' is not a staging type; use immediate, linear, partial"
            + " or excluded");
      }
      try {
        out.put(e.getKey(), new StagingCategory(e.getKey(), t, e.getValue().path("cuts").asInt(0),
            e.getValue().path("hold").asInt(0), e.getValue().path("target").asDouble(0)));
      } catch (IllegalArgumentException ex) {
        throw new UserException(key + ": " + ex.getMessage());
      }
    }
    return out;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw new UserException(where + ": '" + field + "' is missing");
    }
    return v.asText();
  }

  private static LocalDate date(String text, String key) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserException(key + ": '" + text + "' is not a date; write YYYY-MM-DD");
    }
  }

  private static MonthDay monthDay(String text, String key) {
    try {
      return MonthDay.parse("--" + text);
    } catch (DateTimeParseException e) {
      throw new UserException(key + ": '" + text + "' is not a cut date; write MM-DD, e.g. 04-01 for 1 April");
    }
  }
}
