package io.logpulse.parse;

/**
 * Plain text lines, the format of last resort: never fails.
 *
 * <p>A leading ISO-8601 time ({@code 2024-01-15T10:00:00Z} or {@code 2024-01-15 10:00:00,123}) is
 * the event's own time. The level is the first level word among the first six tokens (syslog puts
 * five before the message) that is written in capitals ({@code ERROR}, {@code WARNING:}), in
 * brackets in any case ({@code [error]}), or as {@code level=}, {@code lvl=} or {@code severity=}
 * (logfmt). Lower-case words outside brackets are ignored so that prose such as "no error found" is
 * not a level. With no level, a multi-line stack trace is ERROR: Java frames (a line starting with
 * a tab and {@code at}), Node.js frames ({@code at} indented by four spaces), Python's {@code
 * Traceback (most recent call last)}, or the word {@code Exception} in a multi-line event.
 */
final class TextLogParser {
  private static final int LEVEL_TOKENS = 6;
  private static final String[] LEVEL_KEYS = {"level=", "lvl=", "severity="};

  private TextLogParser() {}

  static void parse(String m, int start, EventDraft d) {
    d.format = LogFormat.TEXT;
    d.timestamp = leadingTime(m, start);
    d.level = level(m, start);
    if (d.level == null && isStackTrace(m)) {
      d.level = Levels.ERROR;
    }
  }

  private static Long leadingTime(String m, int start) {
    if (start >= m.length() || !Timestamps.isDigit(m.charAt(start))) {
      return null;
    }
    int end = timeTokenEnd(m, start);
    if (end - start == 10 && end < m.length() && m.charAt(end) == ' ') {
      end = timeTokenEnd(m, end + 1);
    }
    long time = Timestamps.iso(m, start, end);
    return time == Timestamps.NONE ? null : time;
  }

  private static int timeTokenEnd(String m, int from) {
    int i = from;
    while (i < m.length() && !isSpace(m.charAt(i)) && m.charAt(i) != ']') {
      i++;
    }
    return i;
  }

  private static String level(String m, int start) {
    int i = start;
    int n = m.length();
    for (int token = 0; token < LEVEL_TOKENS && i < n; token++) {
      while (i < n && isSpace(m.charAt(i))) {
        i++;
      }
      int end = i;
      while (end < n && !isSpace(m.charAt(end))) {
        end++;
      }
      String level = tokenLevel(m, i, end);
      if (level != null) {
        return level;
      }
      i = end;
    }
    return null;
  }

  private static String tokenLevel(String m, int from, int to) {
    for (String key : LEVEL_KEYS) {
      if (m.regionMatches(true, from, key, 0, key.length())) {
        int value = from + key.length();
        int end = to;
        if (value < end && m.charAt(value) == '"') {
          value++;
        }
        if (end > value && m.charAt(end - 1) == '"') {
          end--;
        }
        return Levels.normalize(m, value, end);
      }
    }
    boolean bracketed = false;
    int i = from;
    while (i < to && "[({<".indexOf(m.charAt(i)) >= 0) {
      bracketed = true;
      i++;
    }
    int end = i;
    while (end < to && "]}):,|>".indexOf(m.charAt(end)) < 0) {
      end++;
    }
    if (!bracketed && !isUpperCase(m, i, end)) {
      return null;
    }
    return Levels.normalize(m, i, end);
  }

  private static boolean isUpperCase(String m, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = m.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  private static boolean isStackTrace(String m) {
    if (m.indexOf('\n') < 0) {
      return false;
    }
    return m.contains("\n\tat ")
        || m.contains("\n    at ")
        || m.contains("Traceback (most recent call last)")
        || m.contains("Exception");
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
