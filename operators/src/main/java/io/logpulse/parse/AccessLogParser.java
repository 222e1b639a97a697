package io.logpulse.parse;

import java.util.Locale;

/**
 * Common and combined access log lines, by hand-written scanning:
 *
 * <pre>
 * client ident user [time] "METHOD target PROTOCOL" status bytes ["referer" "agent" ...] [trailer]
 * </pre>
 *
 * <p>The client is a host (an IPv4 or IPv6 address or a name) or, behind proxies that log {@code
 * $http_x_forwarded_for}, a list of them ({@code 10.0.0.2, 10.0.0.1, 89.160.20.112}). The time may
 * have a fraction of a second ({@code [10/Oct/2026:13:55:36.123 +0000]}). The status is {@code -}
 * when the server wrote none (a client that went away, some proxies): the line is still a request,
 * with no status, and so not an error. {@code bytes} may be {@code -}, and quotes inside the
 * request are escaped ({@code \"} or nginx's {@code \x22}). What follows the bytes decides the
 * format: an {@code rt=} or {@code request_time=} field (nginx's {@code rt=$request_time
 * uct="$upstream_connect_time" ...} formats) is the latency in seconds → nginx; a last token that
 * is a decimal number is nginx's {@code $request_time} (seconds) → nginx; a whole number is
 * Apache's {@code %D} (microseconds) → apache; a single request id (API Gateway's CLF access log
 * format ends with {@code $context.requestId}) → apigateway; otherwise apache when the log group
 * names apache or httpd, else nginx.
 */
final class AccessLogParser {
  private AccessLogParser() {}

  /** Parses {@code m} from {@code start}; false when it is not an access log line. */
  static boolean parse(String m, int start, String logGroup, EventDraft d) {
    int n = m.length();
    int hostEnd = clientEnd(m, start);
    if (hostEnd < 0) {
      return false;
    }
    int identEnd = m.indexOf(' ', hostEnd + 1);
    int userEnd = identEnd < 0 ? -1 : m.indexOf(' ', identEnd + 1);
    if (userEnd < 0 || userEnd + 1 >= n || m.charAt(userEnd + 1) != '[') {
      return false;
    }
    int timeEnd = m.indexOf(']', userEnd + 2);
    if (timeEnd < 0
        || timeEnd + 3 >= n
        || m.charAt(timeEnd + 1) != ' '
        || m.charAt(timeEnd + 2) != '"') {
      return false;
    }
    int requestStart = timeEnd + 3;
    int requestEnd = closingQuote(m, requestStart);
    if (requestEnd < 0 || requestEnd + 1 >= n || m.charAt(requestEnd + 1) != ' ') {
      return false;
    }
    int statusStart = requestEnd + 2;
    boolean noStatus = statusStart < n && m.charAt(statusStart) == '-';
    int statusEnd = noStatus ? statusStart + 1 : statusStart + 3;
    int status = noStatus ? 0 : status(m, statusStart);
    if (status < 0 || statusEnd >= n || m.charAt(statusEnd) != ' ') {
      return false;
    }
    int bytesStart = statusEnd + 1;
    int bytesEnd = tokenEnd(m, bytesStart);
    if (!isBytes(m, bytesStart, bytesEnd)) {
      return false;
    }
    long time = Timestamps.accessLog(m, userEnd + 2, timeEnd);
    d.timestamp = time == Timestamps.NONE ? null : time;
    d.status = noStatus ? null : status;
    d.request = true;
    requestLine(m, requestStart, requestEnd, d);
    trailer(m, bytesEnd, logGroup, d);
    return true;
  }

  /**
   * The end of the client field that starts at {@code from}: one host, or hosts separated by commas
   * and optional spaces; -1 when the line does not start with one.
   */
  private static int clientEnd(String m, int from) {
    int i = from;
    while (true) {
      int end = m.indexOf(' ', i);
      if (end <= i || !isHostList(m, i, end)) {
        return -1;
      }
      if (m.charAt(end - 1) != ',') {
        return end;
      }
      i = end + 1;
      while (i < m.length() && m.charAt(i) == ' ') {
        i++;
      }
    }
  }

  /** Hosts separated by commas, a trailing comma allowed (the list goes on after a space). */
  private static boolean isHostList(String m, int from, int to) {
    int end = m.charAt(to - 1) == ',' ? to - 1 : to;
    int pieceStart = from;
    for (int i = from; i <= end; i++) {
      if (i == end || m.charAt(i) == ',') {
        if (i == pieceStart || !isHost(m, pieceStart, i)) {
          return false;
        }
        pieceStart = i + 1;
      }
    }
    return true;
  }

