package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.event;
import static io.logpulse.parse.ParseFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeKindRulesTest {
  private static final String GROUP = "aws-cloudtrail-logs-111111111111-0a1b2c3d";

  private static String kind(String rules, String fixture) {
    LogEventParser parser =
        new LogEventParser(ParserSettings.defaults().withChangeKindRules(rules));
    return parser.parse(event(GROUP, fixture(fixture))).getChangeKind();
  }

  @Test
  void aUserRuleWinsOverTheBuiltInKindAndMatchesVersionedNames() {
    assertThat(kind("", "cloudtrail-update-function-code.json")).isEqualTo("deploy");
    assertThat(kind("UpdateFunctionCode=configuration", "cloudtrail-update-function-code.json"))
        .isEqualTo("configuration");
    assertThat(kind("UpdateFunctionCode20150331v2=scaling", "cloudtrail-update-function-code.json"))
        .isEqualTo("scaling");
  }

  @Test
  void aRuleWithAnEventSourceAppliesOnlyToThatService() {
    assertThat(kind("ecs:UpdateService=scaling", "cloudtrail-ecs-update-service.json"))
        .isEqualTo("scaling");
    assertThat(
            kind("ecs.amazonaws.com:UpdateService=scaling", "cloudtrail-ecs-update-service.json"))
        .isEqualTo("scaling");
    assertThat(kind("lambda:UpdateService=scaling", "cloudtrail-ecs-update-service.json"))
        .isEqualTo("deploy");
  }

  @Test
  void aPrefixRuleMatchesEveryNameStartingWithIt() {
    ChangeKindRules rules = ChangeKindRules.parse("s3:Create*=configuration, ec2:*=network");
    assertThat(rules.kind("s3.amazonaws.com", "CreateBucket")).isEqualTo("configuration");
    assertThat(rules.kind("s3.amazonaws.com", "CreateMultipartUpload")).isEqualTo("configuration");
    assertThat(rules.kind("s3.amazonaws.com", "PutObject")).isEqualTo("data");
    assertThat(rules.kind("ec2.amazonaws.com", "TerminateInstances")).isEqualTo("network");
    assertThat(rules.kind("dynamodb.amazonaws.com", "CreateTable")).isEqualTo("other");
  }

  @Test
  void theFirstMatchingRuleWins() {
    ChangeKindRules rules = ChangeKindRules.parse("Update*=deploy,UpdateTable=scaling");
    assertThat(rules.kind("dynamodb.amazonaws.com", "UpdateTable")).isEqualTo("deploy");
  }

  @Test
  void blankTextAndBlankItemsAreNoRules() {
    assertThat(ChangeKindRules.parse(" ").kind("ecs.amazonaws.com", "UpdateService"))
        .isEqualTo("deploy");
    assertThat(ChangeKindRules.parse(" , UpdateService = Scaling ,").kind(null, "UpdateService"))
        .isEqualTo("scaling");
  }

  @Test
  void readOnlyCallsGetNoKindWhateverTheRules() {
    assertThat(kind("Describe*=data", "cloudtrail-describe-instances.json")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "UpdateService=rollout | rule #1 'UpdateService=rollout': unknown kind 'rollout', expected"
            + " one of deploy, configuration, scaling, iam, network, data, delete, other",
        "UpdateService=deploy,PutParameter | rule #2 'PutParameter': expected"
            + " [eventSource:]EventName=kind",
        "Update*Service=deploy | rule #1 'Update*Service=deploy': the event name must be letters",
        "=deploy | rule #1 '=deploy': the event name must be letters",
        "lambda functions:Update=deploy | rule #1 'lambda functions:Update=deploy': the event"
            + " source must be a host",
      })
  void invalidRulesAreRejectedNamingTheRuleAndWhatIsAccepted(String rules, String message) {
    assertThatThrownBy(() -> ParserSettings.defaults().withChangeKindRules(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid change-kind " + message);
  }
}
