package org.ftasim.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads the typed configuration: defaults, then the user's YAML file, then {@code --set key=value} overrides,
 * then binding onto {@link FtasimConfig} and validation. Any problem stops the load with one
 * {@link ConfigException} naming the key, the value, where it came from and what is allowed, before a job
 * touches Spark or the warehouse.
 */
public final class ConfigLoader {
  private static final String DEFAULTS = "ftasim-defaults.yaml";

  private static final ObjectMapper YAML = JsonMapper.builder(
          new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      // every key has a default, so only list entries (sweep parameters) can leave fields out: those are optional
      .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .build();

  private ConfigLoader() {}

  /**
   * @param file the user's YAML file, or null for defaults only
   * @param sets {@code key=value} overrides in the order given; dotted keys address nested sections
   */
  public static LoadedConfig load(Path file, List<String> sets) {
    return load(file == null ? null : readFile(file), String.valueOf(file), sets);
  }

  /**
   * A config read from any file system by the caller (the launcher reads {@code s3a://}, {@code hdfs://} and other
   * Hadoop URIs through Hadoop before Spark starts).
   *
   * @param location the file as the user named it, for messages
   */
  public static LoadedConfig load(InputStream content, String location, List<String> sets) {
    try {
      return load(YamlFiles.read(content, location, "config file"), location, sets);
    } catch (IOException e) {
      throw ConfigErrors.configUnreadable(location, e.getMessage(), e);
    }
  }

  /** A config shipped in the jar under {@code ftasim-conf/} (conf/ of the source tree), e.g. sweeps/kj-default.yaml. */
  public static LoadedConfig bundled(String name, List<String> sets) {
    String resource = "ftasim-conf/" + name;
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar; the build is broken");
      }
      return load(YAML.readTree(in), "conf/" + name + " (bundled)", sets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LoadedConfig load(JsonNode user, String file, List<String> sets) {
    ObjectNode tree = readDefaults();
    Map<String, String> origins = new LinkedHashMap<>();
    if (user != null && !user.isMissingNode() && !user.isNull()) {
      if (!user.isObject()) {
        throw ConfigErrors.configNotAMapping(file, user.getNodeType().name().toLowerCase());
      }
      merge(tree, (ObjectNode) user, "", "in " + file, origins);
    }
    for (String set : sets) {
      applySet(tree, set, origins);
    }
    FtasimConfig config = bind(tree, origins);
    config.validate(new Check(origins));
    String yaml = toYaml(tree);
    return new LoadedConfig(config, yaml, sha256(yaml));
  }

  /** Defaults only; convenient for tests and for jobs that take no config. */
  public static LoadedConfig defaults() {
    return load(null, List.of());
  }

  private static ObjectNode readDefaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath; the build is broken");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ConfigErrors.noConfigFile(file.toString());
    }
    try (InputStream in = Files.newInputStream(file)) {
      return YamlFiles.read(in, file.toString(), "config file");
    } catch (IOException e) {
      throw ConfigErrors.configUnreadable(file.toString(), e.getMessage(), e);
    }
  }

  private static void merge(ObjectNode base, ObjectNode over, String prefix, String source,
      Map<String, String> origins) {
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode known = base.get(e.getKey());
      if (known == null) {
        throw ConfigErrors.unknownKey(key, source, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
            String.join(", ", new TreeSet<>(fieldNames(base))));
      }
      if (known.isObject()) {
        if (!e.getValue().isObject()) {
          throw ConfigErrors.notASection(key, e.getValue().toString(), source,
              String.join(", ", new TreeSet<>(fieldNames((ObjectNode) known))));
        }
        merge((ObjectNode) known, (ObjectNode) e.getValue(), key + ".", source, origins);
      } else {
        base.set(e.getKey(), e.getValue());
        origins.put(key, source);
      }
    }
  }

  private static void applySet(ObjectNode tree, String set, Map<String, String> origins) {
    int eq = set.indexOf('=');
    if (eq <= 0) {
      throw ConfigErrors.badSet(set);
    }
    String key = set.substring(0, eq).trim();
    String raw = set.substring(eq + 1);
    JsonNode value;
    try {
      value = raw.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(raw);
    } catch (JsonProcessingException e) {
      value = YAML.getNodeFactory().textNode(raw);
    }
    if (value == null || value.isMissingNode()) {
      value = YAML.getNodeFactory().textNode(raw);
    }
    ObjectNode wrapper = YAML.createObjectNode();
    ObjectNode cursor = wrapper;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      cursor = cursor.putObject(parts[i]);
    }
    cursor.set(parts[parts.length - 1], value);
    try {
      merge(tree, wrapper, "", "from --set", origins);
    } catch (ConfigException e) {
      if (e.key().equals(key)) {
        throw e;
      }
      // name the key as the user wrote it, not just its first unknown part
      String allowed = e.getMessage().substring(e.getMessage().indexOf("allowed keys"));
      throw ConfigErrors.noSuchSetKey(key, raw, e.key(), allowed.substring(0, allowed.indexOf("; fix:")));
    }
  }

  private static FtasimConfig bind(ObjectNode tree, Map<String, String> origins) {
    try {
      return YAML.treeToValue(tree, FtasimConfig.class);
    } catch (JsonMappingException e) {
      String key = pathOf(e);
      JsonNode bad = tree.at("/" + key.replace('.', '/'));
      String expected = e instanceof MismatchedInputException mie && mie.getTargetType() != null
          ? describe(mie.getTargetType()) : "a value of the documented type";
      throw ConfigErrors.wrongType(key, bad.isMissingNode() ? null : bad.asText(), origins.get(key), expected,
          bad.getNodeType() == JsonNodeType.STRING);
    } catch (JsonProcessingException e) {
      throw ConfigErrors.configUnparsable(e.getOriginalMessage(), e);
    }
  }

  private static String pathOf(JsonMappingException e) {
    List<String> parts = new ArrayList<>();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        parts.add(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        parts.add(Integer.toString(ref.getIndex()));
      }
    }
    return String.join(".", parts);
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text";
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(c.toString());
      }
      return "one of " + String.join(", ", names);
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a section of keys";
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String toYaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
