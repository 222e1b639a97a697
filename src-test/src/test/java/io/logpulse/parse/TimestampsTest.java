package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TimestampsTest {
  @Property
  void isoTimesAgreeWithJavaTime(
      @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long epochMillis,
      @ForAll @IntRange(min = -14 * 4, max = 14 * 4) int quarterHours) {
    Instant instant = Instant.ofEpochMilli(epochMillis);
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarterHours * 15 * 60);
    String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));
    assertThat(Timestamps.parse(text)).as(text).isEqualTo(epochMillis);
  }

  @Property
  void accessLogTimesAgreeWithJavaTime(
      @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long epochMillis,
      @ForAll @IntRange(min = -12, max = 14) int hours) {
    Instant instant = Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS);
    String text =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .format(instant.atOffset(ZoneOffset.ofHours(hours)));
    assertThat(Timestamps.parse(text)).as(text).isEqualTo(instant.toEpochMilli());
  }

  @Property
  void accessLogTimesWithAFractionKeepTheMilliseconds(
      @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long epochMillis,
      @ForAll @IntRange(min = 1, max = 9) int fractionDigits) {
    Instant instant = Instant.ofEpochMilli(epochMillis);
    String pattern = "dd/MMM/yyyy:HH:mm:ss." + "S".repeat(fractionDigits) + " Z";
    String text =
        DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(instant.atOffset(ZoneOffset.UTC));
    long expected =
        fractionDigits >= 3
            ? epochMillis
            : instant.truncatedTo(ChronoUnit.SECONDS).toEpochMilli()
                + (epochMillis % 1000)
                    / (long) Math.pow(10, 3 - fractionDigits)
                    * (long) Math.pow(10, 3 - fractionDigits);
    assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
  }

  @Example
  void zoneForms() {
    long expected = 1_705_312_800_000L;
    assertThat(Timestamps.parse("2024-01-15T10:00:00Z")).isEqualTo(expected);
    assertThat(Timestamps.parse("2024-01-15T10:00:00")).isEqualTo(expected);
    assertThat(Timestamps.parse("2024-01-15 11:00:00+0100")).isEqualTo(expected);
    assertThat(Timestamps.parse("2024-01-15T05:00:00-05")).isEqualTo(expected);
    assertThat(Timestamps.parse("2024-01-15T10:00Z")).isEqualTo(expected);
    assertThat(Timestamps.parse("2024-01-15T10:00:00.000000001Z")).isEqualTo(expected);
  }

  @Example
  void epochMagnitudes() {
    assertThat(Timestamps.epoch(1_705_312_800)).isEqualTo(1_705_312_800_000L);
    assertThat(Timestamps.epoch(1_705_312_800_000d)).isEqualTo(1_705_312_800_000L);
    assertThat(Timestamps.epoch(1_705_312_800_000_000d)).isEqualTo(1_705_312_800_000L);
    assertThat(Timestamps.epoch(1_705_312_800_000_000_000d)).isEqualTo(1_705_312_800_000L);
    assertThat(Timestamps.epoch(0)).isEqualTo(Timestamps.NONE);
    assertThat(Timestamps.epoch(Double.NaN)).isEqualTo(Timestamps.NONE);
  }

  @Example
  void rejectsWhatIsNotATime() {
    for (String text :
        new String[] {
          "",
          "2024-01-15",
          "2024-02-15T25:00:00Z",
          "2024-01-15T10:00:00+25:00",
          "2024-01-15T10:00:00Zulu",
          "2024-01-15T10:00:",
          "15/Foo/2024:10:00:00 +0000",
          "15/Jan/2024:10:00:00. +0000",
          "1.2.3",
          "abc",
          "9999-12-31T23:59:60Z"
        }) {
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(Timestamps.NONE);
    }
  }
}
