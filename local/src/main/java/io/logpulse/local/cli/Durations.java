package io.logpulse.local.cli;

import io.logpulse.config.ValueParser;
import java.time.Duration;

/** Durations on the command line, in the same forms as in the configuration. */
final class Durations {

  private static final ValueParser<Duration> PARSER = ValueParser.duration();

  private Durations() {}

  static Duration parse(String text) {
    try {
      return PARSER.parse(text.trim());
    } catch (RuntimeException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(new Logpulse()),
          "invalid duration '" + text + "': expected " + PARSER.accepted());
    }
  }
}
