package io.logpulse.parse;

/**
 * Normalizes the many spellings of a log level to TRACE, DEBUG, INFO, WARN, ERROR or FATAL.
 *
 * <p>Matching is case-insensitive and allocation-free, so it can be tried on every candidate token
 * of a text line. CRITICAL, PANIC, EMERGENCY and ALERT map to FATAL; SEVERE (java.util.logging) to
 * ERROR; NOTICE to INFO; FINE to DEBUG and FINER/FINEST to TRACE.
 */
final class Levels {
  static final String TRACE = "TRACE";
  static final String DEBUG = "DEBUG";
  static final String INFO = "INFO";
  static final String WARN = "WARN";
  static final String ERROR = "ERROR";
  static final String FATAL = "FATAL";

  private static final String[][] SPELLINGS = {
    {"TRACE", TRACE},
    {"FINEST", TRACE},
    {"FINER", TRACE},
    {"DEBUG", DEBUG},
    {"FINE", DEBUG},
    {"VERBOSE", DEBUG},
    {"INFO", INFO},
    {"INFORMATION", INFO},
    {"NOTICE", INFO},
    {"WARN", WARN},
    {"WARNING", WARN},
    {"ERROR", ERROR},
    {"ERR", ERROR},
    {"SEVERE", ERROR},
    {"FATAL", FATAL},
    {"CRITICAL", FATAL},
    {"CRIT", FATAL},
    {"PANIC", FATAL},
    {"EMERG", FATAL},
    {"EMERGENCY", FATAL},
    {"ALERT", FATAL},
  };

  private Levels() {}

  /** The canonical level for {@code s[from, to)}, or null when it is not a level name. */
  static String normalize(CharSequence s, int from, int to) {
    int length = to - from;
    if (length < 3 || length > 11) {
      return null;
    }
    for (String[] spelling : SPELLINGS) {
      String name = spelling[0];
      if (name.length() == length && equalsIgnoreCase(s, from, name)) {
        return spelling[1];
      }
    }
    return null;
  }

  /** The canonical level for a whole string, or null. */
  static String normalize(String s) {
    return s == null ? null : normalize(s, 0, s.length());
  }

  /** pino/bunyan numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
  static String fromNumber(double n) {
    if (!(n >= 10 && n <= 60)) {
      return null;
    }
    if (n < 20) {
      return TRACE;
    }
    if (n < 30) {
      return DEBUG;
    }
    if (n < 40) {
      return INFO;
    }
    if (n < 50) {
      return WARN;
    }
    return n < 60 ? ERROR : FATAL;
  }

  private static boolean equalsIgnoreCase(CharSequence s, int from, String upperName) {
    for (int i = 0; i < upperName.length(); i++) {
      char c = s.charAt(from + i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - ('a' - 'A'));
      }
      if (c != upperName.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
