package org.ftasim.markets;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ftasim.config.YamlFiles;

/**
 * Lists of strategic goods ({@code conf/goods/*.yaml}): an id, a description and codes — HS six-digit codes or
 * prefixes (a chapter, a heading) — each with its name and its source. A product belongs to a list when one of the
 * list's codes is a prefix of it.
 */
public final class GoodsLists implements Serializable {
  /** The lists shipped in conf/goods (inside the jar as ftasim-conf/goods). */
  public static final List<String> SHIPPED = List.of("semiconductor-materials", "gallium-germanium", "sobujang",
      "hydrogen");

  /** One code of a list. */
  public record Code(String hs, String name, String source) implements Serializable {}

  /** One list. */
  public record GoodsList(String id, String description, List<Code> codes) implements Serializable {}

  private final List<GoodsList> lists;

  public GoodsLists(List<GoodsList> lists) {
    this.lists = List.copyOf(lists);
  }

  public List<GoodsList> lists() {
    return lists;
  }

  /** The ids of the lists an HS6 product belongs to, in list order. */
  public List<String> of(String hs6) {
    List<String> out = new ArrayList<>();
    for (GoodsList l : lists) {
      for (Code c : l.codes()) {
        if (hs6.startsWith(c.hs())) {
          out.add(l.id());
          break;
        }
      }
    }
    return out;
  }

  public static GoodsLists bundled() {
    List<GoodsList> out = new ArrayList<>();
    for (String id : SHIPPED) {
      String resource = "ftasim-conf/goods/" + id + ".yaml";
      try (InputStream in = GoodsLists.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the jar; the build is broken");
        }
        out.add(read(in, "conf/goods/" + id + ".yaml (bundled)"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new GoodsLists(out);
  }

  private static final Set<String> LIST_KEYS = Set.of("id", "description", "codes");
  private static final Set<String> CODE_KEYS = Set.of("hs", "name", "source");

  /** One list file; every key, code and source is checked, naming the file and the entry. */
  public static GoodsList read(InputStream in, String file) throws IOException {
    JsonNode root = YamlFiles.read(in, file, "goods list");
    if (root == null || !root.isObject()) {
      throw MarketsErrors.notAMapping(file);
    }
    root.fieldNames().forEachRemaining(k -> {
      if (!LIST_KEYS.contains(k)) {
        throw MarketsErrors.unknownKey(file, k, LIST_KEYS);
      }
    });
    String id = text(root, "id", file);
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw MarketsErrors.badId(file, id);
    }
    JsonNode codes = root.get("codes");
    if (codes == null || !codes.isArray() || codes.isEmpty()) {
      throw MarketsErrors.noCodes(file);
    }
    Map<String, Code> byHs = new LinkedHashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      JsonNode c = codes.get(i);
      String where = file + " codes[" + i + "]";
      if (!c.isObject()) {
        throw MarketsErrors.codeNotAMapping(where);
      }
      c.fieldNames().forEachRemaining(k -> {
        if (!CODE_KEYS.contains(k)) {
          throw MarketsErrors.unknownKey(where, k, CODE_KEYS);
        }
      });
      String hs = text(c, "hs", where);
      if (!hs.matches("\\d{2}|\\d{4}|\\d{6}")) {
        throw MarketsErrors.badHs(where, hs);
      }
      if (byHs.put(hs, new Code(hs, text(c, "name", where), text(c, "source", where))) != null) {
        throw MarketsErrors.hsTwice(where, hs);
      }
    }
    return new GoodsList(id, text(root, "description", file), List.copyOf(byHs.values()));
  }

  private static String text(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw MarketsErrors.missingText(where, key);
    }
    return v.asText().trim();
  }
}
