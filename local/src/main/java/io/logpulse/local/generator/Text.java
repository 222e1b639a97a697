package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * Allocation-free appenders for the pieces log lines are made of: timestamps in the formats AWS and
 * common servers write, fixed-point numbers, hex ids and JSON strings. They replace {@code
 * String.format} and {@code DateTimeFormatter}, which dominate the cost of generating events.
 */
final class Text {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final long[] POW10 = {1, 10, 100, 1000, 10000};
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private Text() {}

  /** {@code 2026-11-21T10:00:00.123Z}. */
  static StringBuilder isoMillis(StringBuilder sb, long epochMillis) {
    isoSeconds(sb, epochMillis, false).append('.');
    pad(sb, Math.floorMod(epochMillis, 1000L), 3);
    return sb.append('Z');
  }

  /** {@code 2026-11-21T10:00:00Z}, as CloudTrail writes event times. */
  static StringBuilder isoSeconds(StringBuilder sb, long epochMillis) {
    return isoSeconds(sb, epochMillis, true);
  }

  /** {@code 21/Nov/2026:10:00:00 +0000}, the common log format time nginx and API Gateway use. */
  static StringBuilder clf(StringBuilder sb, long epochMillis) {
    long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    int[] ymd = civil(day);
    pad(sb, ymd[2], 2).append('/').append(MONTHS[ymd[1] - 1]).append('/').append(ymd[0]);
    sb.append(':');
    time(sb, Math.floorMod(epochMillis, MILLIS_PER_DAY));
    return sb.append(" +0000");
  }

  /** {@code 2026/11/21}, the date prefix of Lambda log stream names. */
  static StringBuilder slashDate(StringBuilder sb, long epochMillis) {
    int[] ymd = civil(Math.floorDiv(epochMillis, MILLIS_PER_DAY));
    sb.append(ymd[0]).append('/');
    pad(sb, ymd[1], 2).append('/');
    return pad(sb, ymd[2], 2);
  }

  /** A non-negative value with exactly {@code decimals} (0 to 4) digits after the point. */
  static StringBuilder fixed(StringBuilder sb, double value, int decimals) {
    long scaled = Math.round(value * POW10[decimals]);
    sb.append(scaled / POW10[decimals]);
    if (decimals > 0) {
      sb.append('.');
      pad(sb, scaled % POW10[decimals], decimals);
    }
    return sb;
  }

  /** A value left-padded with zeros to {@code width} digits. */
  static StringBuilder pad(StringBuilder sb, long value, int width) {
    int digits = 1;
    for (long rest = value; rest >= 10; rest /= 10) {
      digits++;
    }
    for (int i = digits; i < width; i++) {
      sb.append('0');
    }
    return sb.append(value);
  }

  /** {@code count} random lowercase hex digits. */
  static StringBuilder hex(StringBuilder sb, SplittableRandom rng, int count) {
    long bits = 0;
    for (int i = 0; i < count; i++) {
      if ((i & 15) == 0) {
        bits = rng.nextLong();
      }
      sb.append(HEX[(int) (bits & 15)]);
      bits >>>= 4;
    }
    return sb;
  }

  /** A random UUID in its canonical 8-4-4-4-12 form, as AWS request ids are. */
  static StringBuilder uuid(StringBuilder sb, SplittableRandom rng) {
    hex(sb, rng, 8).append('-');
    hex(sb, rng, 4).append("-4");
    hex(sb, rng, 3).append('-').append(HEX[8 + rng.nextInt(4)]);
    hex(sb, rng, 3).append('-');
    return hex(sb, rng, 12);
  }

  /** {@code count} random uppercase letters and digits, as in AWS access key and role ids. */
  static StringBuilder upperAlnum(StringBuilder sb, SplittableRandom rng, int count) {
    for (int i = 0; i < count; i++) {
      int c = rng.nextInt(36);
      sb.append((char) (c < 10 ? '0' + c : 'A' + c - 10));
    }
    return sb;
  }

  /** A quoted JSON string with the characters JSON requires escaped. */
  static StringBuilder jsonString(StringBuilder sb, CharSequence value) {
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  private static StringBuilder isoSeconds(StringBuilder sb, long epochMillis, boolean zone) {
    int[] ymd = civil(Math.floorDiv(epochMillis, MILLIS_PER_DAY));
    sb.append(ymd[0]).append('-');
    pad(sb, ymd[1], 2).append('-');
    pad(sb, ymd[2], 2).append('T');
    time(sb, Math.floorMod(epochMillis, MILLIS_PER_DAY));
    return zone ? sb.append('Z') : sb;
  }

  private static void time(StringBuilder sb, long millisOfDay) {
    long seconds = millisOfDay / 1000;
    pad(sb, seconds / 3600, 2).append(':');
    pad(sb, seconds / 60 % 60, 2).append(':');
    pad(sb, seconds % 60, 2);
  }

  /** Year, month, day of an epoch day (proleptic Gregorian; H. Hinnant's civil_from_days). */
  private static int[] civil(long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    return new int[] {year, month, day};
  }
}
