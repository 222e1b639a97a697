package io.logpulse.detect;

import java.util.Set;

/**
 * A step in an anomaly's life, as the lifecycle emits it.
 *
 * @param state OPEN when it starts, UPDATE when it gets worse or another detector joins, CLOSE when
 *     the series has been back to normal for a while
 * @param start when the anomaly opened, epoch ms
 * @param time the value that caused this step, epoch ms (for CLOSE: the last anomalous value's
 *     successor that closed it)
 * @param score the ensemble score of that value (for CLOSE: the peak score of the anomaly)
 * @param detectors every detector that has fired during the anomaly so far
 * @param expected what the baseline expected at that time
 * @param observed the value at that time
 */
public record AnomalyEvent(
    State state,
    long start,
    long time,
    double score,
    Set<DetectorKind> detectors,
    double expected,
    double observed) {

  /** The steps of an anomaly's life. */
  public enum State {
    OPEN,
    UPDATE,
    CLOSE
  }
}
