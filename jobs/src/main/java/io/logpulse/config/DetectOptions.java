package io.logpulse.config;

import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.DetectorKind;
import io.logpulse.detect.MetricKind;
import io.logpulse.detect.PatternSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Configuration keys of anomaly detection. */
public final class DetectOptions {

  private static final Set<MetricKind> JOB_METRICS =
      EnumSet.of(
          MetricKind.ERROR_RATE,
          MetricKind.LATENCY_P99,
          MetricKind.REQUEST_RATE,
          MetricKind.ERROR_LOG_COUNT);

  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.of(
          "detect.enabled",
          "Whether anomalies are detected on the windowed metrics (and error log templates).",
          "true",
          ValueParser.bool());

  public static final ConfigKey<Set<MetricKind>> METRICS =
      ConfigKey.of(
          "detect.metrics",
          "Metrics whose series (per account, service and operation) are scored, comma-separated.",
          "error-rate,latency-p99,request-rate,error-log-count",
          metrics());

  public static final ConfigKey<Integer> LATENCY_MIN_SAMPLES =
      ConfigKey.of(
          "detect.latency.min-samples",
          "Latencies a window needs before its p99 is scored; below it the p99 is just the"
              + " slowest request, noise rather than signal.",
          "50",
          ValueParser.intBetween(1, 1_000_000));

  public static final ConfigKey<Set<MetricKind>> RCF_METRICS =
      ConfigKey.of(
          "detect.rcf.metrics",
          "Metrics whose service-level series also get a Random Cut Forest (the largest state by"
              + " far, about 100 KB per series); empty for none.",
          "error-rate,latency-p99",
          metrics());

  public static final ConfigKey<Set<DetectorKind>> DETECTORS =
      ConfigKey.of(
          "detect.detectors",
          "Detectors of the series ensemble, comma-separated (burn-rate runs on error rates only).",
          "seasonal,rcf,burn-rate,change-point",
          ValueParser.of(
              text -> {
                Set<DetectorKind> kinds = EnumSet.noneOf(DetectorKind.class);
                for (String name : names(text)) {
                  DetectorKind kind = DetectorKind.ofConfigName(name);
                  if (kind == DetectorKind.NEW_PATTERN) {
                    throw new IllegalArgumentException("new-pattern is not a series detector");
                  }
                  kinds.add(kind);
                }
                return kinds;
              },
              "a comma-separated list of seasonal, rcf, burn-rate, change-point"));

  public static final ConfigKey<Double> SLO_TARGET =
      ConfigKey.of(
          "detect.slo.target",
          "Availability target of the burn-rate detector: the error budget is 1 - target.",
          "0.999",
          ValueParser.doubleBetween(0.5, 0.99999));

  public static final ConfigKey<Integer> WARMUP =
      ConfigKey.of(
          "detect.warmup",
          "Values a series needs before it may raise an anomaly.",
          "60",
          ValueParser.intBetween(10, 100_000));

  public static final ConfigKey<Duration> STATE_TTL =
      ConfigKey.of(
          "detect.state-ttl",
          "How long a series without values keeps its detector state; then it is cleared (and an"
              + " open anomaly closed).",
          "6h",
          ValueParser.duration());

  public static final ConfigKey<Double> OPEN_THRESHOLD =
      ConfigKey.of(
          "detect.open-threshold",
          "Ensemble score at which an anomaly opens (0.5 is every detector's calibrated alarm"
              + " level).",
          "0.5",
          ValueParser.doubleBetween(0.01, 1));

  public static final ConfigKey<Double> CLOSE_THRESHOLD =
      ConfigKey.of(
          "detect.close-threshold",
          "Score below which an open anomaly counts towards closing; at most"
              + " detect.open-threshold.",
          "0.3",
          ValueParser.doubleBetween(0, 1));

  public static final ConfigKey<Integer> CLOSE_AFTER =
      ConfigKey.of(
          "detect.close-after",
          "Consecutive values below detect.close-threshold that close an anomaly.",
          "3",
          ValueParser.intBetween(1, 10_000));

  public static final ConfigKey<Double> FALSE_ALARMS_PER_DAY =
      ConfigKey.of(
          "detect.false-alarms-per-day",
          "What the ensemble's score 0.5 means: the rate of alarms (rising edges of the score"
              + " through 0.5) a series without anomalies raises per day, calibrated on the"
              + " series' own tail.",
          Double.toString(DetectSettings.defaults().falseAlarmsPerDay()),
          ValueParser.doubleBetween(0.001, 100));

