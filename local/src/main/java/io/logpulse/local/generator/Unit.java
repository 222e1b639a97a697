package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * One unit of work being written by a {@link LogProfile}: when it happens, on which log stream,
 * which planted incident is on, and the record's random source. One instance is reused for all
 * units of a record.
 */
final class Unit {

  SplittableRandom rng;
  LogStreamSpec stream;
  long timestamp;
  long windowEnd;
  Incident burst;

  /** Whether an incident of failing requests is on: its stack traces include the regression. */
  boolean failing() {
    return burst != null && burst.problem() == Incident.Problem.ERRORS;
  }

  /** The share of requests that fail at this unit's time. */
  double errorRate() {
    return burst == null ? Traffic.BASELINE_ERROR_RATE : burst.errorRate();
  }

  /** The latency multiplier at this unit's time. */
  double slowdown() {
    return burst == null ? 1 : burst.latencyFactor();
  }

  /** A timestamp {@code offsetMillis} after the unit's start, kept inside the record's window. */
  long after(long offsetMillis) {
    return Math.min(timestamp + offsetMillis, windowEnd - 1);
  }
}
