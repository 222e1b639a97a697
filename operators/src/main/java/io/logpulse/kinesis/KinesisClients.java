package io.logpulse.kinesis;

import io.logpulse.aws.AwsClientSettings;
import io.logpulse.aws.AwsClients;
import io.logpulse.aws.RetryPolicy;
import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Builds the Kinesis clients of the source through {@link AwsClients} from its settings: region,
 * endpoint override, credentials (the default chain, or a role assumed through it for another
 * account's stream), the CBOR switch, and the request timeout, after which both the SDK and the
 * HTTP client's socket give up an attempt.
 */
public final class KinesisClients {

  /**
   * How the shard readers back a shard off after a failed call: they retry until an error is fatal,
   * so the attempts are unbounded.
   */
  static final RetryPolicy READER_RETRIES =
      new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(200), Duration.ofSeconds(10));

  private KinesisClients() {}

  /** A synchronous client for shard discovery and consumer registration, with SDK retries. */
  public static KinesisClient sync(KinesisSourceSettings settings) {
    return AwsClients.sync(
            KinesisClient.builder(), client(settings, settings.requestTimeout(), null))
        .build();
  }

  /**
   * A synchronous client for {@link PollingShardReader}, without SDK retries: the reader retries
   * itself ({@link #READER_RETRIES}), per shard, so that a timed-out GetRecords is asked again with
   * a smaller batch rather than repeated as it was, and every failed call is counted.
   */
  static KinesisClient polling(KinesisSourceSettings settings) {
    return AwsClients.sync(
            KinesisClient.builder(), client(settings, settings.requestTimeout(), RetryPolicy.NONE))
        .build();
  }

  /**
   * An HTTP/2 client for enhanced fan-out, with SDK retries and no attempt timeout: a
   * SubscribeToShard call streams for minutes.
   */
  public static KinesisAsyncClient async(KinesisSourceSettings settings) {
    return AwsClients.http2(KinesisAsyncClient.builder(), client(settings, null, null)).build();
  }

  private static AwsClientSettings client(
      KinesisSourceSettings settings, Duration requestTimeout, RetryPolicy sdkRetries) {
    return new AwsClientSettings(
        settings.region(),
        settings.endpoint(),
        settings.roleArn(),
        requestTimeout,
        sdkRetries,
        settings.cbor());
  }
}
