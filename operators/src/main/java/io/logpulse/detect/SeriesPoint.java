package io.logpulse.detect;

import io.logpulse.schema.MetricWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One value of one detection series: (account, service, operation, metric) at a window start. The
 * detection operator is keyed by {@link #seriesKey()}.
 *
 * @param operation null for the whole-service series
 * @param weight events behind the value (requests behind an error rate or a p99)
 */
public record SeriesPoint(
    String account,
    String service,
    String operation,
    MetricKind metric,
    long windowStart,
    double value,
    double weight) {

  /** The key of the series: {@code account/service/operation/metric}. */
  public String seriesKey() {
    return account
        + "/"
        + service
        + "/"
        + (operation == null ? "" : operation)
        + "/"
        + metric.configName();
  }

  /**
   * The values of {@code metrics} in a window, at revision 0 only: a correction re-emits a window
   * with a higher revision, and feeding it again would count the window twice in every detector's
   * memory, so corrections (a small share of windows, bounded by the allowed lateness) are not
   * scored. Metrics without a value in the window (an error rate or p99 without requests) are left
   * out rather than fed as zero, and so is a p99 from fewer than {@code minLatencySamples}
   * latencies: with few samples it is just the largest one, noise that would page someone.
   */
  public static List<SeriesPoint> of(
      MetricWindow window, Set<MetricKind> metrics, long minLatencySamples) {
    List<SeriesPoint> points = new ArrayList<>(metrics.size());
    if (window.getRevision() != 0) {
      return points;
    }
    long start = window.getWindowStart().toEpochMilli();
    for (MetricKind metric : metrics) {
      Double value =
          switch (metric) {
            case ERROR_RATE -> window.getErrorRate();
            case LATENCY_P99 ->
                window.getLatencyCount() >= minLatencySamples ? window.getLatencyP99Ms() : null;
            case REQUEST_RATE -> (double) window.getRequestCount();
            case ERROR_LOG_COUNT -> (double) window.getErrorLogCount();
            case GENERIC -> null;
          };
      if (value == null) {
        continue;
      }
      double weight =
          switch (metric) {
            case ERROR_RATE -> window.getRequestCount();
            case LATENCY_P99 -> window.getLatencyCount();
            default -> 1;
          };
      points.add(
          new SeriesPoint(
              window.getAccount(),
              window.getService(),
              window.getOperation(),
              metric,
              start,
              value,
              weight));
    }
    return points;
  }
}
