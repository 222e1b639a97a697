package io.logpulse.impact;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.logpulse.metrics.LatencySketches;
import io.logpulse.schema.MetricWindow;

/**
 * The counts of one whole-service window the impact judge reads, and how many of its requests were
 * slower than a threshold (from the window's latency sketch).
 *
 * @param start window start, epoch ms
 * @param requests requests in the window
 * @param failed failed requests
 * @param logs log events
 * @param errorLogs error log events
 * @param latencyCount requests with a latency
 * @param p99 p99 latency in ms, NaN without latencies
 * @param sketch the latencies, null without them
 */
record ServiceWindow(
    long start,
    long requests,
    long failed,
    long logs,
    long errorLogs,
    long latencyCount,
    double p99,
    DDSketch sketch) {

  private static final int BISECTIONS = 16;

  static ServiceWindow of(MetricWindow window) {
    DDSketch sketch =
        window.getLatencySketch() == null || window.getLatencyCount() == 0
            ? null
            : LatencySketches.decode(window.getLatencySketch());
    return new ServiceWindow(
        window.getWindowStart().toEpochMilli(),
        window.getRequestCount(),
        window.getErrorCount(),
        window.getLogCount(),
        window.getErrorLogCount(),
        window.getLatencyCount(),
        window.getLatencyP99Ms() == null ? Double.NaN : window.getLatencyP99Ms(),
        sketch);
  }

  /** A window in which the service logged nothing at all. */
  static ServiceWindow silent(long start) {
    return new ServiceWindow(start, 0, 0, 0, 0, 0, Double.NaN, null);
  }

  /** Requests slower than {@code thresholdMs}, to the sketch's accuracy. */
  long slowerThan(double thresholdMs) {
    if (sketch == null || sketch.getMaxValue() <= thresholdMs) {
      return 0;
    }
    double low = 0;
    double high = 1;
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = (low + high) / 2;
      if (sketch.getValueAtQuantile(mid) > thresholdMs) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return Math.round((1 - high) * latencyCount);
  }
}
