package org.ftasim.markets;

import java.util.Set;
import java.util.TreeSet;
import org.ftasim.config.UserException;

/**
 * Every user error of the goods lists the dependence report reads, in one place (as Delta Kernel's
 * {@code DeltaErrors}): each names the file and entry, the bad value, and the fix.
 */
final class MarketsErrors {
  private MarketsErrors() {}

  static UserException notAMapping(String file) {
    return new UserException("goods list " + file + " must be a mapping with id, description and codes; fix: write"
        + " 'id: …', 'description: …' and 'codes:' with one {hs, name, source} per line");
  }

  static UserException unknownKey(String where, String key, Set<String> allowed) {
    return new UserException("goods list " + where + ": unknown key '" + key + "'; allowed: " + new TreeSet<>(allowed)
        + "; fix: spell the key as listed, or remove it");
  }

  static UserException badId(String file, String id) {
    return new UserException("goods list " + file + ": id '" + id + "' must be lower-case letters, digits and -;"
        + " fix: e.g. id: strategic-materials");
  }

  static UserException noCodes(String file) {
    return new UserException("goods list " + file + ": codes must be a non-empty list of {hs, name, source}; fix:"
        + " list the HS codes of the goods, e.g. - {hs: \"281111\", name: hydrogen fluoride, source: METI 2019}");
  }

  static UserException codeNotAMapping(String where) {
    return new UserException("goods list " + where + " must be {hs, name, source}; fix: write the entry as"
        + " {hs: \"281111\", name: …, source: …}");
  }

  static UserException badHs(String where, String hs) {
    return new UserException("goods list " + where + ": hs '" + hs + "' must be an HS chapter, heading or"
        + " subheading (2, 4 or 6 digits, with leading zeros, in quotes); fix: e.g. hs: \"0101\"");
  }

  static UserException hsTwice(String where, String hs) {
    return new UserException("goods list " + where + ": hs " + hs + " is listed twice; fix: keep one entry per code");
  }

  static UserException missingText(String where, String key) {
    return new UserException("goods list " + where + ": " + key + " is missing or not text"
        + (key.equals("hs") ? " (write codes in quotes, e.g. \"281111\", so leading zeros stay)" : "")
        + "; fix: give " + key + " as text");
  }
}
