package org.ftasim.config;

/** A configuration value that cannot be used: names the key, the value, where it came from and what is allowed. */
public final class ConfigException extends UserException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, Object value, String source, String allowed) {
    super(format(key, value, source, allowed));
    this.key = key;
  }

  public String key() {
    return key;
  }

  private static String format(String key, Object value, String source, String allowed) {
    StringBuilder sb = new StringBuilder("config key '").append(key).append("'");
    if (value != null) {
      sb.append(" has value '").append(value).append("'");
    }
    if (source != null) {
      sb.append(" (").append(source).append(")");
    }
    return sb.append(": ").append(allowed).toString();
  }
}
