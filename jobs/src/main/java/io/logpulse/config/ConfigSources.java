package io.logpulse.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads configuration values from where they live: Managed Service for Apache Flink property groups
 * when deployed; a properties or JSON file and {@code key=value} overrides locally.
 */
public final class ConfigSources {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A {@code \\u} not preceded by another backslash and not followed by four hex digits. */
  private static final Pattern BAD_UNICODE_ESCAPE =
      Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u(?![0-9a-fA-F]{4})");

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
   * objects are flattened with dots ({@code {"window": {"size": "1m"}}} is {@code window.size}). A
   * UTF-8 byte-order mark, as some Windows editors write, is skipped. Properties files are read as
   * UTF-8, or as ISO-8859-1 (what {@link Properties#load(InputStream)} assumes) when they are not
   * valid UTF-8.
   *
   * @throws ConfigException naming the file and what is wrong with it: missing, a folder,
   *     unreadable, invalid JSON (with the parser's message, line and column), a key set twice, or
   *     a malformed {@code \\uXXXX} escape (with its line)
   */
  public static Map<String, String> fromFile(Path file) {
    byte[] bytes = withoutByteOrderMark(read(file));
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? fromJson(file, bytes)
        : fromProperties(file, bytes);
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

  private static byte[] read(Path file) {
    if (Files.isDirectory(file)) {
      throw new ConfigException("configuration file " + file + " is a folder, not a file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException("configuration file " + file + ": permission denied");
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
  }

  private static byte[] withoutByteOrderMark(byte[] bytes) {
    boolean bom =
        bytes.length >= 3
            && (bytes[0] & 0xff) == 0xef
            && (bytes[1] & 0xff) == 0xbb
            && (bytes[2] & 0xff) == 0xbf;
    return bom ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
  }

  private static Map<String, String> fromJson(Path file, byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(
          "configuration file "
              + file
              + " is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(file + ": a JSON configuration must be one object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    flatten("", root, values, file);
    return values;
  }

  private static Map<String, String> fromProperties(Path file, byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "configuration file "
              + file
              + badEscapeLine(text)
              + ": "
              + e.getMessage()
              + " (write a backslash as \\\\)");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().stream()
        .sorted()
        .forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }

  /** {@code ", line N"} for the first line with a malformed {@code \\u} escape, or nothing. */
  private static String badEscapeLine(String text) {
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      if (BAD_UNICODE_ESCAPE.matcher(lines[i]).find()) {
        return ", line " + (i + 1);
      }
    }
    return "";
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
        if (out.put(name, value.asText()) != null) {
          throw new ConfigException(file + ": " + name + " is set twice");
        }
      } else {
        throw new ConfigException(file + ": " + name + " must be a string, number or boolean");
      }
    }
  }
}
