package io.logpulse.kinesis;

import io.logpulse.common.AwsEndpoints;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the Kinesis clients of the source from its settings: region, endpoint override,
 * credentials (the default chain, or a role assumed through it for another account's stream), the
 * CBOR switch, and the request timeout, after which both the SDK and the HTTP client's socket give
 * up an attempt.
 */
public final class KinesisClients {

  private KinesisClients() {}

  /** A synchronous client for shard discovery and consumer registration, with SDK retries. */
  public static KinesisClient sync(KinesisSourceSettings settings) {
    return syncBuilder(settings).build();
  }

  /**
   * A synchronous client for {@link PollingShardReader}, without SDK retries: the reader retries
   * itself, per shard, so that a timed-out GetRecords is asked again with a smaller batch rather
   * than repeated as it was, and every failed call is counted.
   */
  static KinesisClient polling(KinesisSourceSettings settings) {
    return syncBuilder(settings)
        .overrideConfiguration(
            c ->
                c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallAttemptTimeout(settings.requestTimeout()))
        .build();
  }

  private static KinesisClientBuilder syncBuilder(KinesisSourceSettings settings) {
    applyCbor(settings);
    Duration timeout = settings.requestTimeout();
    KinesisClientBuilder builder =
        KinesisClient.builder()
            .credentialsProvider(credentials(settings))
            .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(timeout))
            .overrideConfiguration(c -> c.apiCallAttemptTimeout(timeout));
    return AwsEndpoints.apply(builder, settings.endpoint(), settings.region());
  }

  /** An HTTP/2 client for enhanced fan-out. */
  public static KinesisAsyncClient async(KinesisSourceSettings settings) {
    applyCbor(settings);
    var builder =
        KinesisAsyncClient.builder()
            .credentialsProvider(credentials(settings))
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .protocol(Protocol.HTTP2)
                    .maxConcurrency(Integer.MAX_VALUE)
                    .readTimeout(Duration.ofSeconds(60)));
    return AwsEndpoints.apply(builder, settings.endpoint(), settings.region()).build();
  }

  private static AwsCredentialsProvider credentials(KinesisSourceSettings settings) {
    if (settings.roleArn() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    StsClient sts = StsClient.builder().region(Region.of(settings.region())).build();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> r.roleArn(settings.roleArn()).roleSessionName("logpulse"))
        .build();
  }

  /**
   * The SDK reads the CBOR switch from a JVM-wide system property, so it cannot differ between
   * clients of one JVM; local servers such as moto need it off.
   */
  private static void applyCbor(KinesisSourceSettings settings) {
    if (!settings.cbor()) {
      System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), "false");
    }
  }
}
