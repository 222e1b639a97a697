package io.logpulse.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One configuration key: its name, what it means, its local default and how its text is turned into
 * a value. Every key is listed in the README's configuration table.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> implements Serializable {

  private final String name;
  private final String description;
  private final String defaultValue;
  private final ValueParser<T> parser;

  /**
   * A key.
   *
   * @param defaultValue the default as text (parsed like any value), or null for an optional key
   */
  public static <T> ConfigKey<T> of(
      String name, String description, String defaultValue, ValueParser<T> parser) {
    ConfigKey<T> key = new ConfigKey<>(name, description, defaultValue, parser);
    if (defaultValue != null) {
      key.parse(defaultValue);
    }
    return key;
  }

  private ConfigKey(String name, String description, String defaultValue, ValueParser<T> parser) {
    this.name = Objects.requireNonNull(name);
    this.description = Objects.requireNonNull(description);
    this.defaultValue = defaultValue;
    this.parser = Objects.requireNonNull(parser);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The default as text, or null when the key has none (it is then optional). */
  public String defaultValue() {
    return defaultValue;
  }

  /** What values are accepted, for error messages and the README. */
  public String acceptedValues() {
    return parser.accepted();
  }

  /** Parses a value, failing with a message that names this key and the accepted values. */
  public T parse(String text) {
    try {
      return parser.parse(text.trim());
    } catch (RuntimeException e) {
      throw new ConfigException(
          "invalid value '"
              + text
              + "' for "
              + name
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "; accepted: "
              + parser.accepted());
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
