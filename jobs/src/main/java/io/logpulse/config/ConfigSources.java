package io.logpulse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads configuration values from where they live: Managed Service for Apache Flink property groups
 * when deployed; a properties or JSON file and {@code key=value} overrides locally.
 */
public final class ConfigSources {

  /** The property group whose keys are taken as they are, without a group prefix. */
  public static final String FLAT_GROUP = "logpulse";

  private ConfigSources() {}

  /**
   * Flattens MSF runtime property groups: property {@code k} of group {@code g} is key {@code g.k},
   * except in the group {@value #FLAT_GROUP}, whose keys are full key names.
   */
  public static Map<String, String> fromPropertyGroups(Map<String, Properties> groups) {
    Map<String, String> values = new LinkedHashMap<>();
    groups.forEach(
        (group, properties) ->
            properties.stringPropertyNames().stream()
                .sorted()
                .forEach(
                    name ->
                        values.put(
                            FLAT_GROUP.equals(group) ? name : group + "." + name,
                            properties.getProperty(name))));
    return values;
  }

  /**
   * Reads a {@code .properties} file, or a {@code .json} file holding one object whose nested
   * objects are flattened with dots ({@code {"window": {"size": "1m"}}} is {@code window.size}).
   */
  public static Map<String, String> fromFile(Path file) {
    try {
      if (file.getFileName().toString().endsWith(".json")) {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) {
          throw new ConfigException(file + ": a JSON configuration must be one object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", root, values, file);
        return values;
      }
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      }
      Map<String, String> values = new LinkedHashMap<>();
      properties.stringPropertyNames().stream()
          .sorted()
          .forEach(name -> values.put(name, properties.getProperty(name)));
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration file " + file, e);
    }
  }

  /** Parses {@code key=value} overrides such as those given with {@code --set}. */
  public static Map<String, String> fromAssignments(List<String> assignments) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException("expected key=value, got '" + assignment + "'");
      }
      values.put(assignment.substring(0, equals).trim(), assignment.substring(equals + 1));
    }
    return values;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(name, value, out, file);
      } else if (value.isValueNode() && !value.isNull()) {
        out.put(name, value.asText());
      } else {
        throw new ConfigException(file + ": " + name + " must be a string, number or boolean");
      }
    }
  }
}
