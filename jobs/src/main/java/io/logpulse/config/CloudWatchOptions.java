package io.logpulse.config;

import io.logpulse.cloudwatch.CloudWatchSettings;
import io.logpulse.cloudwatch.Delivery;
import io.logpulse.cloudwatch.DimensionPolicy;
import io.logpulse.cloudwatch.PutMetricDataBatcher;
import io.logpulse.parquet.ParquetTables;
import java.time.Duration;
import java.util.List;

/** Configuration keys of publishing metrics to CloudWatch. */
public final class CloudWatchOptions {

  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.of(
          "cloudwatch.enabled",
          "Whether metric windows are published to CloudWatch custom metrics.",
          "false",
          ValueParser.bool());

  public static final ConfigKey<String> ENDPOINT =
      ConfigKey.of(
          "cloudwatch.endpoint",
          "Endpoint override such as http://127.0.0.1:5000 for a local server; unset: the"
              + " region's CloudWatch.",
          null,
          ValueParser.httpUrl());

  public static final ConfigKey<String> REGION =
      ConfigKey.of(
          "cloudwatch.region",
          "AWS region of CloudWatch; unset: the SDK's default region chain (us-east-1 with an"
              + " endpoint override).",
          null,
          ValueParser.text());

  public static final ConfigKey<String> NAMESPACE =
      ConfigKey.of(
          "cloudwatch.namespace",
          "Namespace of the custom metrics.",
          "logpulse",
          ValueParser.of(
              text -> {
                if (text.isEmpty() || text.length() > 255 || text.startsWith("AWS/")) {
                  throw new IllegalArgumentException("1 to 255 characters, not starting AWS/");
                }
                return text;
              },
              "1 to 255 characters, not starting with AWS/"));

  public static final ConfigKey<DimensionPolicy> DIMENSIONS =
      ConfigKey.of(
          "cloudwatch.dimensions",
          "Dimension sets each metric is published under (each one is billed as a separate"
              + " metric per value combination): sets separated by ';', each a comma-separated"
              + " list of Account, Service, Operation. Sets with Operation publish the"
              + " per-operation series.",
          DimensionPolicy.DEFAULT,
          ValueParser.of(
              DimensionPolicy::parse,
              "dimension sets such as 'Account,Service;Service;Account,Service,Operation'"));

  public static final ConfigKey<Delivery> DELIVERY =
      ConfigKey.of(
          "cloudwatch.delivery",
          "on-checkpoint: publish after the checkpoint holding the datums completes, so restarts"
              + " do not double count; immediate: publish at once, lowest latency, at least once.",
          "on-checkpoint",
          ValueParser.oneOf(Delivery.class));

  public static final ConfigKey<Integer> MAX_DATUMS_PER_REQUEST =
      ConfigKey.of(
          "cloudwatch.max-datums-per-request",
          "Datums per PutMetricData request (CloudWatch allows 1000 and 1 MB).",
          "1000",
          ValueParser.intBetween(1, PutMetricDataBatcher.MAX_DATUMS));

  public static final ConfigKey<Integer> MAX_IN_FLIGHT =
      ConfigKey.of(
          "cloudwatch.max-in-flight",
          "PutMetricData requests each sink subtask has in flight at once; beyond it the sink"
              + " backpressures.",
          "4",
          ValueParser.intBetween(1, 64));

  public static final ConfigKey<Integer> MAX_ATTEMPTS =
      ConfigKey.of(
          "cloudwatch.max-attempts",
          "Attempts of a throttled or failing request before it is handed back to Flink to be"
              + " retried later.",
          "8",
          ValueParser.intBetween(1, 100));

  public static final ConfigKey<Duration> RETRY_BACKOFF =
      ConfigKey.of(
          "cloudwatch.retry-backoff",
          "First retry delay; it doubles per attempt up to cloudwatch.retry-backoff-max, with full"
              + " jitter.",
          "100ms",
          ValueParser.duration());

  public static final ConfigKey<Duration> RETRY_BACKOFF_MAX =
      ConfigKey.of(
          "cloudwatch.retry-backoff-max", "Longest retry delay.", "20s", ValueParser.duration());

  public static final ConfigKey<Duration> REQUEST_TIMEOUT =
      ConfigKey.of(
          "cloudwatch.request-timeout",
          "How long one PutMetricData attempt waits for its answer before it is abandoned and"
              + " retried. CloudWatch may have accepted an abandoned attempt, whose retry then counts"
              + " twice, so keep it far above the endpoint's slowest answers (local servers under"
              + " load take tens of seconds for 1,000 datums).",
          "2m",
          ValueParser.duration());

  public static final ConfigKey<String> PUBLISHED_MARKERS_PATH =
      ConfigKey.of(
          "cloudwatch.published-markers.path",
          "Folder (any Flink filesystem) where on-checkpoint delivery marks published requests so"
              + " a re-committed checkpoint is not published twice; unset:"
              + " <output.path>/_cloudwatch_published.",
          null,
          ValueParser.text());

  /** Every key of this class. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          ENABLED,
          ENDPOINT,
          REGION,
          NAMESPACE,
          DIMENSIONS,
          DELIVERY,
          MAX_DATUMS_PER_REQUEST,
          MAX_IN_FLIGHT,
          MAX_ATTEMPTS,
          RETRY_BACKOFF,
          RETRY_BACKOFF_MAX,
          REQUEST_TIMEOUT,
          PUBLISHED_MARKERS_PATH);

  private CloudWatchOptions() {}

  /** The sink settings, with markers under {@code outputPath} unless configured elsewhere. */
  public static CloudWatchSettings settings(LogpulseConfig config, String outputPath) {
    if (config.get(RETRY_BACKOFF).isZero()
        || config.get(RETRY_BACKOFF).compareTo(config.get(RETRY_BACKOFF_MAX)) > 0) {
      throw new ConfigException(
          "cloudwatch.retry-backoff must be positive and at most cloudwatch.retry-backoff-max");
    }
    return new CloudWatchSettings(
        config.find(ENDPOINT).orElse(null),
        config.find(REGION).orElse(null),
        config.get(NAMESPACE),
        config.get(DIMENSIONS),
        config.get(DELIVERY),
        config.get(MAX_DATUMS_PER_REQUEST),
        config.get(MAX_IN_FLIGHT),
        config.get(MAX_ATTEMPTS),
        config.get(RETRY_BACKOFF),
        config.get(RETRY_BACKOFF_MAX),
        config.get(REQUEST_TIMEOUT),
        config
            .find(PUBLISHED_MARKERS_PATH)
            .orElse(ParquetTables.tablePath(outputPath, "_cloudwatch_published")));
  }
}
