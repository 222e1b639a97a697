package io.logpulse.kinesis;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the Kinesis clients of the source from its settings: region, endpoint override,
 * credentials (the default chain, or a role assumed through it for another account's stream) and
 * the CBOR switch.
 */
public final class KinesisClients {

  private KinesisClients() {}

  /** A synchronous client for shard discovery and polling. */
  public static KinesisClient sync(KinesisSourceSettings settings) {
    applyCbor(settings);
    var builder =
        KinesisClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings));
    if (settings.endpoint() != null) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    return builder.build();
  }

  /** An HTTP/2 client for enhanced fan-out. */
  public static KinesisAsyncClient async(KinesisSourceSettings settings) {
    applyCbor(settings);
    var builder =
        KinesisAsyncClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .protocol(Protocol.HTTP2)
                    .maxConcurrency(Integer.MAX_VALUE)
                    .readTimeout(Duration.ofSeconds(60)));
    if (settings.endpoint() != null) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    return builder.build();
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