  public static final ConfigKey<Duration> PATTERNS_WARMUP =
      ConfigKey.of(
          "detect.patterns.warmup",
          "Event time from a service's first error during which every error log template it logs"
              + " is learned as normal; later templates are new.",
          "1h",
          ValueParser.duration());

  public static final ConfigKey<Integer> PATTERNS_MIN_COUNT =
      ConfigKey.of(
          "detect.patterns.min-count",
          "Occurrences within detect.patterns.window of its first sighting that make a new error"
              + " template an anomaly.",
          "20",
          ValueParser.intBetween(1, 1_000_000));

  public static final ConfigKey<Duration> PATTERNS_WINDOW =
      ConfigKey.of(
          "detect.patterns.window",
          "How long a new error template has to reach detect.patterns.min-count, and how long its"
              + " anomaly's template must be quiet to close it.",
          "10m",
          ValueParser.duration());

  public static final ConfigKey<Integer> PATTERNS_MAX_TEMPLATES =
      ConfigKey.of(
          "detect.patterns.max-templates",
          "Error log templates kept per service; a new one evicts the least recently seen.",
          "200",
          ValueParser.intBetween(1, 100_000));

  /** Every key of this class. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          ENABLED,
          METRICS,
          LATENCY_MIN_SAMPLES,
          RCF_METRICS,
          DETECTORS,
          SLO_TARGET,
          WARMUP,
          STATE_TTL,
          OPEN_THRESHOLD,
          CLOSE_THRESHOLD,
          CLOSE_AFTER,
          FALSE_ALARMS_PER_DAY,
          PATTERNS_WARMUP,
          PATTERNS_MIN_COUNT,
          PATTERNS_WINDOW,
          PATTERNS_MAX_TEMPLATES);

  private DetectOptions() {}

  /**
   * The detection settings a configuration describes.
   *
   * @throws ConfigException when the close threshold is above the open threshold
   */
  public static DetectSettings settings(LogpulseConfig config) {
    DetectSettings defaults = DetectSettings.defaults();
    double open = config.get(OPEN_THRESHOLD);
    double close = config.get(CLOSE_THRESHOLD);
    if (close > open) {
      throw new ConfigException(
          "invalid value '"
              + close
              + "' for "
              + CLOSE_THRESHOLD.name()
              + ": above "
              + OPEN_THRESHOLD.name()
              + " ("
              + open
              + "); accepted: "
              + CLOSE_THRESHOLD.acceptedValues()
              + " up to the open threshold");
    }
    return new DetectSettings(
        config.get(DETECTORS),
        config.get(RCF_METRICS),
        config.get(WARMUP),
        config.get(SLO_TARGET),
        open,
        close,
        config.get(CLOSE_AFTER),
        config.get(STATE_TTL),
        defaults.rcfShingle(),
        defaults.rcfTrees(),
        defaults.rcfSampleSize(),
        config.get(FALSE_ALARMS_PER_DAY));
  }

  /** The new-error-pattern settings a configuration describes. */
  public static PatternSettings patternSettings(LogpulseConfig config) {
    return new PatternSettings(
        config.get(PATTERNS_WARMUP),
        config.get(PATTERNS_MIN_COUNT),
        config.get(PATTERNS_WINDOW),
        config.get(PATTERNS_MAX_TEMPLATES),
        config.get(STATE_TTL));
  }

  private static List<String> names(String text) {
    return text.isBlank() ? List.of() : List.of(text.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
  }

  private static ValueParser<Set<MetricKind>> metrics() {
    return ValueParser.of(
        text -> {
          Set<MetricKind> kinds = EnumSet.noneOf(MetricKind.class);
          for (String name : names(text)) {
            MetricKind kind =
                JOB_METRICS.stream()
                    .filter(k -> k.configName().equals(name))
                    .findFirst()
                    .orElseThrow(
                        () -> new IllegalArgumentException("unknown metric '" + name + "'"));
            kinds.add(kind);
          }
          return kinds;
        },
        "a comma-separated list of error-rate, latency-p99, request-rate, error-log-count");
  }
}
