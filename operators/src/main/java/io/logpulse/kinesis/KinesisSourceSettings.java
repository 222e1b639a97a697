package io.logpulse.kinesis;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the Kinesis source connects and reads.
 *
 * @param streams stream names or ARNs
 * @param region AWS region of the streams
 * @param endpoint endpoint override (a local server), or null for AWS
 * @param cbor whether the client speaks CBOR (local servers such as moto need it off)
 * @param reader polling (GetRecords) or enhanced fan-out (SubscribeToShard)
 * @param start where shards found at the first start are read from
 * @param bounded read every shard up to the stream's tip as of job start, then finish
 * @param roleArn role to assume for reading another account's stream, or null
 * @param consumerName enhanced fan-out consumer the job registers when missing (when {@code
 *     consumerArn} is null); it is left registered when the job ends, for the next run
 * @param consumerArn an existing enhanced fan-out consumer to use, or null
 * @param discoveryInterval how often new shards are looked for
 * @param maxRecordsPerCall upper bound of GetRecords' batch size (it adapts below it)
 * @param pollInterval least time between GetRecords calls on one shard (5 calls/s per shard are
 *     shared by all polling consumers)
 * @param idlePollInterval time between GetRecords calls on a shard that returned nothing
 * @param requestTimeout how long one attempt of a Kinesis call (GetRecords, ListShards...) may take
 *     before it is abandoned; a timed-out GetRecords is retried with a smaller batch
 */
public record KinesisSourceSettings(
    List<String> streams,
    String region,
    String endpoint,
    boolean cbor,
    ReaderType reader,
    StartPosition start,
    boolean bounded,
    String roleArn,
    String consumerName,
    String consumerArn,
    Duration discoveryInterval,
    int maxRecordsPerCall,
    Duration pollInterval,
    Duration idlePollInterval,
    Duration requestTimeout)
    implements Serializable {

  /** How shards are read. */
  public enum ReaderType {
    /** GetRecords, sharing the shard's 2 MB/s and 5 calls/s with other polling consumers. */
    POLLING,
    /** SubscribeToShard over HTTP/2: a dedicated 2 MB/s per shard for this consumer. */
    EFO
  }

  public KinesisSourceSettings {
    streams = List.copyOf(streams);
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("at least one stream is required");
    }
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(start, "start");
    if (maxRecordsPerCall < 1 || maxRecordsPerCall > 10_000) {
      throw new IllegalArgumentException(
          "GetRecords takes 1 to 10000 records per call, was " + maxRecordsPerCall);
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "the request timeout must be positive, was " + requestTimeout);
    }
  }

  /** Settings for a stream with the defaults of a deployed job. */
  public static KinesisSourceSettings forStreams(List<String> streams, String region) {
    return new KinesisSourceSettings(
        streams,
        region,
        null,
        true,
        ReaderType.POLLING,
        StartPosition.latest(),
        false,
        null,
        "logpulse",
        null,
        Duration.ofSeconds(10),
        10_000,
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10));
  }
}
