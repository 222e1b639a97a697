package io.logpulse.detect;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A streaming anomaly test on one series. It scores each value only from earlier values, then
 * learns from it. State is explicit: {@link #write} puts all of it into bytes that the detector's
 * {@code read} method restores, so the Flink operator keeps it in keyed state and the CLI runs the
 * same code without Flink.
 */
public interface Detector {

  /** Which detector this is. */
  DetectorKind kind();

  /** Scores {@code observation} and then learns from it. */
  Evidence update(Observation observation);

  /**
   * Whether the latest value leaves the series away from its expected level in a way that keeps an
   * open anomaly open even though the score has fallen: the anomaly is still going on.
   */
  default boolean holdsOpen() {
    return false;
  }

  /** Forgets short-term memory after a gap in the series (no values for a long time). */
  void gap();

  /** Writes the complete state. */
  void write(DataOutput out) throws IOException;
}
