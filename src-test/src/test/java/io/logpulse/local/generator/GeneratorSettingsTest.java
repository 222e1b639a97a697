package io.logpulse.local.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

  @Test
  void defaultsDescribeTheDocumentedWorkload() {
    GeneratorSettings defaults = GeneratorSettings.defaults();

    assertThat(defaults.seed()).isEqualTo(42);
    assertThat(defaults.start()).isNull();
    assertThat(defaults.duration()).isEqualTo(Duration.ofHours(3));
    assertThat(defaults.tick()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.lateFraction()).isEqualTo(0.003);
    assertThat(defaults.tooLateFraction()).isEqualTo(0.0005);
    assertThat(defaults.corruptFraction()).isEqualTo(0.0002);
    assertThat(defaults.controlMessageFraction()).isEqualTo(0.001);
    assertThat(defaults.trafficScale()).isEqualTo(1.0);
  }

  @Test
  void endingNowStartsOnTheHourSoThatTheRunEndsInThePast() {
    Instant now = Instant.parse("2026-11-21T14:37:12.345Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    GeneratorSettings settings = GeneratorSettings.endingNow(Duration.ofHours(3), clock);

    assertThat(settings.start()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    assertThat(settings.start().plus(settings.duration())).isBeforeOrEqualTo(now);
    assertThat(settings.duration()).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void withersReturnChangedCopies() {
    GeneratorSettings base = GeneratorSettings.defaults().withStart(Instant.EPOCH);
    GeneratorSettings changed = base.withSeed(7).withTrafficScale(2.5);

    assertThat(changed.seed()).isEqualTo(7);
    assertThat(changed.trafficScale()).isEqualTo(2.5);
    assertThat(base.seed()).isEqualTo(42);
    assertThat(changed).isNotEqualTo(base).isEqualTo(base.withSeed(7).withTrafficScale(2.5));
  }

  @Test
  void invalidValuesFailWithTheSettingsName() {
    GeneratorSettings defaults = GeneratorSettings.defaults();

    assertThatThrownBy(() -> defaults.withLateFraction(1.5)).hasMessageContaining("lateFraction");
    assertThatThrownBy(() -> defaults.withCorruptFraction(-0.1))
        .hasMessageContaining("corruptFraction");
    assertThatThrownBy(() -> defaults.withTick(Duration.ZERO)).hasMessageContaining("tick");
    assertThatThrownBy(() -> defaults.withTrafficScale(0)).hasMessageContaining("trafficScale");
  }

  @Test
  void aGeneratorNeedsAStartAndAtLeastOneTick() {
    assertThatThrownBy(() -> new WorkloadGenerator(GeneratorSettings.defaults()))
        .hasMessageContaining("start is required");
    assertThatThrownBy(
            () ->
                new WorkloadGenerator(
                    GeneratorSettings.defaults()
                        .withStart(Instant.EPOCH)
                        .withDuration(Duration.ofSeconds(1))))
        .hasMessageContaining("at least one tick");
  }
}
