package io.logpulse.parse;

import java.util.Locale;

/**
 * HTTP method and path clean-up, and the operation name built from them.
 *
 * <p>An operation is {@code METHOD /path/template}: the query string and fragment are dropped,
 * segments that look like identifiers become {@code {id}} (see {@link #isId}), and at most three
 * segments are kept ({@code /a/b/c/...}), so the number of operations per service stays small.
 */
final class RequestPaths {
  private static final int MAX_PATH_LENGTH = 2048;
  private static final int MAX_SEGMENTS = 3;
  private static final String ID = "{id}";

  private RequestPaths() {}

  /** The upper-cased method when {@code raw} is a plausible HTTP method token, else null. */
  static String method(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > 16) {
      return null;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return null;
      }
    }
    return raw.toUpperCase(Locale.ROOT);
  }

  /**
   * The path of a request target or URL: scheme and host dropped, query string and fragment
   * stripped, at most 2048 characters; null when nothing is left.
   */
  static String path(String raw) {
    if (raw == null) {
      return null;
    }
    int from = 0;
    int scheme = raw.indexOf("://");
    if (scheme > 0 && scheme < 16) {
      int slash = raw.indexOf('/', scheme + 3);
      if (slash < 0) {
        return "/";
      }
      from = slash;
    }
    int to = raw.length();
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '?' || c == '#') {
        to = i;
        break;
      }
    }
    to = Math.min(to, from + MAX_PATH_LENGTH);
    String path = raw.substring(from, to).trim();
    return path.isEmpty() || path.equals("-") ? null : path;
  }

  /** {@code METHOD /path/template}, or null when either part is missing. */
  static String operation(String method, String path) {
    if (method == null || path == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(method.length() + Math.min(path.length(), 64) + 1);
    out.append(method).append(' ');
    int segments = 0;
    int i = 0;
    int n = path.length();
    while (i < n) {
      while (i < n && path.charAt(i) == '/') {
        i++;
      }
      if (i == n) {
        break;
      }
      int end = path.indexOf('/', i);
      if (end < 0) {
        end = n;
      }
      if (segments == MAX_SEGMENTS) {
        out.append("/...");
        break;
      }
      out.append('/');
      if (isId(path, i, end)) {
        out.append(ID);
      } else {
        out.append(path, i, end);
      }
      segments++;
      i = end;
    }
    if (segments == 0) {
      out.append('/');
    }
    return out.toString();
  }

  /**
   * True when {@code s[from, to)} looks like an identifier rather than a route word: any digit
   * outside a file extension ({@code 42}, {@code c-00904115}, {@code site.001620d4.css}), except a
   * version such as {@code v2} or {@code v1.2}; or a UUID or long hexadecimal run. A stable rule,
   * rather than one that learns from traffic, keeps operation names the same after a restart.
   */
  static boolean isId(String s, int from, int to) {
    if (to <= from || isVersion(s, from, to)) {
      return false;
    }
    int stemEnd = to;
    int dot = s.lastIndexOf('.', to - 1);
    if (dot > from && to - dot <= 6) {
      stemEnd = dot;
    }
    boolean allHex = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (i < stemEnd && c >= '0' && c <= '9') {
        return true;
      }
      allHex &= isHex(c);
    }
    return (allHex && to - from >= 8) || isUuid(s, from, to);
  }

  /** {@code v} followed by digits and dots: an API version, part of the route. */
  private static boolean isVersion(String s, int from, int to) {
    if (to - from < 2 || (s.charAt(from) != 'v' && s.charAt(from) != 'V')) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** True when {@code s[from, to)} is a UUID: 8-4-4-4-12 hexadecimal digits. */
  static boolean isUuid(CharSequence s, int from, int to) {
    if (to - from != 36) {
      return false;
    }
    for (int k = 0; k < 36; k++) {
      char c = s.charAt(from + k);
      boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
      if (dash ? c != '-' : !isHex(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
