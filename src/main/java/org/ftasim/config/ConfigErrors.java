package org.ftasim.config;

/**
 * The user errors of reading config files and YAML, in one place (as Delta Kernel's {@code DeltaErrors}); a bad
 * value of a known key is a {@link ConfigException}, which names the key, where it was set and what it takes.
 */
public final class ConfigErrors {
  private ConfigErrors() {}

  static UserException unknownYamlKey(String where, String key, String what, String allowed) {
    return new UserException(where + ": unknown key '" + key + "'; " + what + " has " + allowed
        + "; fix: spell the key as listed, or remove it");
  }

  static UserException notYaml(String what, String source, String where, String problem, Throwable cause) {
    return new UserException(what + " " + source + " is not valid YAML" + where + ": " + problem
        + "; fix: correct the YAML syntax there", cause);
  }

  /** Also the launcher's, which reads a config from any Hadoop file system. */
  public static UserException configUnreadable(String location, String problem, Throwable cause) {
    return new UserException("config file " + location + " cannot be read: " + problem
        + "; fix: check the path, and the file's permissions or the file system's credentials", cause);
  }

  static UserException configNotAMapping(String file, String found) {
    return new UserException("config file " + file + " must be a YAML mapping of keys to values, found a " + found
        + "; fix: write it as 'key: value' lines");
  }

  static UserException noConfigFile(String file) {
    return new UserException("config file " + file + " does not exist or is not a file; fix: pass an existing"
        + " YAML file with --config (see conf/ for examples)");
  }

  static UserException badSet(String set) {
    return new UserException("--set '" + set + "' is not of the form key=value; fix: e.g. --set seed=42");
  }

  static UserException configUnparsable(String problem, Throwable cause) {
    return new UserException("config cannot be read: " + problem + "; fix: correct the value the message names", cause);
  }

  /** A key the defaults do not have; {@code section} is the enclosing section, empty at the top. */
  static ConfigException unknownKey(String key, String source, String section, String allowed) {
    return new ConfigException(key, null, source, "unknown key; allowed keys"
        + (section.isEmpty() ? "" : " under '" + section + "'") + ": " + allowed + "; fix: spell it as one of them");
  }

  static ConfigException notASection(String key, String value, String source, String keys) {
    return new ConfigException(key, value, source, "is a section; fix: give it the keys " + keys);
  }

  /** {@code --set a.b.c=v} where {@code unknown} (a part of the key) is not a key; {@code allowed} lists the keys. */
  static ConfigException noSuchSetKey(String key, String raw, String unknown, String allowed) {
    return new ConfigException(key, raw, "from --set", "no such key: '" + unknown + "' is unknown; " + allowed
        + "; fix: spell it as one of them");
  }

  static ConfigException wrongType(String key, String value, String origin, String expected, boolean text) {
    return new ConfigException(key, value, origin, "expected " + expected + (text ? ", found text" : "")
        + "; fix: give " + expected);
  }

  /** {@code what} is "an integer" or "a number"; {@code min} and {@code max} as the key's type prints them. */
  static ConfigException outOfRange(String key, Object value, String origin, String what, Object min, Object max) {
    return new ConfigException(key, value, origin, "expected " + what + " from " + min + " to " + max + "; fix: set "
        + key + " within that range");
  }

  static ConfigException notPositive(String key, double value, String origin) {
    return new ConfigException(key, value, origin, "expected a finite number greater than 0; fix: set " + key
        + " to such a number");
  }

  static ConfigException notOneOf(String key, String value, String origin, String allowed) {
    return new ConfigException(key, value, origin, "expected one of " + allowed + "; fix: set " + key
        + " to one of them");
  }

  static ConfigException missing(String key, String origin, String why) {
    return new ConfigException(key, null, origin, "is missing: " + why + "; fix: set " + key);
  }

  static ConfigException blank(String key, String value, String origin) {
    return new ConfigException(key, value, origin, "expected a non-empty text; fix: set " + key);
  }
}
