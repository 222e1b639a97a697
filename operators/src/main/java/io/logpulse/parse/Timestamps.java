package io.logpulse.parse;

/**
 * Parses the time written inside a log message to epoch milliseconds without exceptions or {@code
 * java.time} allocation: ISO-8601 ({@code 2024-01-15T10:00:00.123Z}, {@code T} or a space between
 * date and time, {@code .} or {@code ,} before the fraction, {@code Z}, {@code ±hh:mm}, {@code
 * ±hhmm}, {@code ±hh} or no zone meaning UTC), the access log form {@code 15/Jan/2024:10:00:00
 * +0000}, and epoch numbers. Every method returns {@link #NONE} when the text is not a time.
 */
final class Timestamps {
  static final long NONE = Long.MIN_VALUE;

  /** Latest accepted time: 9999-12-31T23:59:59.999Z. */
  private static final long MAX_MILLIS = 253_402_300_799_999L;

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private Timestamps() {}

  /** Tries ISO-8601, then the access log form, then an epoch number. */
  static long parse(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    long t = iso(s, from, to);
    if (t == NONE) {
      t = accessLog(s, from, to);
    }
    if (t == NONE) {
      t = epochText(s, from, to);
    }
    return t;
  }

  /**
   * An epoch time of unknown unit, read by magnitude: below 1e11 seconds (fractions kept), below
   * 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
   */
  static long epoch(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      return NONE;
    }
    double millis;
    if (v < 1e11) {
      millis = v * 1000;
    } else if (v < 1e14) {
      millis = v;
    } else if (v < 1e17) {
      millis = v / 1e3;
    } else {
      millis = v / 1e6;
    }
    return millis > MAX_MILLIS ? NONE : (long) millis;
  }

  /** ISO-8601 date and time filling exactly {@code s[from, to)}. */
  static long iso(CharSequence s, int from, int to) {
    if (to - from < 16
        || s.charAt(from + 4) != '-'
        || s.charAt(from + 7) != '-'
        || s.charAt(from + 13) != ':') {
      return NONE;
    }
    char sep = s.charAt(from + 10);
    if (sep != 'T' && sep != ' ' && sep != 't') {
      return NONE;
    }
    int year = digits(s, from, 4);
    int month = digits(s, from + 5, 2);
    int day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2);
    int minute = digits(s, from + 14, 2);
    int i = from + 16;
    int second = 0;
    int millis = 0;
    if (i < to && s.charAt(i) == ':') {
      if (to - i < 3) {
        return NONE;
      }
      second = digits(s, i + 1, 2);
      i += 3;
      if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        i++;
        int start = i;
        int scale = 100;
        while (i < to && isDigit(s.charAt(i))) {
          millis += scale * (s.charAt(i) - '0');
          scale /= 10;
          i++;
        }
        if (i == start) {
          return NONE;
        }
      }
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return NONE;
    }
    int offsetMinutes = zoneOffset(s, i, to);
    if (offsetMinutes == Integer.MIN_VALUE) {
      return NONE;
    }
    return toMillis(year, month, day, hour, minute, second, millis, offsetMinutes);
  }

  /**
   * The access log time {@code dd/MMM/yyyy:HH:mm:ss[.fraction] [±hhmm]} filling {@code s[from,
   * to)}; a fraction is read to the millisecond.
   */
  static long accessLog(CharSequence s, int from, int to) {
    if (to - from < 20
        || s.charAt(from + 2) != '/'
        || s.charAt(from + 6) != '/'
        || s.charAt(from + 11) != ':'
        || s.charAt(from + 14) != ':'
        || s.charAt(from + 17) != ':') {
      return NONE;
    }
    int month = -1;
    for (int m = 0; m < 12; m++) {
      if (regionEquals(s, from + 3, MONTHS, m * 3, 3)) {
        month = m + 1;
        break;
      }
    }
    int day = digits(s, from, 2);
    int year = digits(s, from + 7, 4);
    int hour = digits(s, from + 12, 2);
    int minute = digits(s, from + 15, 2);
    int second = digits(s, from + 18, 2);
    if (month < 0 || day < 0 || year < 0 || hour < 0 || minute < 0 || second < 0) {
      return NONE;
    }
    int i = from + 20;
    int millis = 0;
    if (i < to && s.charAt(i) == '.') {
      int digits = 0;
      for (i++; i < to && isDigit(s.charAt(i)); i++, digits++) {
        if (digits < 3) {
          millis = millis * 10 + (s.charAt(i) - '0');
        }
      }
      if (digits == 0) {
        return NONE;
      }
      for (; digits < 3; digits++) {
        millis *= 10;
      }
    }
    while (i < to && s.charAt(i) == ' ') {
      i++;
    }
    int offsetMinutes = zoneOffset(s, i, to);
    if (offsetMinutes == Integer.MIN_VALUE) {
      return NONE;
    }
    return toMillis(year, month, day, hour, minute, second, millis, offsetMinutes);
  }

  private static long epochText(CharSequence s, int from, int to) {
    if (from == to || to - from > 24) {
      return NONE;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c) && c != '.') {
        return NONE;
      }
    }
    try {
      return epoch(Double.parseDouble(s.subSequence(from, to).toString()));
    } catch (NumberFormatException e) {
      return NONE; // e.g. "1.2.3": only digits and dots were checked above
    }
  }

  /** Minutes east of UTC for a zone suffix filling {@code s[i, to)}, MIN_VALUE when invalid. */
  private static int zoneOffset(CharSequence s, int i, int to) {
    if (i == to) {
      return 0;
    }
    char c = s.charAt(i);
    if ((c == 'Z' || c == 'z') && i + 1 == to) {
      return 0;
    }
    if (c != '+' && c != '-') {
      return Integer.MIN_VALUE;
    }
    int sign = c == '-' ? -1 : 1;
    int rest = to - i - 1;
    int hours = rest >= 2 ? digits(s, i + 1, 2) : -1;
    int minutes;
    if (rest == 2) {
      minutes = 0;
    } else if (rest == 4) {
      minutes = digits(s, i + 3, 2);
    } else if (rest == 5 && s.charAt(i + 3) == ':') {
      minutes = digits(s, i + 4, 2);
    } else {
      return Integer.MIN_VALUE;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    return sign * (hours * 60 + minutes);
  }

  private static long toMillis(
      int year, int month, int day, int hour, int minute, int second, int millis, int offset) {
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
      return NONE;
    }
    long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    long result = seconds * 1000 + millis - offset * 60_000L;
    return result < 0 || result > MAX_MILLIS ? NONE : result;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }

  /** The non-negative number written by {@code count} ASCII digits at {@code from}, else -1. */
  private static int digits(CharSequence s, int from, int count) {
    if (count <= 0 || from + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean regionEquals(CharSequence s, int from, String other, int at, int len) {
    if (from + len > s.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (s.charAt(from + k) != other.charAt(at + k)) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
