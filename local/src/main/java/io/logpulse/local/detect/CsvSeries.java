package io.logpulse.local.detect;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The CSV rows {@code logpulse detect} reads: {@code timestamp,value}, where the timestamp is
 * ISO-8601 (with or without offset; without means UTC), {@code yyyy-MM-dd HH:mm:ss} (UTC) or epoch
 * milliseconds, and the value a finite decimal number. Surrounding spaces and double quotes are
 * ignored.
 */
public final class CsvSeries {

  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private CsvSeries() {}

  /**
   * One parsed line.
   *
   * @param timestamp epoch ms, meaningful when {@code problem} is null
   * @param value the value, meaningful when {@code problem} is null
   * @param problem why the line is unusable, or null
   */
  public record Row(long timestamp, double value, String problem) {

    /** Whether the line is usable. */
    public boolean ok() {
      return problem == null;
    }
  }

  /** Whether a line is the header {@code timestamp,value}. */
  public static boolean isHeader(String line) {
    String[] cells = line.split(",", -1);
    return cells.length == 2
        && unquote(cells[0]).equalsIgnoreCase("timestamp")
        && unquote(cells[1]).equalsIgnoreCase("value");
  }

  /** Parses one data line; never throws. */
  public static Row parse(String line) {
    String[] cells = line.split(",", -1);
    if (cells.length != 2) {
      return new Row(0, 0, "expected 2 columns, found " + cells.length);
    }
    Long timestamp = timestamp(unquote(cells[0]));
    if (timestamp == null) {
      return new Row(0, 0, "unreadable timestamp '" + unquote(cells[0]) + "'");
    }
    String valueText = unquote(cells[1]);
    double value;
    try {
      value = Double.parseDouble(valueText);
    } catch (NumberFormatException e) {
      return new Row(0, 0, "unreadable value '" + valueText + "'");
    }
    if (!Double.isFinite(value)) {
      return new Row(0, 0, "value is not finite: '" + valueText + "'");
    }
    return new Row(timestamp, value, null);
  }

  /** Epoch ms of a timestamp in any accepted form, or null. */
  public static Long timestamp(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.chars().allMatch(Character::isDigit)
        || (text.startsWith("-")
            && text.length() > 1
            && text.substring(1).chars().allMatch(Character::isDigit))) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // not with an offset; try the forms without one
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      // not an instant either
    }
    for (DateTimeFormatter format :
        new DateTimeFormatter[] {DateTimeFormatter.ISO_LOCAL_DATE_TIME, SPACED}) {
      try {
        return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return null;
  }

  private static String unquote(String cell) {
    String trimmed = cell.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      return trimmed.substring(1, trimmed.length() - 1).trim();
    }
    return trimmed;
  }
}
