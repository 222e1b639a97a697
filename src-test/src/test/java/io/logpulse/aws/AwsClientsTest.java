package io.logpulse.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The one client factory applies the settings to a client of any service: endpoint override, region
 * (the local one with an override and no region), an assumed role, the request timeout, the SDK's
 * retries and the CBOR switch. Nothing is called: the built clients' configurations are read back.
 */
class AwsClientsTest {

  private static final String ROLE = "arn:aws:iam::222222222222:role/logpulse-reader";
  private static final String CBOR = SdkSystemSetting.CBOR_ENABLED.property();

  private String cborBefore;

  @BeforeEach
  void rememberCbor() {
    cborBefore = System.getProperty(CBOR);
    System.clearProperty(CBOR);
  }

  @AfterEach
  void restoreCbor() {
    if (cborBefore == null) {
      System.clearProperty(CBOR);
    } else {
      System.setProperty(CBOR, cborBefore);
    }
  }

  @Test
  void theEndpointRegionTimeoutAndRetriesAreApplied() {
    AwsClientSettings settings =
        AwsClientSettings.of(
            "eu-west-1",
            "http://127.0.0.1:4566",
            Duration.ofSeconds(7),
            new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(100)));

    try (CloudWatchClient client = AwsClients.sync(CloudWatchClient.builder(), settings).build()) {
      var config = client.serviceClientConfiguration();
      assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:4566"));
      assertThat(config.overrideConfiguration().apiCallAttemptTimeout())
          .contains(Duration.ofSeconds(7));
      assertThat(config.overrideConfiguration().retryStrategy())
          .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(4));
      assertThat(config.credentialsProvider())
          .isNotInstanceOf(StsAssumeRoleCredentialsProvider.class);
    }
  }

  @Test
  void anEndpointOverrideWithoutARegionUsesTheLocalRegion() {
    AwsClientSettings settings =
        AwsClientSettings.of(
            null, "http://127.0.0.1:5000", Duration.ofSeconds(1), RetryPolicy.NONE);

    try (EventBridgeClient client =
        AwsClients.sync(EventBridgeClient.builder(), settings).build()) {
      assertThat(client.serviceClientConfiguration().region())
          .isEqualTo(Region.of(AwsClients.LOCAL_REGION));
      assertThat(client.serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(1));
    }
  }

  @Test
  void aRoleIsAssumedThroughStsWhenOneIsGiven() {
    AwsClientSettings settings =
        new AwsClientSettings("us-west-2", null, ROLE, Duration.ofSeconds(5), null, true);

    try (KinesisClient client = AwsClients.sync(KinesisClient.builder(), settings).build()) {
      assertThat(client.serviceClientConfiguration().credentialsProvider())
          .isInstanceOf(StsAssumeRoleCredentialsProvider.class);
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
      assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
    }
  }

  @Test
  void withoutSdkRetriesOrTimeoutTheSdkDefaultsStay() {
    AwsClientSettings settings =
        new AwsClientSettings("us-east-1", "http://127.0.0.1:4567", ROLE, null, null, true);
    ClientOverrideConfiguration defaults;
    try (KinesisAsyncClient plain = KinesisAsyncClient.builder().region(Region.US_EAST_1).build()) {
      defaults = plain.serviceClientConfiguration().overrideConfiguration();
    }

    try (KinesisAsyncClient client =
        AwsClients.http2(KinesisAsyncClient.builder(), settings).build()) {
      ClientOverrideConfiguration override =
          client.serviceClientConfiguration().overrideConfiguration();
      assertThat(override.apiCallAttemptTimeout()).isEmpty();
      assertThat(override.retryStrategy().map(s -> s.maxAttempts()))
          .isEqualTo(defaults.retryStrategy().map(s -> s.maxAttempts()));
      assertThat(client.serviceClientConfiguration().credentialsProvider())
          .isInstanceOf(StsAssumeRoleCredentialsProvider.class);
      assertThat(client.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:4567"));
    }
  }

  @Test
  void cborIsTurnedOffOnlyWhenAClientAsksForIt() {
    AwsClients.sync(
            KinesisClient.builder(),
            new AwsClientSettings("us-east-1", null, null, Duration.ofSeconds(1), null, true))
        .build()
        .close();
    assertThat(System.getProperty(CBOR)).isNull();

    AwsClients.sync(
            KinesisClient.builder(),
            new AwsClientSettings("us-east-1", null, null, Duration.ofSeconds(1), null, false))
        .build()
        .close();
    assertThat(System.getProperty(CBOR)).isEqualTo("false");
  }
}
