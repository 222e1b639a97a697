package io.logpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.eventbridge.EventBridgeSettings;
import io.logpulse.job.KeyRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The eventbridge.* keys: defaults, validation messages that name the key, bus ARNs. */
class EventBridgeOptionsTest {

  private static LogpulseConfig config(Map<String, String> values) {
    return LogpulseConfig.of(values, KeyRegistry.deployed());
  }

  @Test
  void defaultsPublishNothingAndWouldUseTheDefaultBusInTheSdksRegion() {
    LogpulseConfig config = config(Map.of());

    assertThat(config.get(EventBridgeOptions.ENABLED)).isFalse();
    EventBridgeSettings settings = EventBridgeOptions.settings(config);
    assertThat(settings.bus()).isEqualTo("default");
    assertThat(settings.region()).isNull();
    assertThat(settings.endpoint()).isNull();
    assertThat(settings.maxInFlight()).isEqualTo(4);
    assertThat(settings.maxAttempts()).isEqualTo(5);
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aDeployedConfigurationIsRead() {
    EventBridgeSettings settings =
        EventBridgeOptions.settings(
            config(
                Map.of(
                    "eventbridge.enabled", "true",
                    "eventbridge.bus", "logpulse-incidents",
                    "eventbridge.region", "eu-west-1",
                    "eventbridge.endpoint", "http://127.0.0.1:5000",
                    "eventbridge.max-in-flight", "8")));

    assertThat(settings.bus()).isEqualTo("logpulse-incidents");
    assertThat(settings.region()).isEqualTo("eu-west-1");
    assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:5000");
    assertThat(settings.maxInFlight()).isEqualTo(8);
  }

  @Test
  void badRegionsAreRefusedNamingTheKey() {
    for (String region : new String[] {"eu-west", "EU-WEST-1", "euwest1", "eu-west-1a", ""}) {
      assertThatThrownBy(() -> config(Map.of("eventbridge.region", region)))
          .as(region)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("eventbridge.region")
          .hasMessageContaining("AWS region code such as eu-west-1");
    }
    assertThat(config(Map.of("eventbridge.region", "us-gov-west-1")).get(EventBridgeOptions.REGION))
        .isEqualTo("us-gov-west-1");
  }

  @Test
  void badBusesAreRefusedNamingTheKey() {
    for (String bus :
        new String[] {
          "my bus", "bus*", "", "x".repeat(257), "arn:aws:sqs:eu-west-1:123456789012:queue"
        }) {
      assertThatThrownBy(() -> config(Map.of("eventbridge.bus", bus)))
          .as(bus)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("eventbridge.bus")
          .hasMessageContaining("event bus name");
    }
  }

  @Test
  void aBusArnGivesTheRegionAndMustAgreeWithAConfiguredOne() {
    String arn = "arn:aws:events:eu-central-1:123456789012:event-bus/logpulse-incidents";

    assertThat(EventBridgeOptions.settings(config(Map.of("eventbridge.bus", arn))).region())
        .isEqualTo("eu-central-1");
    assertThatThrownBy(
            () ->
                EventBridgeOptions.settings(
                    config(Map.of("eventbridge.bus", arn, "eventbridge.region", "eu-west-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("eventbridge.bus")
        .hasMessageContaining("eventbridge.region")
        .hasMessageContaining("eu-central-1");
  }

  @Test
  void otherBadValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> config(Map.of("eventbridge.endpoint", "localhost:5000")))
        .hasMessageContaining("eventbridge.endpoint")
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> config(Map.of("eventbridge.max-in-flight", "0")))
        .hasMessageContaining("eventbridge.max-in-flight");
    assertThatThrownBy(
            () ->
                EventBridgeOptions.settings(
                    config(
                        Map.of(
                            "eventbridge.retry-backoff", "30s",
                            "eventbridge.retry-backoff-max", "20s"))))
        .hasMessageContaining("eventbridge.retry-backoff");
  }
}
