package io.logpulse.metrics;

/**
 * The normalized log levels metrics are counted by; {@link #UNKNOWN} for events without one. Each
 * has a fixed code, the index of its count in persisted aggregates: never reuse or change one.
 */
public enum LogLevel {
  TRACE(0),
  DEBUG(1),
  INFO(2),
  WARN(3),
  ERROR(4),
  FATAL(5),
  UNKNOWN(6);

  private static final LogLevel[] BY_CODE = new LogLevel[values().length];

  static {
    for (LogLevel level : values()) {
      BY_CODE[level.code] = level;
    }
  }

  private final int code;

  LogLevel(int code) {
    this.code = code;
  }

  /** The level's persisted code: the index of its count. */
  int code() {
    return code;
  }

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

  /** The level with this code. */
  static LogLevel ofCode(int code) {
    return BY_CODE[code];
  }

  /** How many codes there are. */
  static int count() {
    return BY_CODE.length;
  }
}
