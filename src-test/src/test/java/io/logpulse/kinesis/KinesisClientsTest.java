package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The source's clients come from the one factory with the source's settings: its region, endpoint
 * and role, its request timeout on the synchronous clients, and no SDK retries for the polling
 * reader, which retries itself.
 */
class KinesisClientsTest {

  private static KinesisSourceSettings settings() {
    KinesisSourceSettings defaults =
        KinesisSourceSettings.forStreams(List.of("orders"), "ap-southeast-2");
    return new KinesisSourceSettings(
        defaults.streams(),
        defaults.region(),
        "http://127.0.0.1:4568",
        true,
        defaults.reader(),
        defaults.start(),
        false,
        "arn:aws:iam::123456789012:role/central-reader",
        defaults.consumerName(),
        null,
        defaults.discoveryInterval(),
        defaults.maxRecordsPerCall(),
        defaults.pollInterval(),
        defaults.idlePollInterval(),
        Duration.ofSeconds(3));
  }

  @Test
  void thePollingClientDoesNotRetryAndTheOtherUsesTheSdksRetries() {
    try (KinesisClient polling = KinesisClients.polling(settings());
        KinesisClient sync = KinesisClients.sync(settings())) {
      for (KinesisClient client : List.of(polling, sync)) {
        var config = client.serviceClientConfiguration();
        assertThat(config.region()).isEqualTo(Region.AP_SOUTHEAST_2);
        assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:4568"));
        assertThat(config.credentialsProvider())
            .isInstanceOf(StsAssumeRoleCredentialsProvider.class);
        assertThat(config.overrideConfiguration().apiCallAttemptTimeout())
            .contains(Duration.ofSeconds(3));
      }
      assertThat(polling.serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(1));
      assertThat(sync.serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isGreaterThan(1));
    }
  }

  @Test
  void theFanOutClientHasNoAttemptTimeout() {
    try (var client = KinesisClients.async(settings())) {
      assertThat(
              client.serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout())
          .isEmpty();
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
    }
  }
}
