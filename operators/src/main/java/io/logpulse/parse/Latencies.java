package io.logpulse.parse;

/**
 * Converts latency values written in logs to milliseconds. A value is either a number in a unit
 * implied by its key ({@code latency_ms}, {@code request_time} in seconds...) or a string that may
 * carry its own unit: {@code "123ms"}, {@code "1.2s"}, {@code "12.34 ms"}, {@code "250us"}, {@code
 * "250µs"}, {@code "900ns"}, {@code "2m"}, {@code "1h"} and Go durations such as {@code "1m3.5s"}.
 * Negative, NaN and infinite values are not latencies: every method returns NaN for them so callers
 * need only one check.
 */
final class Latencies {
  /** The unit a bare number is read in. */
  enum Unit {
    NANOS(1e-6),
    MICROS(1e-3),
    MILLIS(1),
    SECONDS(1000);

    final double millis;

    Unit(double millis) {
      this.millis = millis;
    }
  }

  private Latencies() {}

  /** {@code value} in {@code unit}, as milliseconds, or NaN when it is not a valid latency. */
  static double toMillis(double value, Unit unit) {
    return valid(value * unit.millis);
  }

  /**
   * A latency written as text, as milliseconds, or NaN. Numbers without a unit are read in {@code
   * bareUnit}.
   */
  static double parse(CharSequence s, int from, int to, Unit bareUnit) {
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    if (from == to || to - from > 64) {
      return Double.NaN;
    }
    double total = 0;
    int i = from;
    while (i < to) {
      int numberStart = i;
      while (i < to && (Timestamps.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      double number = number(s, numberStart, i);
      if (Double.isNaN(number)) {
        return Double.NaN;
      }
      while (i < to && s.charAt(i) == ' ') {
        i++;
      }
      int unitStart = i;
      while (i < to && isUnitChar(s.charAt(i))) {
        i++;
      }
      if (unitStart == i) {
        if (i != to || numberStart != from) {
          return Double.NaN;
        }
        return toMillis(number, bareUnit);
      }
      double unitMillis = unitMillis(s, unitStart, i);
      if (Double.isNaN(unitMillis)) {
        return Double.NaN;
      }
      total += number * unitMillis;
    }
    return valid(total);
  }

  private static double valid(double millis) {
    return millis >= 0 && !Double.isInfinite(millis) ? millis : Double.NaN;
  }

  private static double number(CharSequence s, int from, int to) {
    if (from == to) {
      return Double.NaN;
    }
    double value = 0;
    double scale = 0;
    boolean digits = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      digits |= c != '.';
      if (c == '.') {
        if (scale != 0) {
          return Double.NaN;
        }
        scale = 1;
      } else if (scale == 0) {
        value = value * 10 + (c - '0');
      } else {
        scale /= 10;
        value += (c - '0') * scale;
      }
    }
    return digits ? value : Double.NaN;
  }

  private static boolean isUnitChar(char c) {
    return (c >= 'a' && c <= 'z') || c == 'µ' || c == 'μ';
  }

  private static double unitMillis(CharSequence s, int from, int to) {
    switch (s.subSequence(from, to).toString()) {
      case "ns":
        return 1e-6;
      case "us":
      case "µs":
      case "μs":
        return 1e-3;
      case "ms":
        return 1;
      case "s":
      case "sec":
      case "secs":
      case "seconds":
        return 1000;
      case "m":
      case "min":
        return 60_000;
      case "h":
        return 3_600_000;
      default:
        return Double.NaN;
    }
  }
}
