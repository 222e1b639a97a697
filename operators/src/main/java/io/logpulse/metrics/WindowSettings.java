package io.logpulse.metrics;

import java.io.Serializable;
import java.time.Duration;

/**
 * How events are windowed.
 *
 * @param size tumbling window length
 * @param allowedLateness how long after a window closes late events still correct it
 * @param maxBufferedSeries pre-aggregation buffer size per subtask before it flushes early
 */
public record WindowSettings(Duration size, Duration allowedLateness, int maxBufferedSeries)
    implements Serializable {

  public WindowSettings {
    if (size.toMillis() <= 0) {
      throw new IllegalArgumentException("window.size must be positive, was " + size);
    }
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException(
          "window.allowed-lateness must not be negative, was " + allowedLateness);
    }
    if (maxBufferedSeries <= 0) {
      throw new IllegalArgumentException(
          "window.pre-aggregation.max-series must be positive, was " + maxBufferedSeries);
    }
  }

  public long sizeMs() {
    return size.toMillis();
  }

  public long allowedLatenessMs() {
    return allowedLateness.toMillis();
  }
}
