package org.ftasim.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the YAML files users write — config, scenarios, agreements, goods lists — with one message for a syntax
 * error: the file, the line and column, what the parser saw, and the fix.
 */
public final class YamlFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private YamlFiles() {}

  /** @param what what the file is, for the message ("config file", "scenario", …) */
  public static JsonNode read(InputStream in, String source, String what) throws IOException {
    try {
      return YAML.readTree(in);
    } catch (JsonProcessingException e) {
      throw syntax(e, source, what);
    }
  }

  /** An empty YAML list, for a key a file may leave out. */
  public static JsonNode emptyList() {
    return YAML.createArrayNode();
  }

  static UserException syntax(JsonProcessingException e, String source, String what) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
    return new UserException(what + " " + source + " is not valid YAML" + where + ": "
        + String.join(" ", e.getOriginalMessage().lines().map(String::trim).filter(l -> !l.isEmpty()
            && !l.startsWith("in 'reader'") && !l.equals("^")).toList()) + "; fix the YAML syntax there", e);
  }
}
