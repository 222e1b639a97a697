package io.logpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.job.JobSettings;
import io.logpulse.job.KeyRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogpulseConfigTest {

  @TempDir Path dir;

  private static LogpulseConfig config(Map<String, String> values) {
    return LogpulseConfig.of(values, KeyRegistry.deployed());
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    LogpulseConfig config = config(Map.of());

    assertThat(config.get(JobOptions.WINDOW_SIZE)).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.get(JobOptions.SOURCE_TYPE)).isEqualTo(JobOptions.SourceType.GENERATOR);
    assertThat(config.find(JobOptions.SOURCE_REPLAY_PATH)).isEmpty();
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    assertThat(config(Map.of("window.size", "90s")).get(JobOptions.WINDOW_SIZE))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(config(Map.of("window.size", "PT2M")).get(JobOptions.WINDOW_SIZE))
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void everyProblemIsReportedAtOnceNamingKeysAndAcceptedValues() {
    assertThatThrownBy(
            () ->
                config(
                    Map.of(
                        "window.size", "soon",
                        "decode.max-message-bytes", "-1",
                        "no.such.key", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid value 'soon' for window.size")
        .hasMessageContaining("a duration such as")
        .hasMessageContaining("decode.max-message-bytes")
        .hasMessageContaining("unknown configuration key 'no.such.key'");
  }

  @Test
  void invalidServiceRuleIsRejectedWhenTheConfigurationIsRead() {
    assertThatThrownBy(() -> config(Map.of("parse.service-rules", "([unclosed=>x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parse.service-rules");
  }

  @Test
  void changeKindRulesReachTheParserSettingsAndInvalidOnesAreRejected() {
    String rules = "ecs:UpdateService=scaling,Put*=configuration";
    assertThat(
            ParseOptions.settings(config(Map.of("parse.cloudtrail.change-kinds", rules)))
                .changeKindRules())
        .isEqualTo(rules);
    assertThatThrownBy(() -> config(Map.of("parse.cloudtrail.change-kinds", "UpdateService=big")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid value 'UpdateService=big' for parse.cloudtrail.change-kinds")
        .hasMessageContaining("unknown kind 'big'")
        .hasMessageContaining(
            "accepted: comma-separated '[eventSource:]EventName=kind' rules (EventName may end with"
                + " *), kind one of deploy, configuration, scaling, iam, network, data, delete,"
                + " other");
  }

  @Test
  void propertyGroupsFlattenWithTheGroupAsPrefix() {
    Properties window = new Properties();
    window.setProperty("size", "5m");
    Properties flat = new Properties();
    flat.setProperty("output.path", "s3://bucket/logpulse");

    LogpulseConfig config =
        config(ConfigSources.fromPropertyGroups(Map.of("window", window, "logpulse", flat)));

    assertThat(config.get(JobOptions.WINDOW_SIZE)).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.get(JobOptions.OUTPUT_PATH)).isEqualTo("s3://bucket/logpulse");
  }

  @Test
  void jsonFilesFlattenNestedObjects() throws Exception {
    Path file = dir.resolve("logpulse.json");
    Files.writeString(file, "{\"window\": {\"size\": \"2m\", \"allowed-lateness\": \"0s\"}}");

    JobSettings settings = JobSettings.from(config(ConfigSources.fromFile(file)));

    assertThat(settings.windows().size()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.windows().allowedLateness()).isZero();
  }

  @Test
  void propertiesFilesAndAssignmentsAreRead() throws Exception {
    Path file = dir.resolve("logpulse.properties");
    Files.writeString(file, "watermark.idleness=2m\n");

    assertThat(config(ConfigSources.fromFile(file)).get(JobOptions.WATERMARK_IDLENESS))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(ConfigSources.fromAssignments(List.of("a.b=c=d"))).containsEntry("a.b", "c=d");
    assertThatThrownBy(() -> ConfigSources.fromAssignments(List.of("novalue")))
        .hasMessageContaining("key=value");
  }

  @Test
  void correlationKeysAreParsedIntoSettings() {
    var settings =
        CorrelateOptions.settings(
            config(
                Map.of(
                    "correlate.shared-accounts", "444444444444, 555555555555",
                    "correlate.service-resources", "orders-api=a1b2c3d4e5|*orders-tg*; web=web-asg",
                    "correlate.service-regions", "orders-api=us-east-1",
                    "correlate.kind-priors", "data=0.5")));

    assertThat(settings.sharedAccounts()).containsExactlyInAnyOrder("444444444444", "555555555555");
    assertThat(settings.serviceResources())
        .containsEntry("orders-api", List.of("a1b2c3d4e5", "*orders-tg*"))
        .containsEntry("web", List.of("web-asg"));
    assertThat(settings.serviceRegions()).containsEntry("orders-api", "us-east-1");
    assertThat(settings.kindPrior("data")).isEqualTo(0.5);
    assertThat(settings.kindPrior("deploy")).isEqualTo(1.0);
  }

  @Test
  void badCorrelationValuesNameTheKeyAndWhatIsAccepted() {
    assertThatThrownBy(
            () ->
                config(
                    Map.of(
                        "correlate.shared-accounts", "4444",
                        "correlate.kind-priors", "deploys=1",
                        "correlate.horizon", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("correlate.shared-accounts")
        .hasMessageContaining("12-digit account ids")
        .hasMessageContaining("correlate.kind-priors")
        .hasMessageContaining("correlate.horizon");
  }

  @Test
  void correlationIsOffWhenDetectionIsOff() {
    assertThat(JobSettings.from(config(Map.of("detect.enabled", "false"))).correlate()).isNull();
    assertThat(JobSettings.from(config(Map.of())).correlate()).isNotNull();
  }

  @Test
  void durationsBeyondTenYearsNameTheKeyAndTheLongestAcceptedInsteadOfOverflowing() {
    for (String tooLong :
        List.of("999999999999d", "3651d", "99999999999999999999999ms", "PT9999999999999999999H")) {
      assertThatThrownBy(() -> config(Map.of("window.size", tooLong)))
          .as(tooLong)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("invalid value '" + tooLong + "' for window.size: more than 3650d")
          .hasMessageContaining(
              "accepted: a duration such as 500ms, 30s, 5m, 2h, 14d or PT1M," + " at most 3650d");
    }
    assertThat(config(Map.of("window.size", "3650d")).get(JobOptions.WINDOW_SIZE))
        .isEqualTo(ValueParser.MAX_DURATION);
  }

  @Test
  void theLongestDurationInEveryDurationKeyBuildsTheJobSettingsWithoutOverflow() {
    Map<String, String> longest = new java.util.HashMap<>();
    for (ConfigKey<?> key : KeyRegistry.deployed()) {
      if (key.acceptedValues().contains("duration such as")) {
        longest.put(key.name(), "3650d");
      }
    }
    assertThat(longest).containsKeys("window.size", "decode.max-event-age", "correlate.horizon");

    JobSettings settings = JobSettings.from(config(longest));

    assertThat(settings.windows().size()).isEqualTo(ValueParser.MAX_DURATION);
  }

  @Test
  void absurdWholeNumbersAreOutOfRangeNamingTheKeyAndTheRange() {
    assertThatThrownBy(() -> config(Map.of("decode.max-message-bytes", "99999999999999999999999")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("for decode.max-message-bytes: out of range")
        .hasMessageContaining("accepted: a whole number from 1 to 2147483647");
    assertThatThrownBy(() -> config(Map.of("decode.max-message-bytes", "lots")))
        .hasMessageContaining("for decode.max-message-bytes: not a whole number");
  }
}
