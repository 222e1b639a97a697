package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * One unit of work being written by a {@link LogProfile}: when it happens, on which log stream,
 * which planted incident or noise is on, and the record's random source. One instance is reused for
 * all units of a record.
 */
final class Unit {

  /** Share of requests that take the slow path during a latency blip. */
  static final double BLIP_SLOW_SHARE = 0.08;

  SplittableRandom rng;
  LogStreamSpec stream;
  long timestamp;
  long windowEnd;
  Incident burst;

  /** The latency blip on at this unit's time, or null. */
  NoiseEvent blip;

  /** Whether this unit is the one failed request of a single-error noise event. */
  boolean forceError;

  /** Whether the stream is quiet: its failures are only the single errors planted as noise. */
  boolean quiet;

  /**
   * The stack trace the cause of a failing incident ships, which the service never threw before;
   * null outside error incidents and for causes that throw nothing new.
   */
  String regression() {
    return burst == null || burst.problem() != Incident.Problem.ERRORS
        ? null
        : StackTraces.regression(burst.cause());
  }

  /** The share of requests that fail at this unit's time. */
  double errorRate() {
    if (burst != null) {
      return burst.errorRate();
    }
    if (forceError) {
      return 1;
    }
    return quiet ? 0 : Traffic.BASELINE_ERROR_RATE;
  }

  /**
   * The latency multiplier at this unit's time: an incident's, and during a latency blip a few
   * requests many times slower.
   */
  double slowdown() {
    double slowdown = burst == null ? 1 : burst.latencyFactor();
    if (blip != null && rng.nextDouble() < BLIP_SLOW_SHARE) {
      slowdown *= blip.size();
    }
    return slowdown;
  }

  /** A timestamp {@code offsetMillis} after the unit's start, kept inside the record's window. */
  long after(long offsetMillis) {
    return Math.min(timestamp + offsetMillis, windowEnd - 1);
  }
}
