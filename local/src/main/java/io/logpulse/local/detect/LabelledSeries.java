package io.logpulse.local.detect;

import io.logpulse.detect.MetricKind;
import java.util.List;

/**
 * A labelled synthetic series: what a detector should flag and what it should leave alone.
 *
 * @param name scenario and seed, e.g. {@code spikes#7}
 * @param metric what the series measures (decides direction and tests)
 * @param timestamps value times, epoch ms, increasing
 * @param values the values
 * @param weights events behind each value (requests behind an error rate), 1 otherwise
 * @param anomalies labelled anomaly windows; empty for series that should stay silent
 */
public record LabelledSeries(
    String name,
    MetricKind metric,
    long[] timestamps,
    double[] values,
    double[] weights,
    List<Window> anomalies) {

  /**
   * A labelled anomaly: a detection from {@code start} (inclusive) to {@code end} (exclusive) finds
   * it.
   */
  public record Window(long start, long end) {

    /** Whether {@code time} is inside. */
    public boolean contains(long time) {
      return time >= start && time < end;
    }
  }

  /** The scenario's family, the name without the seed. */
  public String family() {
    int hash = name.indexOf('#');
    return hash < 0 ? name : name.substring(0, hash);
  }
}
