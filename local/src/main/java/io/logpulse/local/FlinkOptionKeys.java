package io.logpulse.local;

import io.logpulse.config.LogpulseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.FallbackKey;

/**
 * The Flink configuration keys {@code --set flink.<key>=<value>} accepts: every key (and deprecated
 * or fallback key) that a public static {@link ConfigOption} field declares in Flink's documented
 * options classes: {@code org.apache.flink.configuration.*Options} and RocksDB's. Flink has no
 * registry of all its keys, so this is the closest real check: a typo is rejected with the nearest
 * key, and values are parsed by the option itself, as Flink would.
 */
public final class FlinkOptionKeys {

  private static final String PACKAGE = "org/apache/flink/configuration/";

  /** Options classes outside flink-core's configuration package that local runs use. */
  private static final List<String> MORE_CLASSES =
      List.of(
          "org.apache.flink.state.rocksdb.RocksDBOptions",
          "org.apache.flink.state.rocksdb.RocksDBConfigurableOptions");

  private static volatile Map<String, ConfigOption<?>> known;

  private FlinkOptionKeys() {}

  /** Every declared key, sorted, with its option. */
  public static Map<String, ConfigOption<?>> all() {
    if (known == null) {
      known = scan();
    }
    return known;
  }

  /**
   * Checks one Flink key and its value.
   *
   * @throws IllegalArgumentException naming {@code flink.<key>}: an unknown key with the nearest
   *     declared one, or a value the option does not parse, with Flink's reason
   */
  public static void check(String key, String value) {
    ConfigOption<?> option = all().get(key);
    if (option == null) {
      throw new IllegalArgumentException(
          "unknown Flink configuration key 'flink."
              + key
              + "'"
              + LogpulseConfig.nearest(key, all().keySet())
                  .map(near -> "; did you mean 'flink." + near + "'?")
                  .orElse(""));
    }
    Configuration conf = new Configuration();
    conf.setString(key, value);
    try {
      conf.get(option);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid value '"
              + value
              + "' for flink."
              + key
              + ": "
              + (e.getCause() != null && e.getCause().getMessage() != null
                  ? e.getCause().getMessage()
                  : e.getMessage()));
    }
  }

  private static Map<String, ConfigOption<?>> scan() {
    Map<String, ConfigOption<?>> keys = new TreeMap<>();
    for (String className : coreOptionsClasses()) {
      addOptions(className, keys);
    }
    MORE_CLASSES.forEach(className -> addOptions(className, keys));
    return Map.copyOf(keys);
  }

  private static void addOptions(String className, Map<String, ConfigOption<?>> keys) {
    Class<?> type;
    try {
      type = Class.forName(className, false, FlinkOptionKeys.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return;
    }
    for (Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && ConfigOption.class.isAssignableFrom(field.getType())) {
        try {
          ConfigOption<?> option = (ConfigOption<?>) field.get(null);
          keys.putIfAbsent(option.key(), option);
          for (FallbackKey fallback : option.fallbackKeys()) {
            keys.putIfAbsent(fallback.getKey(), option);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** The {@code *Options} classes of the jar or folder that holds {@link CoreOptions}. */
  private static List<String> coreOptionsClasses() {
    try {
      Path location =
          Path.of(CoreOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Stream<String> names;
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.list(location.resolve(PACKAGE))) {
          names = files.map(file -> PACKAGE + file.getFileName()).toList().stream();
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          names = jar.stream().map(entry -> entry.getName()).toList().stream();
        }
      }
      return names
          .filter(name -> name.startsWith(PACKAGE) && name.endsWith("Options.class"))
          .map(name -> name.substring(0, name.length() - ".class".length()))
          .filter(name -> name.indexOf('/', PACKAGE.length()) < 0 && !name.contains("$"))
          .map(name -> name.replace('/', '.'))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
