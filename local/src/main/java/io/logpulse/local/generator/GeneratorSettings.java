package io.logpulse.local.generator;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Immutable settings of the synthetic workload: what the {@link WorkloadGenerator} simulates and
 * how much of it goes wrong.
 *
 * <p>Everything the generator emits is a pure function of these settings and a record index, so two
 * runs with equal settings produce byte-identical records. The start instant has no sensible
 * constant default: CloudWatch rejects data older than two weeks, so a local demo has to simulate
 * the recent past. {@link #defaults()} therefore leaves it unset and {@link #endingNow(Duration,
 * Clock)} computes it from a clock.
 */
public final class GeneratorSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long seed;
  private final Instant start;
  private final Duration duration;
  private final Duration tick;
  private final double lateFraction;
  private final double tooLateFraction;
  private final double corruptFraction;
  private final double controlMessageFraction;
  private final double trafficScale;

  private GeneratorSettings(
      long seed,
      Instant start,
      Duration duration,
      Duration tick,
      double lateFraction,
      double tooLateFraction,
      double corruptFraction,
      double controlMessageFraction,
      double trafficScale) {
    this.seed = seed;
    this.start = start;
    this.duration = duration;
    this.tick = tick;
    this.lateFraction = lateFraction;
    this.tooLateFraction = tooLateFraction;
    this.corruptFraction = corruptFraction;
    this.controlMessageFraction = controlMessageFraction;
    this.trafficScale = trafficScale;
  }

  /**
   * The default workload: seed 42, three hours in five-second ticks, a few late, very late, corrupt
   * and control records, traffic scale 1. The start is unset and must be given with {@link
   * #withStart(Instant)}.
   */
  public static GeneratorSettings defaults() {
    return new GeneratorSettings(
        42L, null, Duration.ofHours(3), Duration.ofSeconds(5), 0.003, 0.0005, 0.0002, 0.001, 1.0);
  }

  /**
   * The defaults for a run of the given length that ends no later than now: the start is now minus
   * the duration, truncated to the hour, so the whole simulated span lies in the recent past.
   */
  public static GeneratorSettings endingNow(Duration duration, Clock clock) {
    Instant start = clock.instant().minus(duration).truncatedTo(ChronoUnit.HOURS);
    return defaults().withDuration(duration).withStart(start);
  }

  public long seed() {
    return seed;
  }

  /** The first simulated instant, or null while unset. */
  public Instant start() {
    return start;
  }

  public Duration duration() {
    return duration;
  }

  /** The simulated time between two records of the same log stream. */
  public Duration tick() {
    return tick;
  }

  /** Share of records whose events are 1 to 4 minutes older than their tick. */
  public double lateFraction() {
    return lateFraction;
  }

  /** Share of records whose events are two hours older than their tick. */
  public double tooLateFraction() {
    return tooLateFraction;
  }

  /** Share of records whose payload is broken (truncated gzip, not gzip, invalid JSON). */
  public double corruptFraction() {
    return corruptFraction;
  }

  /** Share of records that are CloudWatch Logs CONTROL_MESSAGE health checks. */
  public double controlMessageFraction() {
    return controlMessageFraction;
  }

  /** Multiplier applied to every log stream's event rate. */
  public double trafficScale() {
    return trafficScale;
  }

  public GeneratorSettings withSeed(long value) {
    return new GeneratorSettings(
        value,
        start,
        duration,
        tick,
        lateFraction,
        tooLateFraction,
        corruptFraction,
        controlMessageFraction,
        trafficScale);
  }

  public GeneratorSettings withStart(Instant value) {
    Objects.requireNonNull(value, "start");
    return new GeneratorSettings(
        seed,
        value,
        duration,
        tick,
        lateFraction,
        tooLateFraction,
        corruptFraction,
        controlMessageFraction,
        trafficScale);
  }

  public GeneratorSettings withDuration(Duration value) {
    requirePositive("duration", value);
    return new GeneratorSettings(
        seed,
        start,
        value,
        tick,
        lateFraction,
        tooLateFraction,
        corruptFraction,
        controlMessageFraction,
        trafficScale);
  }

  public GeneratorSettings withTick(Duration value) {
    requirePositive("tick", value);
    return new GeneratorSettings(
        seed,
        start,
        duration,
        value,
        lateFraction,
        tooLateFraction,
        corruptFraction,
        controlMessageFraction,
        trafficScale);
  }

  public GeneratorSettings withLateFraction(double value) {
    return new GeneratorSettings(
        seed,
        start,
        duration,
        tick,
        fraction("lateFraction", value),
        tooLateFraction,
        corruptFraction,
        controlMessageFraction,
        trafficScale);
  }

  public GeneratorSettings withTooLateFraction(double value) {
    return new GeneratorSettings(
        seed,
        start,
        duration,
        tick,
        lateFraction,
        fraction("tooLateFraction", value),
        corruptFraction,
        controlMessageFraction,
        trafficScale);
  }

  public GeneratorSettings withCorruptFraction(double value) {
    return new GeneratorSettings(
        seed,
        start,
        duration,
        tick,
        lateFraction,
        tooLateFraction,
        fraction("corruptFraction", value),
        controlMessageFraction,
        trafficScale);
  }

  public GeneratorSettings withControlMessageFraction(double value) {
    return new GeneratorSettings(
        seed,
        start,
        duration,
        tick,
        lateFraction,
        tooLateFraction,
        corruptFraction,
        fraction("controlMessageFraction", value),
        trafficScale);
  }

  public GeneratorSettings withTrafficScale(double value) {
    if (!(value > 0 && value <= 100)) {
      throw new IllegalArgumentException("trafficScale must be in (0, 100], got " + value);
    }
    return new GeneratorSettings(
        seed,
        start,
        duration,
        tick,
        lateFraction,
        tooLateFraction,
        corruptFraction,
        controlMessageFraction,
        value);
  }

  /**
   * Checks what the withers cannot check one value at a time: a start is set, the duration holds at
   * least one tick and the record fractions fit into one.
   */
  GeneratorSettings validated() {
    if (start == null) {
      throw new IllegalStateException(
          "start is required: use withStart(..) or GeneratorSettings.endingNow(..)");
    }
    if (duration.compareTo(tick) < 0) {
      throw new IllegalArgumentException(
          "duration (" + duration + ") must be at least one tick (" + tick + ")");
    }
    if (lateFraction + tooLateFraction > 1) {
      throw new IllegalArgumentException("lateFraction + tooLateFraction must not exceed 1");
    }
    if (corruptFraction + controlMessageFraction > 1) {
      throw new IllegalArgumentException(
          "corruptFraction + controlMessageFraction must not exceed 1");
    }
    return this;
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero() || value.toMillis() == 0) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, got " + value);
    }
  }

  private static double fraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GeneratorSettings)) {
      return false;
    }
    GeneratorSettings that = (GeneratorSettings) o;
    return seed == that.seed
        && Objects.equals(start, that.start)
        && duration.equals(that.duration)
        && tick.equals(that.tick)
        && lateFraction == that.lateFraction
        && tooLateFraction == that.tooLateFraction
        && corruptFraction == that.corruptFraction
        && controlMessageFraction == that.controlMessageFraction
        && trafficScale == that.trafficScale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        seed,
        start,
        duration,
        tick,
        lateFraction,
        tooLateFraction,
        corruptFraction,
        controlMessageFraction,
        trafficScale);
  }

  @Override
  public String toString() {
    return "GeneratorSettings{seed="
        + seed
        + ", start="
        + start
        + ", duration="
        + duration
        + ", tick="
        + tick
        + ", lateFraction="
        + lateFraction
        + ", tooLateFraction="
        + tooLateFraction
        + ", corruptFraction="
        + corruptFraction
        + ", controlMessageFraction="
        + controlMessageFraction
        + ", trafficScale="
        + trafficScale
        + '}';
  }
}
