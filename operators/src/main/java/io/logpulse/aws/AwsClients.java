package io.logpulse.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The one client factory of the AWS connectors: it sets up a client builder of any service from
 * {@link AwsClientSettings}, the same way for Kinesis, CloudWatch and EventBridge: the region and
 * endpoint override, the credentials (the default chain, or a role assumed through it), the request
 * timeout, the SDK's retries and the CBOR switch. Callers pass the service's builder and build it:
 * {@code AwsClients.sync(CloudWatchClient.builder(), settings).build()}.
 */
public final class AwsClients {

  /** Region used with an endpoint override when none is configured (local servers ignore it). */
  public static final String LOCAL_REGION = "us-east-1";

  /** Role session name of an assumed role, as CloudTrail shows it. */
  static final String ROLE_SESSION_NAME = "logpulse";

  /**
   * How long an HTTP/2 stream may go without a byte: SubscribeToShard sends at least an event every
   * five seconds, so a minute of silence is a dead connection.
   */
  static final Duration STREAM_READ_TIMEOUT = Duration.ofSeconds(60);

  private AwsClients() {}

  /** A synchronous client's builder, on the Apache HTTP client. */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B sync(
      B builder, AwsClientSettings settings) {
    ApacheHttpClient.Builder http = ApacheHttpClient.builder();
    if (settings.requestTimeout() != null) {
      http.socketTimeout(settings.requestTimeout());
    }
    return common(builder.httpClientBuilder(http), settings);
  }

  /** An asynchronous client's builder, on the Netty HTTP client speaking HTTP/2 (streaming). */
  public static <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B http2(
      B builder, AwsClientSettings settings) {
    return common(
        builder.httpClientBuilder(
            NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP2)
                .maxConcurrency(Integer.MAX_VALUE)
                .readTimeout(STREAM_READ_TIMEOUT)),
        settings);
  }

  private static <B extends AwsClientBuilder<B, ?>> B common(
      B builder, AwsClientSettings settings) {
    applyCbor(settings);
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
    if (settings.sdkRetries() != null) {
      override.retryStrategy(settings.sdkRetries().sdkStrategy());
    }
    if (settings.requestTimeout() != null) {
      override.apiCallAttemptTimeout(settings.requestTimeout());
    }
    builder.overrideConfiguration(override.build());
    if (settings.roleArn() != null) {
      builder.credentialsProvider(assumeRole(settings));
    }
    if (settings.endpoint() != null) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    } else if (settings.endpoint() != null) {
      builder.region(Region.of(LOCAL_REGION));
    }
    return builder;
  }

  /** The settings' role, assumed through the default credential chain in the settings' region. */
  private static StsAssumeRoleCredentialsProvider assumeRole(AwsClientSettings settings) {
    StsClientBuilder sts = StsClient.builder();
    if (settings.region() != null) {
      sts.region(Region.of(settings.region()));
    }
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts.build())
        .refreshRequest(r -> r.roleArn(settings.roleArn()).roleSessionName(ROLE_SESSION_NAME))
        .build();
  }

  /**
   * The SDK reads the CBOR switch from a JVM-wide system property, so it cannot differ between
   * clients of one JVM: a client that needs it off turns it off for all.
   */
  private static void applyCbor(AwsClientSettings settings) {
    if (!settings.cbor()) {
      System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), "false");
    }
  }
}
