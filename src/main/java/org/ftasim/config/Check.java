package org.ftasim.config;

import java.util.Collection;
import java.util.Map;

/**
 * Range and membership checks used by the config records' {@code validate} methods. Each failure throws a
 * {@link ConfigException} naming the dotted key, the value, its origin (file or {@code --set}) and what is allowed.
 */
public final class Check {
  private final Map<String, String> origins;

  public Check(Map<String, String> origins) {
    this.origins = origins;
  }

  public void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw ConfigErrors.outOfRange(key, value, origins.get(key), "an integer", min, max);
    }
  }

  public void range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw ConfigErrors.outOfRange(key, value, origins.get(key), "a number", min, max);
    }
  }

  public void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw ConfigErrors.notPositive(key, value, origins.get(key));
    }
  }

  public void oneOf(String key, String value, Collection<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw ConfigErrors.notOneOf(key, value, origins.get(key), String.join(", ", allowed));
    }
  }

  public void present(String key, Object value, String why) {
    if (value == null) {
      throw ConfigErrors.missing(key, origins.get(key), why);
    }
  }

  public void notBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw ConfigErrors.blank(key, value, origins.get(key));
    }
  }
}
