package io.logpulse.correlate;

import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import java.time.Instant;
import java.util.List;

/** Change events and anomaly steps for correlation tests. */
final class Changes {

  static final String SHOP = "111111111111";
  static final String PAYMENTS = "222222222222";
  static final String NETWORK = "444444444444";
  static final String CI_ROLE = "arn:aws:sts::%s:assumed-role/ci-deploy/gitlab-runner";

  private Changes() {}

  /** A successful deploy by the CI role. */
  static ChangeEvent.Builder deploy(String id, String account, long time, String... resources) {
    return ChangeEvent.newBuilder()
        .setChangeId(id)
        .setAccount(account)
        .setRegion("eu-west-1")
        .setTime(Instant.ofEpochMilli(time))
        .setReceived(Instant.ofEpochMilli(time + 5 * 60_000))
        .setEventSource("lambda.amazonaws.com")
        .setEventName("UpdateFunctionCode20150331v2")
        .setChangeKind("deploy")
        .setFailed(false)
        .setPrincipal(String.format(CI_ROLE, account))
        .setPrincipalKind("role")
        .setAgent("ci")
        .setResources(List.of(resources));
  }

  /** A configuration change by a person at the console. */
  static ChangeEvent.Builder parameter(String id, String account, long time, String name) {
    return deploy(id, account, time, name)
        .setEventSource("ssm.amazonaws.com")
        .setEventName("PutParameter")
        .setChangeKind("configuration")
        .setPrincipal("arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_Admin/alice")
        .setAgent("console");
  }

  /** An impact step (what opens incidents) of a service, of MEDIUM severity. */
  static Anomaly anomaly(
      String account, String service, String metric, String state, long start, long time) {
    return Anomaly.newBuilder()
        .setAnomalyId(account + "/" + service + "//impact@" + Instant.ofEpochMilli(start))
        .setAccount(account)
        .setService(service)
        .setMetric(metric)
        .setState(state)
        .setStart(Instant.ofEpochMilli(start))
        .setTime(Instant.ofEpochMilli(time))
        .setScore(0.7)
        .setDetectors(List.of("impact"))
        .setExpected(0.002)
        .setObserved(0.12)
        .setSeverity("MEDIUM")
        .build();
  }

  /** A statistical anomaly of a service's series: evidence, never an incident by itself. */
  static Anomaly evidence(
      String account, String service, String metric, String state, long start, long time) {
    Anomaly anomaly = anomaly(account, service, metric, state, start, time);
    anomaly.setAnomalyId(
        account + "/" + service + "//" + metric + "@" + Instant.ofEpochMilli(start));
    anomaly.setDetectors(List.of("seasonal"));
    anomaly.setScore(0.8);
    anomaly.setSeverity(null);
    return anomaly;
  }
}
