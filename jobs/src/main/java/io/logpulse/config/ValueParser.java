package io.logpulse.config;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a configuration value's text into a typed value, and says what it accepts.
 *
 * @param <T> the value type
 */
public interface ValueParser<T> extends Serializable {

  T parse(String text);

  String accepted();

  /** Any text. */
  static ValueParser<String> text() {
    return of(t -> t, "any text");
  }

  /** A whole number in {@code [min, max]}. */
  static ValueParser<Long> longBetween(long min, long max) {
    return of(
        t -> {
          String digits = t.replace("_", "");
          long value;
          try {
            value = Long.parseLong(digits);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                digits.matches("[-+]?\\d+") ? "out of range" : "not a whole number");
          }
          if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
          }
          return value;
        },
        min == Long.MIN_VALUE && max == Long.MAX_VALUE
            ? "any whole number"
            : "a whole number from " + min + " to " + max);
  }

  /** A whole number in {@code [min, max]}. */
  static ValueParser<Integer> intBetween(int min, int max) {
    ValueParser<Long> longs = longBetween(min, max);
    return of(t -> longs.parse(t).intValue(), longs.accepted());
  }

  /** A decimal number in {@code [min, max]}. */
  static ValueParser<Double> doubleBetween(double min, double max) {
    return of(
        t -> {
          double value = Double.parseDouble(t);
          if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("out of range");
          }
          return value;
        },
        "a number from " + min + " to " + max);
  }

  /** true or false. */
  static ValueParser<Boolean> bool() {
    return of(
        t -> {
          switch (t.toLowerCase(Locale.ROOT)) {
            case "true":
              return true;
            case "false":
              return false;
            default:
              throw new IllegalArgumentException("not a boolean");
          }
        },
        "true | false");
  }

  /**
   * The longest duration any key accepts: ten years, far beyond any sensible window, lateness or
   * retention, and short enough that adding it to a timestamp or counting it in milliseconds cannot
   * overflow.
   */
  Duration MAX_DURATION = Duration.ofDays(3650);

  /**
   * A duration up to {@link #MAX_DURATION}: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
   * {@code 14d}, or ISO-8601.
   */
  static ValueParser<Duration> duration() {
    Pattern simple = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");
    String tooLong = "more than " + MAX_DURATION.toDays() + "d";
    return of(
        t -> {
          Matcher m = simple.matcher(t.toLowerCase(Locale.ROOT));
          Duration value;
          try {
            if (m.matches()) {
              long amount = Long.parseLong(m.group(1));
              value =
                  switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m", "min" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                  };
            } else {
              value = Duration.parse(t.toUpperCase(Locale.ROOT));
            }
          } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(tooLong);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                e.getCause() instanceof ArithmeticException
                        || e.getCause() instanceof NumberFormatException
                    ? tooLong
                    : "not a duration");
          }
          if (value.isNegative()) {
            throw new IllegalArgumentException("negative");
          }
          if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(tooLong);
          }
          return value;
        },
        "a duration such as 500ms, 30s, 5m, 2h, 14d or PT1M, at most "
            + MAX_DURATION.toDays()
            + "d");
  }

  /** An absolute http(s) URL, such as a local server's endpoint. */
  static ValueParser<String> httpUrl() {
    return of(
        text -> {
          URI uri = URI.create(text);
          if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL");
          }
          return text;
        },
        "an http(s) URL");
  }

  /** An AWS region code such as {@code eu-west-1} or {@code us-gov-west-1}. */
  static ValueParser<String> awsRegion() {
    Pattern region = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    return of(
        text -> {
          if (!region.matcher(text).matches()) {
            throw new IllegalArgumentException("not an AWS region code");
          }
          return text;
        },
        "an AWS region code such as eu-west-1");
  }

  /** An ISO-8601 instant. */
  static ValueParser<Instant> instant() {
    return of(Instant::parse, "an ISO-8601 instant such as 2026-11-21T10:00:00Z");
  }

  /** One of an enum's constants, written in lower case with dashes. */
  static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
    String accepted =
        Arrays.stream(type.getEnumConstants())
            .map(ValueParser::configName)
            .collect(Collectors.joining(" | "));
    return of(
        t -> {
          for (E constant : type.getEnumConstants()) {
            if (configName(constant).equals(t.toLowerCase(Locale.ROOT))) {
              return constant;
            }
          }
          throw new IllegalArgumentException("not one of the accepted values");
        },
        accepted);
  }

  /** The configuration spelling of an enum constant: {@code ON_CHECKPOINT} is on-checkpoint. */
  static String configName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A parser from a function and the description of what it accepts. */
  static <T> ValueParser<T> of(SerializableParse<T> parse, String accepted) {
    return new ValueParser<>() {
      @Override
      public T parse(String text) {
        return parse.apply(text);
      }

      @Override
      public String accepted() {
        return accepted;
      }
    };
  }

  /** The parsing function of a {@link ValueParser}. */
  @FunctionalInterface
  interface SerializableParse<T> extends Serializable {
    T apply(String text);
  }
}
