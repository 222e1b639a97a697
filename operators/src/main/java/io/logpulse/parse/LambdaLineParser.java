package io.logpulse.parse;

/**
 * Lambda's text log lines, by hand-written scanning:
 *
 * <ul>
 *   <li>platform lines: {@code START RequestId: <id> Version: $LATEST}, {@code END RequestId:
 *       <id>}, {@code REPORT RequestId: <id> Duration: 12.34 ms Billed Duration: 13 ms Memory Size:
 *       128 MB Max Memory Used: 64 MB [Init Duration: 150.00 ms] [Status: timeout|error] [Error
 *       Type: ...]} (fields separated by tabs or spaces), and {@code INIT_START}, {@code
 *       INIT_REPORT}, {@code EXTENSION}, {@code RESTORE_START}, {@code RESTORE_REPORT}, {@code
 *       TELEMETRY}. REPORT is the invocation: a request whose latency is Duration; Init Duration
 *       (or SnapStart's Restore Duration) marks a cold start; on REPORT and INIT_REPORT a Status
 *       other than success, or an Error Type, is a Lambda failure;
 *   <li>{@code <ISO time> <id> Task timed out after 3.00 seconds}: a Lambda failure, level ERROR,
 *       not a request;
 *   <li>application lines of the Node.js and Java runtimes, {@code <ISO
 *       time>\t<id>\t<LEVEL>\t<msg>}, and of the Python runtime, {@code [LEVEL]\t<ISO
 *       time>\t<id>\t<msg>}.
 * </ul>
 */
final class LambdaLineParser {
  private static final String REQUEST_ID = "RequestId: ";
  private static final String[] OTHER_PLATFORM_PREFIXES = {
    "INIT_START ", "INIT_REPORT ", "EXTENSION", "RESTORE_START", "RESTORE_REPORT", "TELEMETRY"
  };

  private LambdaLineParser() {}

  /** Parses {@code m} from {@code start}; false when it is not a Lambda line. */
  static boolean parse(String m, int start, EventDraft d) {
    char first = m.charAt(start);
    if (first == 'S' && m.startsWith("START " + REQUEST_ID, start)) {
      platform(m, start + 6, d);
      return true;
    }
    if (first == 'E' && m.startsWith("END " + REQUEST_ID, start)) {
      platform(m, start + 4, d);
      return true;
    }
    if (first == 'R' && m.startsWith("REPORT " + REQUEST_ID, start)) {
      platform(m, start + 7, d);
      report(m, start, d);
      return true;
    }
    for (String prefix : OTHER_PLATFORM_PREFIXES) {
      if (m.startsWith(prefix, start)) {
        d.format = LogFormat.LAMBDA;
        d.level = Levels.INFO;
        failureStatus(m, start, d);
        return true;
      }
    }
    if (first == '[') {
      return pythonLine(m, start, d);
    }
    return Timestamps.isDigit(first) && timedLine(m, start, d);
  }

  private static void platform(String m, int requestIdLabel, EventDraft d) {
    d.format = LogFormat.LAMBDA;
    d.level = Levels.INFO;
    int idStart = requestIdLabel + REQUEST_ID.length();
    int idEnd = tokenEnd(m, idStart);
    if (idEnd > idStart) {
      d.requestId = m.substring(idStart, idEnd);
    }
  }

  private static void report(String m, int start, EventDraft d) {
    d.request = true;
    d.latencyMs = number(m, valueAfter(m, start, "Duration: "));
    d.initDurationMs = number(m, valueAfter(m, start, "Init Duration: "));
    if (d.initDurationMs == null) {
      d.initDurationMs = number(m, valueAfter(m, start, "Restore Duration: "));
    }
    d.coldStart = d.initDurationMs != null;
    Double memory = number(m, valueAfter(m, start, "Max Memory Used: "));
    d.memoryUsedMb = memory == null ? null : (int) Math.min(Integer.MAX_VALUE, memory);
    failureStatus(m, start, d);
  }

  /** A {@code Status:} other than success, or an {@code Error Type:}, is a Lambda failure. */
  private static void failureStatus(String m, int start, EventDraft d) {
    int status = valueAfter(m, start, "Status: ");
    boolean failedStatus =
        status >= 0 && tokenEnd(m, status) > status && !m.startsWith("success", status);
    if (failedStatus || valueAfter(m, start, "Error Type: ") >= 0) {
      d.lambdaFailure = true;
      d.level = Levels.ERROR;
    }
  }

  /** {@code [LEVEL]\t<ISO time>\t<id>\t<message>}. */
  private static boolean pythonLine(String m, int start, EventDraft d) {
    int close = m.indexOf(']', start);
    if (close < 0 || close + 1 >= m.length() || m.charAt(close + 1) != '\t') {
      return false;
    }
    String level = Levels.normalize(m, start + 1, close);
    int timeStart = close + 2;
    int timeEnd = tokenEnd(m, timeStart);
    long time = Timestamps.iso(m, timeStart, timeEnd);
    int idEnd = timeEnd < m.length() ? tokenEnd(m, timeEnd + 1) : -1;
    if (level == null || time == Timestamps.NONE || idEnd <= timeEnd + 1) {
      return false;
    }
    d.format = LogFormat.LAMBDA;
    d.level = level;
    d.timestamp = time;
    d.requestId = m.substring(timeEnd + 1, idEnd);
    return true;
  }

  /**
   * {@code <ISO time>\t<uuid>\t[<LEVEL>\t]<message>} or {@code <ISO time> <uuid> Task timed out
   * after N seconds}.
   */
  private static boolean timedLine(String m, int start, EventDraft d) {
    int timeEnd = tokenEnd(m, start);
    if (timeEnd >= m.length()) {
      return false;
    }
    long time = Timestamps.iso(m, start, timeEnd);
    int idStart = timeEnd + 1;
    int idEnd = tokenEnd(m, idStart);
    if (time == Timestamps.NONE || !RequestPaths.isUuid(m, idStart, idEnd)) {
      return false;
    }
    d.format = LogFormat.LAMBDA;
    d.timestamp = time;
    d.requestId = m.substring(idStart, idEnd);
    if (m.startsWith("Task timed out after", idEnd + 1)) {
      d.level = Levels.ERROR;
      d.lambdaFailure = true;
    } else if (idEnd < m.length() && m.charAt(idEnd) == '\t') {
      d.level = Levels.normalize(m, idEnd + 1, tokenEnd(m, idEnd + 1));
    }
    return true;
  }

  /** Index just after the first {@code label} following {@code start}, or -1. */
  private static int valueAfter(String m, int start, String label) {
    int at = m.indexOf(label, start);
    return at < 0 ? -1 : at + label.length();
  }

  /** The decimal number at {@code from} (up to the next space or tab), or null. */
  private static Double number(String m, int from) {
    if (from < 0) {
      return null;
    }
    double value = Latencies.parse(m, from, tokenEnd(m, from), Latencies.Unit.MILLIS);
    return Double.isNaN(value) ? null : value;
  }

  private static int tokenEnd(String m, int from) {
    int i = from;
    while (i < m.length() && m.charAt(i) != ' ' && m.charAt(i) != '\t' && m.charAt(i) != '\n') {
      i++;
    }
    return i;
  }
}