  /** Reads what follows the bytes field: quoted fields, then an optional bare last token. */
  private static void trailer(String m, int from, String logGroup, EventDraft d) {
    int i = from;
    int n = m.length();
    int quoted = 0;
    int lastStart = -1;
    int lastEnd = -1;
    Double requestTime = null;
    while (i < n) {
      char c = m.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '"') {
        int close = closingQuote(m, i + 1);
        i = close < 0 ? n : close + 1;
        quoted++;
        lastStart = -1;
      } else {
        lastStart = i;
        i = tokenEnd(m, i);
        lastEnd = i;
        if (requestTime == null) {
          requestTime = keyedRequestTime(m, lastStart, lastEnd);
        }
      }
    }
    if (requestTime != null) {
      d.format = LogFormat.NGINX;
      d.latencyMs = requestTime;
    } else if (lastStart >= 0 && isDecimal(m, lastStart, lastEnd)) {
      d.format = LogFormat.NGINX;
      d.latencyMs = latency(m, lastStart, lastEnd, Latencies.Unit.SECONDS);
    } else if (lastStart >= 0 && isInteger(m, lastStart, lastEnd)) {
      d.format = LogFormat.APACHE;
      d.latencyMs = latency(m, lastStart, lastEnd, Latencies.Unit.MICROS);
    } else if (lastStart >= 0 && quoted == 0 && isRequestId(m, lastStart, lastEnd)) {
      d.format = LogFormat.APIGATEWAY;
      d.requestId = m.substring(lastStart, lastEnd);
    } else {
      String group = logGroup.toLowerCase(Locale.ROOT);
      d.format =
          group.contains("apache") || group.contains("httpd") ? LogFormat.APACHE : LogFormat.NGINX;
    }
  }

  /** The seconds of an {@code rt=0.042} or {@code request_time="0.042"} token, or null. */
  private static Double keyedRequestTime(String m, int from, int to) {
    int value;
    if (m.startsWith("rt=", from)) {
      value = from + 3;
    } else if (m.startsWith("request_time=", from)) {
      value = from + 13;
    } else {
      return null;
    }
    int end = to;
    if (value < end && m.charAt(value) == '"' && m.charAt(end - 1) == '"') {
      value++;
      end--;
    }
    return isDecimal(m, value, end) || isInteger(m, value, end)
        ? latency(m, value, end, Latencies.Unit.SECONDS)
        : null;
  }

  private static Double latency(String m, int from, int to, Latencies.Unit unit) {
    double millis = Latencies.parse(m, from, to, unit);
    return Double.isNaN(millis) ? null : millis;
  }

  /** {@code "GET /a?b=1 HTTP/1.1"}: method and path; anything else leaves both null. */
  private static void requestLine(String m, int from, int to, EventDraft d) {
    int firstSpace = m.indexOf(' ', from);
    if (firstSpace < 0 || firstSpace >= to) {
      return;
    }
    String method = RequestPaths.method(m.substring(from, firstSpace));
    if (method == null) {
      return;
    }
    int targetEnd = m.lastIndexOf(' ', to - 1);
    if (targetEnd <= firstSpace || !m.startsWith("HTTP/", targetEnd + 1)) {
      targetEnd = to;
    }
    d.method = method;
    d.path = RequestPaths.path(m.substring(firstSpace + 1, targetEnd));
  }

  /** Index of the quote closing a quoted field whose content starts at {@code from}, or -1. */
  private static int closingQuote(String m, int from) {
    int i = m.indexOf('"', from);
    while (i > 0 && m.charAt(i - 1) == '\\') {
      i = m.indexOf('"', i + 1);
    }
    return i;
  }

  private static int tokenEnd(String m, int from) {
    int i = from;
    while (i < m.length() && m.charAt(i) != ' ' && m.charAt(i) != '\t') {
      i++;
    }
    return i;
  }

  private static int status(String m, int from) {
    if (from + 3 > m.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + 3; i++) {
      char c = m.charAt(i);
      if (!Timestamps.isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value >= 100 && value <= 599 ? value : -1;
  }

  private static boolean isHost(String m, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = m.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '.'
              || c == ':'
              || c == '-'
              || c == '_'
              || c == '%';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBytes(String m, int from, int to) {
    return (to - from == 1 && m.charAt(from) == '-') || isInteger(m, from, to);
  }

  private static boolean isInteger(String m, int from, int to) {
    if (from >= to || to - from > 18) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!Timestamps.isDigit(m.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Digits with exactly one dot, such as {@code 0.123}. */
  private static boolean isDecimal(String m, int from, int to) {
    int dot = m.indexOf('.', from);
    return dot > from && dot < to - 1 && isInteger(m, from, dot) && isInteger(m, dot + 1, to);
  }

  /** A UUID or an opaque id of 8 to 128 letters, digits and {@code -_=+/} with a letter. */
  private static boolean isRequestId(String m, int from, int to) {
    int length = to - from;
    if (length < 8 || length > 128) {
      return false;
    }
    boolean letter = false;
    for (int i = from; i < to; i++) {
      char c = m.charAt(i);
      boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      letter |= alpha;
      if (!alpha && !Timestamps.isDigit(c) && "-_=+/".indexOf(c) < 0) {
        return false;
      }
    }
    return letter;
  }
}
