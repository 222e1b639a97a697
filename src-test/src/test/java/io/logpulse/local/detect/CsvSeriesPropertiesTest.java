package io.logpulse.local.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** The CSV rows of {@code logpulse detect}: every accepted form reads back, nothing throws. */
class CsvSeriesPropertiesTest {

  private static final long MAX = 4_102_444_800_000L;

  @Property
  void epochMillisReadBack(
      @ForAll @LongRange(min = 0, max = MAX) long millis,
      @ForAll @DoubleRange(min = -1e12, max = 1e12) double value) {
    CsvSeries.Row row = CsvSeries.parse(millis + "," + value);
    assertThat(row.ok()).isTrue();
    assertThat(row.timestamp()).isEqualTo(millis);
    assertThat(row.value()).isEqualTo(value);
  }

  @Property
  void isoAndSpacedTimestampsReadBackToTheSecond(
      @ForAll @LongRange(min = 0, max = MAX / 1000) long seconds) {
    Instant instant = Instant.ofEpochSecond(seconds);
    String spaced =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(instant);
    assertThat(CsvSeries.parse(instant + ",1").timestamp()).isEqualTo(seconds * 1000);
    assertThat(CsvSeries.parse("\"" + spaced + "\", 2.5").timestamp()).isEqualTo(seconds * 1000);
    assertThat(CsvSeries.parse(instant.toString().replace("Z", "+02:00") + ",1").timestamp())
        .isEqualTo(seconds * 1000 - 7_200_000);
  }

  @Property
  void anyLineParsesOrNamesItsProblemWithoutThrowing(@ForAll String line) {
    CsvSeries.Row row = CsvSeries.parse(line);
    assertThat(row.ok() || !row.problem().isBlank()).isTrue();
    if (row.ok()) {
      assertThat(Double.isFinite(row.value())).isTrue();
    }
  }

  @Property
  void nonFiniteValuesAreRejected(@ForAll @LongRange(min = 0, max = MAX) long millis) {
    assertThat(CsvSeries.parse(millis + ",NaN").ok()).isFalse();
    assertThat(CsvSeries.parse(millis + ",Infinity").ok()).isFalse();
  }
}
