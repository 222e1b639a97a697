package io.logpulse.detect;

import java.io.Serializable;
import java.util.Set;

/**
 * What {@link SeriesAnomalyFunction} does with one value of a series, without Flink: which settings
 * the series runs under (forests only on whole-service series), when its state expires, and how its
 * ensemble is created or restored (the forest's seed derived from the series key). {@code logpulse
 * detect} runs its rows through the same steps, so it computes exactly what the job does.
 */
public final class SeriesScorer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final DetectSettings settings;
  private final DetectSettings operationSettings;

  public SeriesScorer(DetectSettings settings) {
    this.settings = settings;
    this.operationSettings = settings.withRcfMetrics(Set.of());
  }

  /** The settings of the series {@code point} belongs to. */
  public DetectSettings settingsOf(SeriesPoint point) {
    return point.operation() == null ? settings : operationSettings;
  }

  /** When the series' state expires if no value follows {@code point}. */
  public long expiry(SeriesPoint point) {
    return point.windowStart() + settings.stateTtl().toMillis();
  }

  /** Whether {@code point} comes after the state left by {@code previous} expired. */
  public boolean expired(SeriesPoint previous, SeriesPoint point) {
    return previous != null && point.windowStart() >= expiry(previous);
  }

  /**
   * The series' ensemble: restored from {@code state}, or a new one when there is none.
   *
   * @param key the series key ({@link SeriesPoint#seriesKey()}), from which the seed derives
   */
  public SeriesDetector ensemble(byte[] state, SeriesPoint point, String key) {
    return state == null
        ? SeriesDetector.create(point.metric(), settingsOf(point), key.hashCode())
        : SeriesDetector.fromBytes(state, point.metric(), settingsOf(point), key.hashCode());
  }
}
