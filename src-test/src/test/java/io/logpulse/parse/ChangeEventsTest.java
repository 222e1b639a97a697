package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.fixture;
import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.ServiceEvent;
import io.logpulse.testing.ServiceEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {
  private static final String GROUP = "aws-cloudtrail-logs-111111111111-0a1b2c3d";

  private static ChangeEvent change(String fixture) {
    return ChangeEvents.from(parse(GROUP, fixture(fixture)));
  }

  @Test
  void aSuccessfulDeployBecomesAChangeWithEveryField() {
    ChangeEvent c = change("cloudtrail-update-function-code.json");

    assertThat(c.getChangeId()).isEqualTo("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    assertThat(c.getAccount()).isEqualTo("111111111111");
    assertThat(c.getRegion()).isEqualTo("eu-west-1");
    assertThat(c.getTime()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
    assertThat(c.getReceived()).isEqualTo(Instant.ofEpochMilli(ParseFixtures.EVENT_TIME));
    assertThat(c.getEventSource()).isEqualTo("lambda.amazonaws.com");
    assertThat(c.getEventName()).isEqualTo("UpdateFunctionCode20150331v2");
    assertThat(c.getChangeKind()).isEqualTo("deploy");
    assertThat(c.getFailed()).isFalse();
    assertThat(c.getErrorCode()).isNull();
    assertThat(c.getPrincipal())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/ci-deploy/ci-deploy");
    assertThat(c.getPrincipalKind()).isEqualTo("role");
    assertThat(c.getSourceIp()).isEqualTo("203.0.113.10");
    assertThat(c.getUserAgent()).isEqualTo("aws-cli/2.15.0");
    assertThat(c.getAgent()).isEqualTo("cli");
    assertThat(c.getResources())
        .containsExactly(
            "checkout-fn", "arn:aws:lambda:eu-west-1:111111111111:function:checkout-fn");
  }

  @Test
  void eachChangeFixtureKeepsItsKindAndAgent() {
    assertThat(change("cloudtrail-ecs-update-service.json"))
        .extracting(ChangeEvent::getChangeKind, ChangeEvent::getAgent)
        .containsExactly("deploy", "ci");
    assertThat(change("cloudtrail-cloudformation-update-stack.json"))
        .extracting(ChangeEvent::getChangeKind, ChangeEvent::getAgent)
        .containsExactly("deploy", "sdk");
    assertThat(change("cloudtrail-put-parameter-console.json"))
        .extracting(ChangeEvent::getChangeKind, ChangeEvent::getAgent)
        .containsExactly("configuration", "console");
    assertThat(change("cloudtrail-authorize-security-group-ingress.json"))
        .extracting(ChangeEvent::getChangeKind, ChangeEvent::getAgent)
        .containsExactly("network", "console");
    assertThat(change("cloudtrail-dynamodb-update-table.json"))
        .extracting(ChangeEvent::getChangeKind, ChangeEvent::getAgent)
        .containsExactly("configuration", "iac");
    assertThat(change("cloudtrail-terminate-instances-by-autoscaling.json"))
        .extracting(ChangeEvent::getChangeKind, ChangeEvent::getAgent)
        .containsExactly("delete", "aws-service");
  }

  @Test
  void aFailedMutatingCallIsAFailedChange() {
    ChangeEvent c = change("cloudtrail-put-parameter-denied.json");

    assertThat(c.getFailed()).isTrue();
    assertThat(c.getErrorCode()).isEqualTo("AccessDenied");
    assertThat(c.getChangeKind()).isEqualTo("configuration");
    assertThat(c.getResources()).containsExactly("/checkout/feature-flags");
    assertThat(c.getPrincipal()).isEqualTo("arn:aws:iam::111111111111:role/ops");
  }

  @Test
  void readOnlyCallsAndOtherEventsAreNotChanges() {
    assertThat(change("cloudtrail-describe-instances.json")).isNull();
    assertThat(ChangeEvents.from(parse("/ecs/web", "{\"level\":\"error\",\"status\":500}")))
        .isNull();
    assertThat(
            ChangeEvents.from(
                parse(
                    GROUP,
                    "{\"eventVersion\":\"1.08\",\"eventSource\":\"signin.amazonaws.com\","
                        + "\"eventName\":\"ConsoleLogin\",\"readOnly\":false,"
                        + "\"eventType\":\"AwsConsoleSignIn\",\"errorMessage\":\"Failed\"}")))
        .as("a sign-in is not an API call")
        .isNull();
    assertThat(ChangeEvents.from(null)).isNull();
  }

  @Test
  void withoutEventIdOrEventTimeTheLogEventsAreUsed() {
    ChangeEvent c =
        ChangeEvents.from(
            parse(
                GROUP,
                "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\","
                    + "\"eventName\":\"PutParameter\",\"eventType\":\"AwsApiCall\"}"));

    assertThat(c.getChangeId()).isEqualTo(ParseFixtures.EVENT_ID);
    assertThat(c.getTime()).isEqualTo(Instant.ofEpochMilli(ParseFixtures.EVENT_TIME));
    assertThat(c.getAgent()).isEqualTo("other");
    assertThat(c.getResources()).isEmpty();
  }

  @Test
  void missingKindAndAgentAreOtherAndResourcesAreCopied() {
    List<String> resources = new ArrayList<>(List.of("checkout-fn"));
    ServiceEvent e =
        ServiceEvents.builder("cloudtrail", 1_000L)
            .setFormat("cloudtrail")
            .setEventSource("lambda.amazonaws.com")
            .setEventName("UpdateFunctionCode")
            .setReadOnly(false)
            .setChange(true)
            .setResources(resources)
            .build();

    ChangeEvent c = ChangeEvents.from(e);
    resources.add("later");

    assertThat(c.getChangeKind()).isEqualTo("other");
    assertThat(c.getAgent()).isEqualTo("other");
    assertThat(c.getResources()).containsExactly("checkout-fn");
    assertThat(c.getChangeId()).isEqualTo("1000");
  }
}
