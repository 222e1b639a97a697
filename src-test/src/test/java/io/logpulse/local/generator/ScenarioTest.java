package io.logpulse.local.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planted scenarios: deploys followed by errors and a configuration edit followed by a latency
 * rise, the CloudTrail events of their changes, the decoys around them and the extra-late delivery.
 */
class ScenarioTest {

  private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
  private static final Duration LAG = Duration.ofMinutes(5);
  private static final Set<String> DEPLOYS =
      Set.of("UpdateFunctionCode20150331v2", "UpdateService", "UpdateStack");
  private static final LogEventParser PARSER = new LogEventParser(ParserSettings.defaults());

  private static WorkloadGenerator generator(long seed) {
    return new WorkloadGenerator(GeneratorSettings.defaults().withSeed(seed).withStart(START));
  }

  @Test
  void everyThreeHourRunHasADeployFollowedByErrorsAndAParameterFollowedByALatencyRise() {
    Set<String> scenarios = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      List<Incident> incidents = generator(seed).plannedIncidents();

      assertThat(incidents).hasSize(3);
      assertThat(incidents)
          .as("seed %d", seed)
          .anySatisfy(
              i -> {
                assertThat(i.problem()).isEqualTo(Problem.ERRORS);
                assertThat(i.plantedChange().eventName()).isIn(DEPLOYS);
              })
          .anySatisfy(
              i -> {
                assertThat(i.problem()).isEqualTo(Problem.LATENCY);
                assertThat(i.plantedChange().eventName()).isEqualTo("PutParameter");
              });
      for (int k = 1; k < incidents.size(); k++) {
        Instant firstChange = incidents.get(k).decoys().get(0).time();
        assertThat(firstChange).as("seed %d", seed).isAfter(incidents.get(k - 1).end());
      }
      incidents.forEach(i -> scenarios.add(i.problem() + " " + i.change()));
    }
    assertThat(scenarios)
        .containsExactlyInAnyOrder(
            "ERRORS UpdateFunctionCode20150331v2 payments-fn",
            "ERRORS UpdateService checkout",
            "ERRORS UpdateStack orders-api",
            "ERRORS UpdateService web-nginx",
            "ERRORS UpdateService inventory",
            "LATENCY PutParameter /checkout/db/pool-size");
  }

  @Test
  void incidentsNameTheirServiceAndAccountAsTheParserNamesTheirLogs() throws IOException {
    WorkloadGenerator generator = generator(1);
    Set<String> parsed = new HashSet<>();
    for (int stream = 0; stream < generator.streamCount(); stream++) {
      JsonNode envelope = Envelopes.envelope(generator.record(stream));
      ServiceEvent event = parse(envelope, envelope.get("logEvents").get(0));
      parsed.add(event.getAccount() + " " + event.getService());
    }
    Set<String> planned = new HashSet<>();
    for (Scenario scenario : Scenario.DEPLOYS) {
      planned.add(scenario.account() + " " + scenario.service());
    }
    for (Scenario scenario : Scenario.CONFIGURATIONS) {
      planned.add(scenario.account() + " " + scenario.service());
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
    for (long seed = 1; seed <= 10; seed++) {
      for (Incident incident : generator(seed).plannedIncidents()) {
        PlantedChange planted = incident.plantedChange();
        PlantedChange sameAccount = incident.decoys().get(0);
        PlantedChange otherAccount = incident.decoys().get(1);

        assertThat(planted.account()).isEqualTo(incident.account());
        assertThat(planted.resource()).contains(incident.service());
        assertThat(Duration.between(planted.time(), incident.start()))
            .isBetween(Duration.ofMinutes(2), Duration.ofMinutes(6));
        assertThat(sameAccount.account()).isEqualTo(incident.account());
        assertThat(sameAccount.resource()).doesNotContain(incident.service());
        assertThat(sameAccount.time()).isBefore(planted.time());
        assertThat(otherAccount.account()).isNotEqualTo(incident.account());
        assertThat(otherAccount.eventName()).isEqualTo(planted.eventName());
        assertThat(otherAccount.resource()).isEqualTo(planted.resource());
        assertThat(otherAccount.time()).isAfter(planted.time()).isBefore(incident.start());
        assertThat(incident.decoys()).allSatisfy(d -> assertThat(d.deliveryLag()).isEqualTo(LAG));
      }
    }
  }

  @Test
  void oneChangePerRunIsDeliveredExtraLate() {
    for (long seed = 1; seed <= 10; seed++) {
      List<Duration> lags =
          generator(seed).plannedIncidents().stream()
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
      WorkloadGenerator generator = generator(seed);
      for (Incident incident : generator.plannedIncidents()) {
        List<PlantedChange> changes = new ArrayList<>(incident.decoys());
        changes.add(incident.plantedChange());
        for (PlantedChange change : changes) {
          calls.add(ChangeCall.of(change));
          assertWrittenAndParsed(generator, change);
        }
      }
    }
    assertThat(calls).containsExactlyInAnyOrder(ChangeCall.values());
  }

  @Test
  void aLatencyIncidentSlowsItsServiceByItsFactorAndLeavesErrorsAlone() throws IOException {
    WorkloadGenerator generator = generator(1);
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
      JsonNode line = Envelopes.message(event);
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
      JsonNode envelope =
          Envelopes.envelope(generator.record(tick * generator.streamCount() + stream));
      if (!envelope.get("logStream").asText().equals(logStream)) {
        continue;
      }
      for (JsonNode event : envelope.get("logEvents")) {
        String message = event.get("message").asText();
        if (event.get("timestamp").asLong() == change.time().toEpochMilli()
            && message.contains("\"" + change.eventName() + "\"")) {
          assertParsed(change, envelope, event);
          assertAsAwsLogsIt(change, Envelopes.message(event));
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
    assertThat(parsed.getChangeKind().toString())
        .isEqualTo(call.deploy ? "deploy" : "configuration");
    assertThat(parsed.getPrincipal().toString()).contains(":assumed-role/" + change.role() + "/");
    List<String> resources = parsed.getResources().stream().map(Object::toString).toList();
    // ECS names the service under requestParameters.service, which the parser does not read (yet);
    // it does read the cluster.
    assertThat(resources)
        .contains(
            call == ChangeCall.ECS_SERVICE
                ? Estate.ecsCluster(change.account())
                : change.resource());
  }

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
    }
  }

  /** The log events of the incident's service and account in [from, to). */
  private static List<JsonNode> events(
      WorkloadGenerator generator, Incident incident, long from, long to) throws IOException {
    long startMs = START.toEpochMilli();
    long tickMs = generator.settings().tick().toMillis();
    List<Integer> streams = new ArrayList<>();
    for (int stream = 0; stream < generator.streamCount(); stream++) {
      JsonNode envelope = Envelopes.envelope(generator.record(stream));
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
        for (JsonNode event : Envelopes.envelope(generator.record(index)).get("logEvents")) {
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
