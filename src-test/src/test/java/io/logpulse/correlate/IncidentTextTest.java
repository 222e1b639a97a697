package io.logpulse.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentTextTest {

  @Test
  void saysWhatTheMetricDid() {
    assertThat(IncidentText.whatHappened("error-rate", 0.002, 0.12))
        .isEqualTo("the error rate rose from 0.2% to 12%");
    assertThat(IncidentText.whatHappened("latency-p99", 120.0, 957.25))
        .isEqualTo("p99 latency rose from 120 ms to 957 ms");
    assertThat(IncidentText.whatHappened("request-rate", 1200.0, 310.0))
        .isEqualTo("requests per window fell from 1200 to 310");
    assertThat(IncidentText.whatHappened("error-pattern", 0.0, 42.0))
        .isEqualTo("a new error pattern appeared (42 so far)");
    assertThat(IncidentText.whatHappened("error-rate", null, null))
        .isEqualTo("error-rate became anomalous");
  }

  @Test
  void offsetsReadNaturally() {
    assertThat(IncidentText.offset(40_000)).isEqualTo("40 s before");
    assertThat(IncidentText.offset(180_000)).isEqualTo("3 min before");
    assertThat(IncidentText.offset(-60_000)).isEqualTo("1 min after the start");
  }

  @Test
  void shortNamesOfPrincipalsAndResources() {
    assertThat(ChangeNames.principal("arn:aws:sts::123456789012:assumed-role/deployer/ci"))
        .isEqualTo("role/deployer");
    assertThat(ChangeNames.principal("arn:aws:iam::123456789012:user/alice"))
        .isEqualTo("user/alice");
    assertThat(ChangeNames.principal("arn:aws:iam::123456789012:root")).isEqualTo("root");
    assertThat(ChangeNames.principal("autoscaling.amazonaws.com"))
        .isEqualTo("autoscaling.amazonaws.com");
    assertThat(ChangeNames.resource("arn:aws:lambda:eu-west-1:123456789012:function:payments-fn"))
        .isEqualTo("payments-fn");
    assertThat(ChangeNames.resource("arn:aws:ecs:eu-west-1:123456789012:service/shop/checkout"))
        .isEqualTo("shop/checkout");
    assertThat(ChangeNames.resource("/checkout/db/pool-size")).isEqualTo("/checkout/db/pool-size");
  }
}
