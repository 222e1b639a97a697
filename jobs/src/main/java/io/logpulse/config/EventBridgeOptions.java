package io.logpulse.config;

import io.logpulse.eventbridge.EventBridgeSettings;
import io.logpulse.impact.Severity;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Configuration keys of publishing incidents to EventBridge. */
public final class EventBridgeOptions {

  /** An event bus name: what EventBridge accepts in a bus's name. */
  private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");

  /** An event bus ARN; group 1 is its region. */
  private static final Pattern BUS_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:events:([a-z0-9-]+):\\d{12}:event-bus/[/.\\-_A-Za-z0-9]{1,256}");

  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.of(
          "eventbridge.enabled",
          "Whether incidents are published to EventBridge (source logpulse, detail-type Incident,"
              + " at least once: consumers keep the highest revision per incident_id).",
          "false",
          ValueParser.bool());

  public static final ConfigKey<String> BUS =
      ConfigKey.of(
          "eventbridge.bus",
          "Event bus the incidents are put on: a bus name, or a bus ARN for a bus in another"
              + " account or region.",
          "default",
          ValueParser.of(
              text -> {
                if (!BUS_NAME.matcher(text).matches() && !BUS_ARN.matcher(text).matches()) {
                  throw new IllegalArgumentException("neither an event bus name nor its ARN");
                }
                return text;
              },
              "an event bus name (1 to 256 of A-Z a-z 0-9 . - _ /) or an event bus ARN"));

  public static final ConfigKey<String> REGION =
      ConfigKey.of(
          "eventbridge.region",
          "AWS region of the bus; unset: the region of a bus ARN, else the SDK's default region"
              + " chain (us-east-1 with an endpoint override).",
          null,
          ValueParser.awsRegion());

  public static final ConfigKey<String> ENDPOINT =
      ConfigKey.of(
          "eventbridge.endpoint",
          "Endpoint override such as http://127.0.0.1:5000 for a local server; unset: the"
              + " region's EventBridge.",
          null,
          ValueParser.httpUrl());

  public static final ConfigKey<Integer> MAX_IN_FLIGHT =
      ConfigKey.of(
          "eventbridge.max-in-flight",
          "PutEvents requests (of up to 10 incidents) each sink subtask has in flight at once;"
              + " beyond it the sink backpressures.",
          "4",
          ValueParser.intBetween(1, 64));

  public static final ConfigKey<Integer> MAX_ATTEMPTS =
      ConfigKey.of(
          "eventbridge.max-attempts",
          "Attempts of a throttled or failing PutEvents request, and of incidents EventBridge"
              + " failed within an accepted request, before they are handed back to Flink to be"
              + " sent again later.",
          "5",
          ValueParser.intBetween(1, 100));

  public static final ConfigKey<Duration> RETRY_BACKOFF =
      ConfigKey.of(
          "eventbridge.retry-backoff",
          "First retry delay; it doubles per attempt up to eventbridge.retry-backoff-max, with full"
              + " jitter.",
          "100ms",
          ValueParser.duration());

  public static final ConfigKey<Duration> RETRY_BACKOFF_MAX =
      ConfigKey.of(
          "eventbridge.retry-backoff-max", "Longest retry delay.", "20s", ValueParser.duration());

  public static final ConfigKey<Duration> REQUEST_TIMEOUT =
      ConfigKey.of(
          "eventbridge.request-timeout",
          "How long one PutEvents attempt waits for its answer before it is abandoned and retried;"
              + " EventBridge may have accepted an abandoned attempt, whose incidents are then"
              + " delivered twice.",
          "30s",
          ValueParser.duration());

  public static final ConfigKey<Severity> MIN_SEVERITY =
      ConfigKey.of(
          "eventbridge.min-severity",
          "Least severity of the incident steps published; the incidents table keeps every one.",
          "low",
          ValueParser.oneOf(Severity.class));

  /** Every key of this class. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          ENABLED,
          MIN_SEVERITY,
          BUS,
          REGION,
          ENDPOINT,
          MAX_IN_FLIGHT,
          MAX_ATTEMPTS,
          RETRY_BACKOFF,
          RETRY_BACKOFF_MAX,
          REQUEST_TIMEOUT);

  private EventBridgeOptions() {}

  /**
   * The sink settings. A bus ARN sets the region when {@code eventbridge.region} is unset, and must
   * agree with it when it is set.
   */
  public static EventBridgeSettings settings(LogpulseConfig config) {
    Duration backoff = config.get(RETRY_BACKOFF);
    if (backoff.isZero() || backoff.compareTo(config.get(RETRY_BACKOFF_MAX)) > 0) {
      throw new ConfigException(
          "eventbridge.retry-backoff must be positive and at most eventbridge.retry-backoff-max");
    }
    if (config.get(REQUEST_TIMEOUT).isZero()) {
      throw new ConfigException("eventbridge.request-timeout must be positive");
    }
    String bus = config.get(BUS);
    String region = config.find(REGION).orElse(null);
    Matcher arn = BUS_ARN.matcher(bus);
    if (arn.matches()) {
      if (region == null) {
        region = arn.group(1);
      } else if (!region.equals(arn.group(1))) {
        throw new ConfigException(
            "eventbridge.bus is a bus in "
                + arn.group(1)
                + " but eventbridge.region is "
                + region
                + "; set eventbridge.region to the bus's region or leave it unset");
      }
    }
    return new EventBridgeSettings(
        bus,
        region,
        config.find(ENDPOINT).orElse(null),
        config.get(MAX_IN_FLIGHT),
        config.get(MAX_ATTEMPTS),
        backoff,
        config.get(RETRY_BACKOFF_MAX),
        config.get(REQUEST_TIMEOUT));
  }
}
