package io.logpulse.config;

import io.logpulse.kinesis.KinesisSourceSettings;
import io.logpulse.kinesis.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Configuration keys of the Kinesis source ({@code source.type=kinesis}). */
public final class KinesisOptions {

  /** Where shards found at the first start are read from. */
  public enum Start {
    LATEST,
    TRIM_HORIZON,
    AT_TIMESTAMP
  }

  public static final ConfigKey<List<String>> STREAMS =
      ConfigKey.of(
          "source.kinesis.streams",
          "Streams to read, by name or ARN, comma-separated; required when source.type=kinesis.",
          null,
          ValueParser.of(
              text -> {
                List<String> streams =
                    Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
                if (streams.isEmpty()) {
                  throw new IllegalArgumentException("no stream named");
                }
                return streams;
              },
              "stream names or ARNs, comma-separated"));

  public static final ConfigKey<String> REGION =
      ConfigKey.of(
          "source.kinesis.region", "AWS region of the streams.", "us-east-1", ValueParser.text());

  public static final ConfigKey<String> ENDPOINT =
      ConfigKey.of(
          "source.kinesis.endpoint",
          "Endpoint override, e.g. http://127.0.0.1:4568 for a local Kinesis server.",
          null,
          ValueParser.text());

  public static final ConfigKey<Boolean> CBOR =
      ConfigKey.of(
          "source.kinesis.cbor",
          "Whether the Kinesis client speaks CBOR; moto needs false. JVM-wide setting of the AWS"
              + " SDK.",
          "true",
          ValueParser.bool());

  public static final ConfigKey<KinesisSourceSettings.ReaderType> READER =
      ConfigKey.of(
          "source.kinesis.reader",
          "polling: GetRecords, sharing each shard's 2 MB/s and 5 calls/s; efo: enhanced fan-out"
              + " (SubscribeToShard), a dedicated 2 MB/s per shard.",
          "polling",
          ValueParser.oneOf(KinesisSourceSettings.ReaderType.class));

  public static final ConfigKey<Start> START_POSITION =
      ConfigKey.of(
          "source.kinesis.start-position",
          "Where a first start reads from; a restore always resumes after the last checkpointed"
              + " record.",
          "latest",
          ValueParser.oneOf(Start.class));

  public static final ConfigKey<Instant> START_TIMESTAMP =
      ConfigKey.of(
          "source.kinesis.start-timestamp",
          "ISO-8601 instant to start from when start-position=at-timestamp.",
          null,
          ValueParser.instant());

  public static final ConfigKey<Boolean> BOUNDED =
      ConfigKey.of(
          "source.kinesis.bounded",
          "Read every shard up to the stream's tip as of job start, then finish (replays,"
              + " backfills, tests).",
          "false",
          ValueParser.bool());

  public static final ConfigKey<String> ROLE_ARN =
      ConfigKey.of(
          "source.kinesis.role-arn",
          "Role to assume (through the default credential chain) to read another account's"
              + " stream.",
          null,
          ValueParser.text());

  public static final ConfigKey<String> CONSUMER_NAME =
      ConfigKey.of(
          "source.kinesis.efo.consumer-name",
          "Enhanced fan-out consumer the job registers when missing and leaves registered.",
          "logpulse",
          ValueParser.text());

  public static final ConfigKey<String> CONSUMER_ARN =
      ConfigKey.of(
          "source.kinesis.efo.consumer-arn",
          "An existing enhanced fan-out consumer to use instead (one stream only).",
          null,
          ValueParser.text());

  public static final ConfigKey<Duration> DISCOVERY_INTERVAL =
      ConfigKey.of(
          "source.kinesis.discovery-interval",
          "How often new shards (after resharding) are looked for.",
          "10s",
          ValueParser.duration());

  public static final ConfigKey<Integer> MAX_RECORDS =
      ConfigKey.of(
          "source.kinesis.polling.max-records",
          "Largest GetRecords batch; the batch size adapts below it.",
          "10000",
          ValueParser.intBetween(1, 10_000));

  public static final ConfigKey<Duration> POLL_INTERVAL =
      ConfigKey.of(
          "source.kinesis.polling.interval",
          "Least time between GetRecords calls on one shard (Kinesis allows 5 per second per"
              + " shard across all polling consumers).",
          "200ms",
          ValueParser.duration());

  public static final ConfigKey<Duration> IDLE_POLL_INTERVAL =
      ConfigKey.of(
          "source.kinesis.polling.idle-interval",
          "Time between GetRecords calls on a shard that returned nothing.",
          "1s",
          ValueParser.duration());

  public static final ConfigKey<Duration> REQUEST_TIMEOUT =
      ConfigKey.of(
          "source.kinesis.request-timeout",
          "How long one Kinesis call (GetRecords, ListShards...) may take before it is abandoned;"
              + " a timed-out GetRecords is retried with half the batch.",
          "10s",
          ValueParser.duration());

  /** Every key of this class. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          STREAMS,
          REGION,
          ENDPOINT,
          CBOR,
          READER,
          START_POSITION,
          START_TIMESTAMP,
          BOUNDED,
          ROLE_ARN,
          CONSUMER_NAME,
          CONSUMER_ARN,
          DISCOVERY_INTERVAL,
          MAX_RECORDS,
          POLL_INTERVAL,
          IDLE_POLL_INTERVAL,
          REQUEST_TIMEOUT);

  private KinesisOptions() {}

  private static Duration requestTimeout(LogpulseConfig config) {
    Duration timeout = config.get(REQUEST_TIMEOUT);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new ConfigException(REQUEST_TIMEOUT.name() + " must be positive, was " + timeout);
    }
    return timeout;
  }

  /** The source settings a configuration describes. */
  public static KinesisSourceSettings settings(LogpulseConfig config) {
    List<String> streams =
        config
            .find(STREAMS)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "source.kinesis.streams is required when source.type=kinesis"));
    StartPosition start =
        switch (config.get(START_POSITION)) {
          case LATEST -> StartPosition.latest();
          case TRIM_HORIZON -> StartPosition.trimHorizon();
          case AT_TIMESTAMP ->
              StartPosition.atTimestamp(
                  config
                      .find(START_TIMESTAMP)
                      .orElseThrow(
                          () ->
                              new ConfigException(
                                  "source.kinesis.start-timestamp is required when"
                                      + " source.kinesis.start-position=at-timestamp")));
        };
    String consumerArn = config.find(CONSUMER_ARN).orElse(null);
    if (consumerArn != null && streams.size() > 1) {
      throw new ConfigException(
          "source.kinesis.efo.consumer-arn names the consumer of one stream, but"
              + " source.kinesis.streams has "
              + streams.size());
    }
    return new KinesisSourceSettings(
        streams,
        config.get(REGION),
        config.find(ENDPOINT).orElse(null),
        config.get(CBOR),
        config.get(READER),
        start,
        config.get(BOUNDED),
        config.find(ROLE_ARN).orElse(null),
        config.get(CONSUMER_NAME),
        consumerArn,
        config.get(DISCOVERY_INTERVAL),
        config.get(MAX_RECORDS),
        config.get(POLL_INTERVAL),
        config.get(IDLE_POLL_INTERVAL),
        requestTimeout(config));
  }
}
