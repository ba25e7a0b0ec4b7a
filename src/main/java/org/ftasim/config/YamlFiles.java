package org.ftasim.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the YAML files users write — config, scenarios, agreements, goods lists — with one parser, strictly: a key
 * given twice in one mapping is an error (YAML says keys are unique; a second value would silently win), a syntax
 * error gets one message (the file, the line and column, what the parser saw, and the fix), and
 * {@link #onlyKeys} refuses a key a mapping does not have, so a misspelt key never falls back to a default.
 */
public final class YamlFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private YamlFiles() {}

  /** @param what what the file is, for the message ("config file", "scenario", …) */
  public static JsonNode read(InputStream in, String source, String what) throws IOException {
    try {
      return YAML.readTree(in);
    } catch (JsonProcessingException e) {
      throw syntax(e, source, what);
    }
  }

  /**
   * Refuses a mapping key outside {@code allowed}.
   *
   * @param where the mapping, for the message (file and path, e.g. {@code agreements.yaml: agreement KJFTA})
   * @param what what the mapping is ("an agreement", "a member", ...)
   */
  public static void onlyKeys(JsonNode node, String where, String what, java.util.Set<String> allowed) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw ConfigErrors.unknownYamlKey(where, key, what, String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  /** An empty YAML list, for a key a file may leave out. */
  public static JsonNode emptyList() {
    return YAML.createArrayNode();
  }

  static UserException syntax(JsonProcessingException e, String source, String what) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
    String problem = String.join(" ", e.getOriginalMessage().lines().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("in 'reader'") && !l.equals("^")).toList());
    return ConfigErrors.notYaml(what, source, where, problem, e);
  }
}
