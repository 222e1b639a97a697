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
  private final MemberCheck members;

  /**
   * A key.
   *
   * @param defaultValue the default as text (parsed like any value), or null for an optional key
   */
  public static <T> ConfigKey<T> of(
      String name, String description, String defaultValue, ValueParser<T> parser) {
    ConfigKey<T> key = new ConfigKey<>(name, description, defaultValue, parser, null);
    if (defaultValue != null) {
      key.parse(defaultValue);
    }
    return key;
  }

  /**
   * A family of keys that share a prefix, such as {@code flink.<key>}: every key that starts with
   * {@code prefix} belongs to it, and {@code members} decides which members exist and which values
   * they take. {@link LogpulseConfig#members} returns the members set.
   *
   * @param prefix the shared prefix, ending in a dot
   * @param accepted what members and values are accepted, for the README
   */
  public static ConfigKey<String> family(
      String prefix, String description, String accepted, MemberCheck members) {
    if (!prefix.endsWith(".")) {
      throw new IllegalArgumentException("a key family's prefix ends in a dot: " + prefix);
    }
    return new ConfigKey<>(
        prefix,
        description,
        null,
        ValueParser.of(
            text -> {
              throw new IllegalArgumentException("set a member such as " + prefix + "<key>");
            },
            accepted),
        Objects.requireNonNull(members));
  }

  private ConfigKey(
      String name,
      String description,
      String defaultValue,
      ValueParser<T> parser,
      MemberCheck members) {
    this.name = Objects.requireNonNull(name);
    this.description = Objects.requireNonNull(description);
    this.defaultValue = defaultValue;
    this.parser = Objects.requireNonNull(parser);
    this.members = members;
  }

  /** Whether this is a family of keys sharing the prefix {@link #name()}. */
  public boolean isFamily() {
    return members != null;
  }

  /** How the README and {@code logpulse config} name the key: a family as {@code prefix<key>}. */
  public String displayName() {
    return isFamily() ? name + "<key>" : name;
  }

  /**
   * Checks one member of a family: {@code member} is the key without the prefix.
   *
   * @throws ConfigException naming the full key and what is wrong
   */
  void checkMember(String member, String value) {
    try {
      members.check(member, value.trim());
    } catch (RuntimeException e) {
      throw new ConfigException(
          (e instanceof IllegalArgumentException ? "" : "invalid " + name + member + ": ")
              + e.getMessage());
    }
  }

  /**
   * Decides whether a member of a key family exists and takes a value; fails with an {@link
   * IllegalArgumentException} whose message names the full key and says what to do.
   */
  @FunctionalInterface
  public interface MemberCheck extends Serializable {
    void check(String member, String value);
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
