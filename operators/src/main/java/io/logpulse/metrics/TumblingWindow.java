package io.logpulse.metrics;

/** Event-time tumbling window arithmetic shared by the pre-aggregator and the window operator. */
public final class TumblingWindow {

  private TumblingWindow() {}

  /** Start of the window of {@code sizeMs} that holds {@code timestamp} (epoch-aligned). */
  public static long start(long timestamp, long sizeMs) {
    return timestamp - Math.floorMod(timestamp, sizeMs);
  }

  /** The last millisecond that belongs to the window starting at {@code start}. */
  public static long maxTimestamp(long start, long sizeMs) {
    return start + sizeMs - 1;
  }
}
