package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns a series' stream of scores into anomalies with hysteresis, so one ongoing problem is one
 * anomaly rather than an alert per value: it opens at the open threshold, stays open while the
 * score is above the (lower) close threshold or a detector says the series has not come back
 * ({@link Detector#holdsOpen()}: the change point's residuals are still all on one side, so a jump
 * whose values the calibration has started to find familiar is still one anomaly until the series
 * returns or the baseline adopts the new level), and closes after that many consecutive values
 * below it otherwise. While open it emits an update only when the score rises by {@link
 * #UPDATE_STEP} over the last one emitted or another detector fires.
 */
public final class AnomalyLifecycle {

  /** Rise in score that is worth an update. */
  static final double UPDATE_STEP = 0.1;

  private boolean open;
  private long start;
  private double lastEmittedScore;
  private double peak;
  private int detectorMask;
  private int below;

  /**
   * Feeds one scored value.
   *
   * @param held whether the series is still away from its expected level (see {@link
   *     Detector#holdsOpen()})
   * @return the step it causes, or null
   */
  public AnomalyEvent update(
      DetectSettings settings,
      long time,
      double score,
      Set<DetectorKind> fired,
      boolean held,
      double expected,
      double observed) {
    int firedMask = mask(fired);
    if (!open) {
      if (score < settings.openThreshold()) {
        return null;
      }
      open = true;
      start = time;
      peak = score;
      lastEmittedScore = score;
      detectorMask = firedMask;
      below = 0;
      return event(AnomalyEvent.State.OPEN, time, score, expected, observed);
    }
    if (score < settings.closeThreshold() && !held) {
      below++;
      if (below >= settings.closeAfterPoints()) {
        open = false;
        return event(AnomalyEvent.State.CLOSE, time, peak, expected, observed);
      }
      return null;
    }
    below = 0;
    peak = Math.max(peak, score);
    if (score >= lastEmittedScore + UPDATE_STEP || (detectorMask | firedMask) != detectorMask) {
      detectorMask |= firedMask;
      lastEmittedScore = score;
      return event(AnomalyEvent.State.UPDATE, time, score, expected, observed);
    }
    return null;
  }

  /** Closes an open anomaly at {@code time} (the series went quiet), or returns null. */
  public AnomalyEvent close(long time) {
    if (!open) {
      return null;
    }
    open = false;
    return event(AnomalyEvent.State.CLOSE, time, peak, Double.NaN, Double.NaN);
  }

  private AnomalyEvent event(
      AnomalyEvent.State state, long time, double score, double expected, double observed) {
    return new AnomalyEvent(state, start, time, score, detectors(detectorMask), expected, observed);
  }

  private static int mask(Set<DetectorKind> kinds) {
    int mask = 0;
    for (DetectorKind kind : kinds) {
      mask |= 1 << kind.code();
    }
    return mask;
  }

  private static Set<DetectorKind> detectors(int mask) {
    Set<DetectorKind> kinds = EnumSet.noneOf(DetectorKind.class);
    for (DetectorKind kind : DetectorKind.values()) {
      if ((mask & (1 << kind.code())) != 0) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  void write(DataOutput out) throws IOException {
    out.writeBoolean(open);
    if (open) {
      out.writeLong(start);
      out.writeFloat((float) lastEmittedScore);
      out.writeFloat((float) peak);
      out.writeByte(detectorMask);
      out.writeShort(below);
    }
  }

  static AnomalyLifecycle read(DataInput in) throws IOException {
    AnomalyLifecycle lifecycle = new AnomalyLifecycle();
    lifecycle.open = in.readBoolean();
    if (lifecycle.open) {
      lifecycle.start = in.readLong();
      lifecycle.lastEmittedScore = in.readFloat();
      lifecycle.peak = in.readFloat();
      lifecycle.detectorMask = in.readByte();
      lifecycle.below = in.readShort();
    }
    return lifecycle;
  }
}
