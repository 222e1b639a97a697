package io.logpulse.local.cli;

import io.logpulse.config.ConfigSources;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.local.LocalOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options every job-running command takes: a file and overrides. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A .properties or .json configuration file.")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Sets one configuration key; repeatable; wins over --config.")
  List<String> assignments = new ArrayList<>();

  /** What {@link #load} returned last, for explaining a failure; null before. */
  LogpulseConfig loaded;

  /** The validated configuration, with {@code forced} applied last. */
  LogpulseConfig load(Map<String, String> forced) {
    Map<String, String> values = new LinkedHashMap<>();
    if (file != null) {
      values.putAll(ConfigSources.fromFile(file));
    }
    values.putAll(ConfigSources.fromAssignments(assignments));
    values.putAll(forced);
    loaded = LogpulseConfig.of(values, LocalOptions.allKeys());
    return loaded;
  }
}
