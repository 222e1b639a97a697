package io.logpulse.metrics;

/** The normalized log levels metrics are counted by; {@link #UNKNOWN} for events without one. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL,
  UNKNOWN;

  private static final LogLevel[] VALUES = values();

  /** The level for a normalized level name, or {@link #UNKNOWN}. */
  public static LogLevel of(String name) {
    if (name == null) {
      return UNKNOWN;
    }
    return switch (name) {
      case "TRACE" -> TRACE;
      case "DEBUG" -> DEBUG;
      case "INFO" -> INFO;
      case "WARN" -> WARN;
      case "ERROR" -> ERROR;
      case "FATAL" -> FATAL;
      default -> UNKNOWN;
    };
  }

  static LogLevel at(int ordinal) {
    return VALUES[ordinal];
  }

  static int count() {
    return VALUES.length;
  }
}
