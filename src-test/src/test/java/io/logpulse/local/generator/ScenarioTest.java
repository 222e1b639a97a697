package io.logpulse.local.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.local.generator.Incident.Cause;
import io.logpulse.local.generator.Incident.Problem;
import io.logpulse.parse.LogEventParser;
import io.logpulse.parse.ParserSettings;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planted scenarios: five kinds of cause (deploys and IAM, network edits followed by errors, a
 * parameter edit followed by a latency rise, an outage with no change), the CloudTrail events of
 * their changes and of the harmless changes, the decoys around them and the extra-late delivery.
 */
class ScenarioTest {

  private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
  private static final Duration LAG = Duration.ofMinutes(5);
  private static final Set<String> DEPLOYS =
      Set.of("UpdateFunctionCode20150331v2", "UpdateService", "UpdateStack");
  private static final LogEventParser PARSER = new LogEventParser(ParserSettings.defaults());

  private static final Map<Cause, Set<String>> CALLS =
      Map.of(
          Cause.DEPLOY,
          DEPLOYS,
          Cause.PARAMETER,
          Set.of("PutParameter"),
          Cause.IAM,
          Set.of("DetachRolePolicy", "PutRolePolicy"),
          Cause.NETWORK,
          Set.of("RevokeSecurityGroupIngress"));

  private static WorkloadGenerator generator(long seed) {
    return generator(seed, Duration.ofHours(3));
  }

  private static WorkloadGenerator generator(long seed, Duration duration) {
    return new WorkloadGenerator(
        GeneratorSettings.defaults().withSeed(seed).withStart(START).withDuration(duration));
  }

