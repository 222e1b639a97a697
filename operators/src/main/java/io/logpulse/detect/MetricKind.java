package io.logpulse.detect;

import java.util.Locale;

/**
 * What a series measures, which decides which direction of change is a problem and which tests
 * apply: error rates, latencies and error-log counts only page when they rise; a request rate pages
 * when it rises or falls; counts get a Poisson test so that sparse series do not alarm on 0 to 1.
 */
public enum MetricKind {
  /** Failed requests per request; the SLO burn rate applies. */
  ERROR_RATE(true, false),
  /** p99 latency of a window, in ms. */
  LATENCY_P99(true, false),
  /** Requests per window; a drop matters as much as a surge. */
  REQUEST_RATE(false, true),
  /** Log events classified as errors per window. */
  ERROR_LOG_COUNT(true, true),
  /** Anything else, e.g. a CSV series: both directions, counts detected from the values. */
  GENERIC(false, false);

  private final boolean upOnly;
  private final boolean counts;

  MetricKind(boolean upOnly, boolean counts) {
    this.upOnly = upOnly;
    this.counts = counts;
  }

  /** Whether only a rise is anomalous. */
  public boolean upOnly() {
    return upOnly;
  }

  /** Whether values are event counts per window (Poisson-tested). */
  public boolean counts() {
    return counts;
  }

  /** The configuration spelling, e.g. {@code error-rate}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
