package io.logpulse.config;

import io.logpulse.impact.ImpactSettings;
import java.time.Duration;
import java.util.List;

/**
 * Configuration keys of the impact judge: when a service's windows show user impact that is
 * credible, material and sustained, which is what opens an incident (see {@link
 * io.logpulse.impact.ImpactJudge}).
 */
public final class ImpactOptions {

  public static final ConfigKey<Double> SIGNIFICANCE =
      ConfigKey.of(
          "impact.significance",
          "How improbable a window's failed, slow or missing requests must be under the service's"
              + " own baseline (a binomial or Poisson tail) to count as evidence.",
          "0.001",
          ValueParser.doubleBetween(1e-12, 0.5));

  public static final ConfigKey<Long> MIN_FAILED =
      ConfigKey.of(
          "impact.errors.min-failed",
          "Failed requests (or error log events, for a service that logs no requests) a window"
              + " needs for error impact.",
          "5",
          ValueParser.longBetween(1, 1_000_000));

  public static final ConfigKey<Double> MIN_ERROR_INCREASE =
      ConfigKey.of(
          "impact.errors.min-increase",
          "How far (0-1, absolute) a window's error rate must exceed the baseline's for error"
              + " impact: 0.05 is five percentage points.",
          "0.05",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Double> MIN_ERROR_RATIO =
      ConfigKey.of(
          "impact.errors.min-ratio",
          "How many times the baseline's error rate a window's must be for error impact.",
          "3",
          ValueParser.doubleBetween(1, 1_000));

  public static final ConfigKey<Double> EXTREME_ERROR_RATE =
      ConfigKey.of(
          "impact.errors.extreme-rate",
          "Error rate at which a single credible window (with four times"
              + " impact.errors.min-failed failures) opens an incident without waiting for"
              + " impact.sustain.",
          "0.5",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Double> MIN_LATENCY_RATIO =
      ConfigKey.of(
          "impact.latency.min-ratio",
          "How many times its baseline p99 a window's p99 must be for latency impact (with enough"
              + " slow requests behind it to be credible).",
          "2",
          ValueParser.doubleBetween(1, 1_000));

  public static final ConfigKey<Duration> MIN_LATENCY_INCREASE =
      ConfigKey.of(
          "impact.latency.min-increase",
          "How far over its baseline p99 a window's p99 must also be for latency impact.",
          "100ms",
          ValueParser.duration());

  public static final ConfigKey<Long> MIN_SLOW =
      ConfigKey.of(
          "impact.latency.min-slow",
          "Requests slower than the baseline p99 a window needs for latency impact: in a quiet"
              + " service two slow requests of two are no evidence of a slowdown.",
          "5",
          ValueParser.longBetween(1, 1_000_000));

  public static final ConfigKey<Double> MIN_SLOW_SHARE =
      ConfigKey.of(
          "impact.latency.min-slow-share",
          "Share (0-1) of a window's requests that must be slower than the baseline p99 for latency"
              + " impact: a regression slows many requests, a one-minute blip a few very much.",
          "0.1",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Double> MIN_EXPECTED_REQUESTS =
      ConfigKey.of(
          "impact.traffic.min-expected",
          "Requests per window the baseline must expect before lost traffic is judged.",
          "30",
          ValueParser.doubleBetween(1, 1e9));

  public static final ConfigKey<Double> MAX_TRAFFIC_SHARE =
      ConfigKey.of(
          "impact.traffic.max-share",
          "Share (0-1) of the expected requests at or below which a window has lost traffic; a"
              + " surge is never impact.",
          "0.25",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Duration> SUSTAIN =
      ConfigKey.of(
          "impact.sustain",
          "How long impact must last (the latest window and three quarters of the windows in it"
              + " impacted) before it opens an incident, unless extreme.",
          "4m",
          ValueParser.duration());

  public static final ConfigKey<Duration> CLOSE_AFTER =
      ConfigKey.of(
          "impact.close-after",
          "How long without impact before an incident's impact ends and the incident closes.",
          "5m",
          ValueParser.duration());

  public static final ConfigKey<Duration> ESCALATE_AFTER =
      ConfigKey.of(
          "impact.escalate-after",
          "How long impact must last to make its incident one severity level worse.",
          "30m",
          ValueParser.duration());

  public static final ConfigKey<Duration> WARMUP =
      ConfigKey.of(
          "impact.warmup",
          "How long a service's windows only teach its baseline before impact is judged.",
          "30m",
          ValueParser.duration());

  public static final ConfigKey<Duration> BASELINE_HALF_LIFE =
      ConfigKey.of(
          "impact.baseline-half-life",
          "How fast a service's baseline forgets: a window's weight in it halves over this.",
          "30m",
          ValueParser.duration());

  public static final ConfigKey<Duration> STATE_TTL =
      ConfigKey.of(
          "impact.state-ttl",
          "How long a service that logs nothing keeps its baseline before it is forgotten (it"
              + " warms up again when it comes back); at least impact.close-after.",
          "6h",
          ValueParser.duration());

  public static final List<ConfigKey<?>> ALL =
      List.of(
          SIGNIFICANCE,
          MIN_FAILED,
          MIN_ERROR_INCREASE,
          MIN_ERROR_RATIO,
          EXTREME_ERROR_RATE,
          MIN_LATENCY_RATIO,
          MIN_LATENCY_INCREASE,
          MIN_SLOW,
          MIN_SLOW_SHARE,
          MIN_EXPECTED_REQUESTS,
          MAX_TRAFFIC_SHARE,
          SUSTAIN,
          CLOSE_AFTER,
          ESCALATE_AFTER,
          WARMUP,
          BASELINE_HALF_LIFE,
          STATE_TTL);

  private ImpactOptions() {}

  /** The impact settings the configuration describes. */
  public static ImpactSettings settings(LogpulseConfig config) {
    try {
      return new ImpactSettings(
          config.get(SIGNIFICANCE),
          config.get(MIN_FAILED),
          config.get(MIN_ERROR_INCREASE),
          config.get(MIN_ERROR_RATIO),
          config.get(MIN_LATENCY_RATIO),
          config.get(MIN_LATENCY_INCREASE),
          config.get(MIN_SLOW),
          config.get(MIN_SLOW_SHARE),
          config.get(MIN_EXPECTED_REQUESTS),
          config.get(MAX_TRAFFIC_SHARE),
          config.get(EXTREME_ERROR_RATE),
          config.get(SUSTAIN),
          config.get(CLOSE_AFTER),
          config.get(ESCALATE_AFTER),
          config.get(WARMUP),
          config.get(BASELINE_HALF_LIFE),
          config.get(STATE_TTL));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          STATE_TTL.name() + " must not be shorter than " + CLOSE_AFTER.name());
    }
  }
}