  @Test
  void everyThreeHourRunHasThreeKindsOfCauseAndEveryFiveHoursAllFive() {
    Set<String> scenarios = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      List<Incident> incidents = generator(seed).plannedIncidents();

      assertThat(incidents).hasSize(3);
      assertThat(incidents.stream().map(Incident::cause).distinct()).as("seed %d", seed).hasSize(3);
      for (int k = 1; k < incidents.size(); k++) {
        Instant firstChange = incidents.get(k).decoys().get(0).time();
        assertThat(firstChange).as("seed %d", seed).isAfter(incidents.get(k - 1).end());
      }
      List<Incident> day = generator(seed, Duration.ofHours(6)).plannedIncidents();
      assertThat(day.stream().map(Incident::cause).distinct())
          .as("seed %d", seed)
          .containsExactlyInAnyOrder(Cause.values());
      for (Incident i : day) {
        if (i.cause() == Cause.NO_CHANGE) {
          assertThat(i.plantedChange()).isNull();
          assertThat(i.problem()).isEqualTo(Problem.ERRORS);
        } else {
          assertThat(i.plantedChange().eventName()).isIn(CALLS.get(i.cause()));
          assertThat(i.problem())
              .isEqualTo(i.cause() == Cause.PARAMETER ? Problem.LATENCY : Problem.ERRORS);
        }
        scenarios.add(i.cause().label() + " " + i.service() + " " + i.change());
      }
    }
    assertThat(scenarios)
        .containsExactlyInAnyOrder(
            "deploy payments-fn UpdateFunctionCode20150331v2 payments-fn",
            "deploy checkout UpdateService checkout",
            "deploy orders-api UpdateStack orders-api",
            "deploy web-nginx UpdateService web-nginx",
            "deploy inventory UpdateService inventory",
            "parameter checkout PutParameter /checkout/db/pool-size",
            "iam inventory DetachRolePolicy inventory-task-role",
            "iam inventory PutRolePolicy inventory-task-role",
            "network web-nginx RevokeSecurityGroupIngress "
                + Estate.securityGroupId(Estate.SHOP, "web-alb-sg"),
            "no-change payments-fn no change",
            "no-change orders-api no change");
  }

  @Test
  void incidentsNameTheirServiceAndAccountAsTheParserNamesTheirLogs() throws IOException {
    WorkloadGenerator generator = generator(1);
    Set<String> parsed = new HashSet<>();
    for (int stream = 0; stream < generator.streamCount(); stream++) {
      JsonNode envelope = GeneratedEnvelopes.envelope(generator.record(stream));
      ServiceEvent event = parse(envelope, envelope.get("logEvents").get(0));
      parsed.add(event.getAccount() + " " + event.getService());
    }
    Set<String> planned = new HashSet<>();
    for (Cause cause : Cause.values()) {
      for (Scenario scenario : Scenario.of(cause)) {
        planned.add(scenario.account() + " " + scenario.service());
      }
    }

    assertThat(parsed).containsAll(planned);
  }

  @Test
  void theSameSeedPlansTheSameIncidentsAndAnotherSeedOthers() {
    assertThat(generator(7).plannedIncidents()).isEqualTo(generator(7).plannedIncidents());
    assertThat(generator(7).plannedIncidents()).isNotEqualTo(generator(8).plannedIncidents());
  }

  @Test
  void decoysAreAnotherServiceFurtherAwayAndTheSameChangeInAnotherAccountCloser() {
    Set<Cause> seen = EnumSet.noneOf(Cause.class);
    for (long seed = 1; seed <= 10; seed++) {
      for (Incident incident : generator(seed, Duration.ofHours(6)).plannedIncidents()) {
        seen.add(incident.cause());
        PlantedChange planted = incident.plantedChange();
        PlantedChange sameAccount = incident.decoys().get(0);
        PlantedChange otherAccount = incident.decoys().get(1);

        assertThat(sameAccount.account()).isEqualTo(incident.account());
        assertThat(name(sameAccount)).doesNotContain(incident.service());
        assertThat(Duration.between(sameAccount.time(), incident.start()))
            .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(9));
        assertThat(otherAccount.account()).isNotEqualTo(incident.account());
        assertThat(otherAccount.time()).isAfter(sameAccount.time()).isBefore(incident.start());
        assertThat(incident.decoys()).allSatisfy(d -> assertThat(d.deliveryLag()).isEqualTo(LAG));
        if (planted == null) {
          assertThat(name(otherAccount)).isEqualTo(incident.service());
          continue;
        }
        assertThat(planted.account()).isEqualTo(incident.account());
        assertThat(name(planted))
            .contains(incident.cause() == Cause.NETWORK ? "web-alb-sg" : incident.service());
        assertThat(Duration.between(planted.time(), incident.start()))
            .isBetween(Duration.ofMinutes(2), Duration.ofMinutes(6));
        assertThat(sameAccount.time()).isBefore(planted.time());
        assertThat(otherAccount.eventName()).isEqualTo(planted.eventName());
        assertThat(name(otherAccount)).isEqualTo(name(planted));
        assertThat(otherAccount.time()).isAfter(planted.time());
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(Cause.values());
  }

  /** What a change names: its resource, or a security group's name rather than its id. */
  private static String name(PlantedChange change) {
    String group = Estate.securityGroupName(change.account(), change.resource());
    return group != null ? group : change.resource();
  }

  @Test
  void oneChangePerRunIsDeliveredExtraLate() {
    for (long seed = 1; seed <= 10; seed++) {
      List<Duration> lags =
          generator(seed).plannedIncidents().stream()
              .filter(i -> i.plantedChange() != null)
              .map(i -> i.plantedChange().deliveryLag())
              .toList();

      assertThat(lags).as("seed %d", seed).containsOnlyOnce(Duration.ofMinutes(12));
      assertThat(lags.stream().filter(LAG::equals)).hasSize(lags.size() - 1);
    }
  }

  @Test
  void plantedChangesAndDecoysAreWrittenAsCloudTrailEventsTheParserReadsAsChanges()
      throws IOException {
    Set<ChangeCall> calls = EnumSet.noneOf(ChangeCall.class);
    for (long seed = 1; seed <= 6; seed++) {
      WorkloadGenerator generator = generator(seed, Duration.ofHours(24));
      List<PlantedChange> changes = new ArrayList<>(generator.harmlessChanges());
      for (Incident incident : generator.plannedIncidents()) {
        changes.addAll(incident.decoys());
        if (incident.plantedChange() != null) {
          changes.add(incident.plantedChange());
        }
      }
      for (PlantedChange change : changes) {
        calls.add(ChangeCall.of(change));
        assertWrittenAndParsed(generator, change);
      }
    }
    assertThat(calls).containsExactlyInAnyOrder(ChangeCall.values());
  }

  @Test
  void aLatencyIncidentSlowsItsServiceByItsFactorAndLeavesErrorsAlone() throws IOException {
    WorkloadGenerator generator = generator(1, Duration.ofHours(6));
    Incident latency =
        generator.plannedIncidents().stream()
            .filter(i -> i.problem() == Problem.LATENCY)
            .findFirst()
            .orElseThrow();
    long from = latency.start().toEpochMilli() - Duration.ofMinutes(20).toMillis();
    long to = latency.end().toEpochMilli() + Duration.ofMinutes(20).toMillis();
    List<Double> inside = new ArrayList<>();
    List<Double> outside = new ArrayList<>();
    int insideErrors = 0;
    int regressions = 0;
    for (JsonNode event : events(generator, latency, from, to)) {
      JsonNode line = GeneratedEnvelopes.message(event);
      if (line.has("stack_trace") && line.get("stack_trace").asText().contains("Discount.apply")) {
        regressions++;
      }
      if (!line.has("latency_ms") || line.get("path").asText().equals("/health")) {
        continue;
      }
      long timestamp = event.get("timestamp").asLong();
      boolean during = latency.covers(timestamp);
      if (!during && generator.plannedIncidents().stream().anyMatch(i -> i.covers(timestamp))) {
        continue;
      }
      (during ? inside : outside).add(line.get("latency_ms").asDouble());
      if (during && line.get("status").asInt() >= 500) {
        insideErrors++;
      }
    }

    assertThat(inside).hasSizeGreaterThan(1000);
    assertThat(median(inside) / median(outside))
        .isBetween(latency.latencyFactor() * 0.9, latency.latencyFactor() * 1.1);
    assertThat((double) insideErrors / inside.size()).isLessThan(0.01);
    assertThat(regressions).isZero();
  }

  private static void assertWrittenAndParsed(WorkloadGenerator generator, PlantedChange change)
      throws IOException {
    long startMs = START.toEpochMilli();
    long tickMs = generator.settings().tick().toMillis();
    long tick = (change.delivered().toEpochMilli() - startMs) / tickMs;
    String logStream = change.account() + "_CloudTrail_eu-west-1";
    for (int stream = 0; stream < generator.streamCount(); stream++) {
      long index = tick * generator.streamCount() + stream;
      if (generator.plan(index).kind() != RecordPlan.Kind.DATA) {
        continue;
      }
      JsonNode envelope = GeneratedEnvelopes.envelope(generator.record(index));
      if (!envelope.get("logStream").asText().equals(logStream)) {
        continue;
      }
      for (JsonNode event : envelope.get("logEvents")) {
        String message = event.get("message").asText();
        if (event.get("timestamp").asLong() == change.time().toEpochMilli()
            && message.contains("\"" + change.eventName() + "\"")) {
          assertParsed(change, envelope, event);
          assertAsAwsLogsIt(change, GeneratedEnvelopes.message(event));
          return;
        }
      }
    }
    throw new AssertionError("no CloudTrail event of " + change);
  }

  private static ServiceEvent parse(JsonNode envelope, JsonNode event) {
    return PARSER.parse(
        LogEvent.newBuilder()
            .setOwner(envelope.get("owner").asText())
            .setLogGroup(envelope.get("logGroup").asText())
            .setLogStream(envelope.get("logStream").asText())
            .setId(event.get("id").asText())
            .setTimestamp(event.get("timestamp").asLong())
            .setMessage(event.get("message").asText())
            .build());
  }

  private static void assertParsed(PlantedChange change, JsonNode envelope, JsonNode event) {
    ServiceEvent parsed = parse(envelope, event);
    ChangeCall call = ChangeCall.of(change);

    assertThat(parsed.getFormat().toString()).isEqualTo("cloudtrail");
    assertThat(parsed.getTimestamp()).isEqualTo(change.time().toEpochMilli());
    assertThat(parsed.getEventSource().toString()).isEqualTo(change.eventSource());
    assertThat(parsed.getEventName().toString()).isEqualTo(change.eventName());
    assertThat(parsed.getAccount().toString()).isEqualTo(change.account());
    assertThat(parsed.getChange()).isTrue();
    assertThat(parsed.getChangeKind().toString()).isEqualTo(KINDS.get(call));
    assertThat(parsed.getPrincipal().toString()).contains(":assumed-role/" + change.role() + "/");
    List<String> resources = parsed.getResources().stream().map(Object::toString).toList();
    // The resources the evaluation matches suspects on: the parser reads them for the harmful
    // calls.
    // ECS names the service under requestParameters.service, which it reads for ECS calls.
    if (MATCHED.contains(call)) {
      assertThat(resources).contains(change.resource());
    }
  }

  private static final Map<ChangeCall, String> KINDS =
      Map.ofEntries(
          Map.entry(ChangeCall.LAMBDA_CODE, "deploy"),
          Map.entry(ChangeCall.ECS_SERVICE, "deploy"),
          Map.entry(ChangeCall.STACK, "deploy"),
          Map.entry(ChangeCall.PARAMETER, "configuration"),
          Map.entry(ChangeCall.DETACH_ROLE_POLICY, "iam"),
          Map.entry(ChangeCall.PUT_ROLE_POLICY, "iam"),
          Map.entry(ChangeCall.REVOKE_INGRESS, "network"),
          Map.entry(ChangeCall.ECS_TAGS, "other"),
          Map.entry(ChangeCall.LAMBDA_TAGS, "other"),
          Map.entry(ChangeCall.EC2_TAGS, "other"),
          Map.entry(ChangeCall.ECS_SCALING, "scaling"),
          Map.entry(ChangeCall.LAMBDA_CONCURRENCY, "scaling"),
          Map.entry(ChangeCall.ASG_CAPACITY, "scaling"));

  private static final Set<ChangeCall> MATCHED =
      EnumSet.of(
          ChangeCall.LAMBDA_CODE,
          ChangeCall.ECS_SERVICE,
          ChangeCall.STACK,
          ChangeCall.PARAMETER,
          ChangeCall.DETACH_ROLE_POLICY,
          ChangeCall.PUT_ROLE_POLICY,
          ChangeCall.REVOKE_INGRESS);

  /** The request parameters and response elements each API logs. */
  private static void assertAsAwsLogsIt(PlantedChange change, JsonNode trail) {
    JsonNode request = trail.get("requestParameters");
    JsonNode response = trail.get("responseElements");
    String name = change.resource();
    String account = change.account();
    assertThat(trail.get("eventTime").asText()).isEqualTo(change.time().toString());
    assertThat(trail.get("recipientAccountId").asText()).isEqualTo(account);
    assertThat(trail.get("readOnly").asBoolean()).isFalse();
    switch (ChangeCall.of(change)) {
      case LAMBDA_CODE -> {
        assertThat(request.get("functionName").asText()).isEqualTo(name);
        assertThat(response.get("functionName").asText()).isEqualTo(name);
        assertThat(response.get("functionArn").asText())
            .isEqualTo("arn:aws:lambda:eu-west-1:" + account + ":function:" + name);
        assertThat(response.get("codeSha256").asText()).hasSize(44);
        assertThat(response.get("version").asText()).matches("\\d+");
        assertThat(response.get("lastUpdateStatus").asText()).isEqualTo("InProgress");
      }
      case ECS_SERVICE -> {
        String cluster = Estate.ecsCluster(account);
        assertThat(request.get("cluster").asText()).isEqualTo(cluster);
        assertThat(request.get("service").asText()).isEqualTo(name);
        assertThat(request.get("taskDefinition").asText()).startsWith(name + ":");
        assertThat(request.get("forceNewDeployment").isBoolean()).isTrue();
        JsonNode service = response.get("service");
        assertThat(service.get("serviceArn").asText())
            .isEqualTo("arn:aws:ecs:eu-west-1:" + account + ":service/" + cluster + "/" + name);
        assertThat(service.get("serviceName").asText()).isEqualTo(name);
        assertThat(service.get("clusterArn").asText()).endsWith(":cluster/" + cluster);
        assertThat(service.get("taskDefinition").asText())
            .endsWith("task-definition/" + request.get("taskDefinition").asText());
      }
      case STACK -> {
        assertThat(request.get("stackName").asText()).isEqualTo(name);
        assertThat(request.get("templateURL").asText()).startsWith("https://");
        assertThat(request.get("parameters").isArray()).isTrue();
        assertThat(request.get("capabilities").toString()).contains("CAPABILITY_IAM");
        assertThat(response.get("stackId").asText())
            .startsWith("arn:aws:cloudformation:eu-west-1:" + account + ":stack/" + name + "/");
      }
      case PARAMETER -> {
        assertThat(request.get("name").asText()).isEqualTo(name);
        assertThat(request.get("overwrite").asBoolean()).isTrue();
        assertThat(request.has("value")).isFalse();
        assertThat(response.get("version").isInt()).isTrue();
        assertThat(response.get("tier").asText()).isEqualTo("Standard");
        assertThat(trail.get("userAgent").asText()).startsWith("Mozilla/5.0");
      }
      case DETACH_ROLE_POLICY -> {
        assertThat(request.get("roleName").asText()).isEqualTo(name);
        assertThat(request.get("policyArn").asText())
            .startsWith("arn:aws:iam::" + account + ":policy/");
        assertThat(response.isNull()).isTrue();
      }
      case PUT_ROLE_POLICY -> {
        assertThat(request.get("roleName").asText()).isEqualTo(name);
        assertThat(request.get("policyName").asText()).isNotEmpty();
        assertThat(request.get("policyDocument").asText()).contains("\"Version\":\"2012-10-17\"");
      }
      case REVOKE_INGRESS -> {
        assertThat(request.get("groupId").asText()).isEqualTo(name).startsWith("sg-0");
        assertThat(request.get("groupName").asText())
            .isEqualTo(Estate.securityGroupName(account, name));
        JsonNode rule = request.get("ipPermissions").get("items").get(0);
        assertThat(rule.get("ipProtocol").asText()).isEqualTo("tcp");
        assertThat(rule.get("fromPort").asInt()).isEqualTo(8080);
        JsonNode revoked = response.get("revokedSecurityGroupRuleSet").get("items").get(0);
        assertThat(revoked.get("groupId").asText()).isEqualTo(name);
        assertThat(revoked.get("securityGroupRuleId").asText()).startsWith("sgr-");
        assertThat(response.get("_return").asBoolean()).isTrue();
      }
      default -> assertThat(request.isObject()).as(change.eventName()).isTrue();
    }
  }

  /** The log events of the incident's service and account in [from, to). */
  private static List<JsonNode> events(
      WorkloadGenerator generator, Incident incident, long from, long to) throws IOException {
    long startMs = START.toEpochMilli();
    long tickMs = generator.settings().tick().toMillis();
    List<Integer> streams = new ArrayList<>();
    for (int stream = 0; stream < generator.streamCount(); stream++) {
      JsonNode envelope = GeneratedEnvelopes.envelope(generator.record(stream));
      if (envelope.get("owner").asText().equals(incident.account())
          && envelope.get("logGroup").asText().equals("/ecs/" + incident.service())) {
        streams.add(stream);
      }
    }
    assertThat(streams).isNotEmpty();
    List<JsonNode> events = new ArrayList<>();
    for (long tick = (from - startMs) / tickMs; tick < (to - startMs) / tickMs; tick++) {
      for (int stream : streams) {
        long index = tick * generator.streamCount() + stream;
        if (generator.plan(index).kind() != RecordPlan.Kind.DATA) {
          continue;
        }
        for (JsonNode event :
            GeneratedEnvelopes.envelope(generator.record(index)).get("logEvents")) {
          long timestamp = event.get("timestamp").asLong();
          if (timestamp >= from && timestamp < to) {
            events.add(event);
          }
        }
      }
    }
    return events;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
