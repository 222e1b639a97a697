package io.logpulse.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated configuration: every key is known and every value parses, or construction fails with
 * a message naming the key and what it accepts. Values not set fall back to the key's default.
 */
public final class LogpulseConfig implements Serializable {

  private final Map<String, ConfigKey<?>> known;
  private final Map<String, String> values;

  private LogpulseConfig(Map<String, ConfigKey<?>> known, Map<String, String> values) {
    this.known = known;
    this.values = values;
  }

  /**
   * Validates {@code values} against the known keys.
   *
   * @throws ConfigException for an unknown key or an invalid value
   */
  public static LogpulseConfig of(Map<String, String> values, Collection<ConfigKey<?>> keys) {
    Map<String, ConfigKey<?>> known = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys) {
      if (known.put(key.name(), key) != null) {
        throw new IllegalStateException("configuration key defined twice: " + key.name());
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> checked = new TreeMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String name = entry.getKey().trim();
      ConfigKey<?> key = known.get(name);
      ConfigKey<?> family = key == null ? familyOf(name, known) : null;
      if (family != null) {
        try {
          family.checkMember(name.substring(family.name().length()), entry.getValue());
          checked.put(name, entry.getValue().trim());
        } catch (ConfigException e) {
          problems.add(e.getMessage());
        }
        continue;
      }
      if (key == null || key.isFamily()) {
        problems.add("unknown configuration key '" + name + "'" + suggestion(name, known));
        continue;
      }
      try {
        key.parse(entry.getValue());
        checked.put(name, entry.getValue().trim());
      } catch (ConfigException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
    return new LogpulseConfig(known, checked);
  }

  /** The key's value, or its default. */
  public <T> T get(ConfigKey<T> key) {
    requireKnown(key);
    String text = values.getOrDefault(key.name(), key.defaultValue());
    if (text == null) {
      throw new ConfigException(key.name() + " is required: " + key.description());
    }
    return key.parse(text);
  }

  /** The key's value or default, empty when it has neither. */
  public <T> Optional<T> find(ConfigKey<T> key) {
    requireKnown(key);
    String text = values.getOrDefault(key.name(), key.defaultValue());
    return text == null ? Optional.empty() : Optional.of(key.parse(text));
  }

  /** A copy with one more value set, validated like the others. */
  public LogpulseConfig with(ConfigKey<?> key, String value) {
    Map<String, String> updated = new TreeMap<>(values);
    updated.put(key.name(), value);
    return of(updated, known.values());
  }

  /**
   * The members of a key family that are set, by member name (the key without the family's prefix),
   * sorted.
   */
  public Map<String, String> members(ConfigKey<?> family) {
    requireKnown(family);
    if (!family.isFamily()) {
      throw new IllegalArgumentException(family.name() + " is not a key family");
    }
    Map<String, String> members = new TreeMap<>();
    values.forEach(
        (name, value) -> {
          if (name.startsWith(family.name())) {
            members.put(name.substring(family.name().length()), value);
          }
        });
    return members;
  }

  /** The values set explicitly, without defaults. */
  public Map<String, String> explicitValues() {
    return Map.copyOf(values);
  }

  private void requireKnown(ConfigKey<?> key) {
    if (known.get(key.name()) != key) {
      throw new IllegalArgumentException(key.name() + " is not a key of this configuration");
    }
  }

  private static ConfigKey<?> familyOf(String name, Map<String, ConfigKey<?>> known) {
    for (ConfigKey<?> key : known.values()) {
      if (key.isFamily() && name.startsWith(key.name()) && name.length() > key.name().length()) {
        return key;
      }
    }
    return null;
  }

  private static String suggestion(String name, Map<String, ConfigKey<?>> known) {
    return nearest(name, known.keySet())
        .map(best -> "; did you mean '" + best + "'?")
        .orElse("; run 'logpulse config' for the list of keys");
  }

  /** The candidate closest to a misspelt {@code name}, if one is close enough to be meant. */
  public static Optional<String> nearest(String name, Collection<String> candidates) {
    return candidates.stream()
        .min(Comparator.comparingInt(candidate -> distance(name, candidate)))
        .filter(best -> distance(name, best) <= Math.max(2, name.length() / 4));
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
