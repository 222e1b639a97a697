package io.logpulse.impact;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a service's windows show user impact, and when that impact is an incident. The defaults are
 * those of {@code impact.*} in the job's configuration, where each is described.
 *
 * @param significance tail probability under the baseline below which a window's count is evidence
 *     (credible)
 * @param minFailed failed requests a window needs for error impact (material)
 * @param minErrorIncrease how far (absolute, 0-1) a window's error rate must exceed the baseline's
 * @param minErrorRatio how many times the baseline's error rate a window's must be
 * @param minLatencyRatio how many times its baseline p99 a window's p99 must be
 * @param minLatencyIncrease how far over its baseline p99 a window's p99 must be
 * @param minSlow requests slower than the baseline p99 a window needs for latency impact
 * @param minSlowShare share of a window's requests that must be slower than the baseline p99 for
 *     latency impact: a regression slows many requests, a blip a few very much
 * @param minExpectedRequests requests per window the baseline must expect before lost traffic is
 *     judged
 * @param maxTrafficShare share of the expected requests at or below which a window has lost traffic
 * @param extremeErrorRate error rate at which one credible window is enough (with four times the
 *     failed requests {@code minFailed} asks)
 * @param sustain how long impact must last (three quarters of its windows impacted) before it is an
 *     incident, unless extreme
 * @param closeAfter how long without impact before an incident's impact ends
 * @param escalateAfter how long impact must last to count one severity level worse
 * @param warmup how long a service's windows only teach its baseline
 * @param baselineHalfLife how fast the baseline forgets: the weight of a window halves over it
 * @param stateTtl how long a service that logs nothing keeps its baseline; then it is forgotten (an
 *     impact still open ends) and the service starts a new warm-up when it comes back
 */
public record ImpactSettings(
    double significance,
    long minFailed,
    double minErrorIncrease,
    double minErrorRatio,
    double minLatencyRatio,
    Duration minLatencyIncrease,
    long minSlow,
    double minSlowShare,
    double minExpectedRequests,
    double maxTrafficShare,
    double extremeErrorRate,
    Duration sustain,
    Duration closeAfter,
    Duration escalateAfter,
    Duration warmup,
    Duration baselineHalfLife,
    Duration stateTtl)
    implements Serializable {

  /**
   * Error rate the baseline never goes below: a service that never failed still fails now and then,
   * and a zero baseline would make any error look impossible.
   */
  public static final double MIN_BASELINE_ERROR_RATE = 0.001;

  /**
   * Share of requests above the baseline p99 a normal window has: by definition at most 1%, so a
   * window's slow requests are tested against it.
   */
  static final double NORMAL_SLOW_SHARE = 0.01;

  public ImpactSettings {
    if (!(significance > 0 && significance < 1)) {
      throw new IllegalArgumentException("significance must be in (0,1)");
    }
    if (sustain.isNegative() || closeAfter.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (baselineHalfLife.isZero() || baselineHalfLife.isNegative()) {
      throw new IllegalArgumentException("baselineHalfLife must be positive");
    }
    if (stateTtl.compareTo(closeAfter) < 0) {
      throw new IllegalArgumentException("stateTtl must not be shorter than closeAfter");
    }
  }

  /** Windows of {@code windowMs} that {@code duration} spans, at least one. */
  static int windows(Duration duration, long windowMs) {
    return (int) Math.max(1, (duration.toMillis() + windowMs - 1) / windowMs);
  }
}
