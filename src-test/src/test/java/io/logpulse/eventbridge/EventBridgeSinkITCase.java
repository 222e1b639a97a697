package io.logpulse.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import io.logpulse.testing.FaultInjectingProxy;
import io.logpulse.testing.IncidentQueue;
import io.logpulse.testing.Incidents;
import io.logpulse.testing.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The sink in a bounded MiniCluster job against moto_server: incidents go through a bus and a rule
 * matching source logpulse and detail-type Incident to an SQS queue, and are read back from it
 * field by field (so this also fails if the EventBridge client stops speaking a protocol the local
 * server understands); an incident too large for one event arrives shortened; throttling and server
 * errors for a while lose nothing; a bus that does not exist fails the job, naming the bus; and the
 * delivery rate of 1,000 incidents is measured.
 */
@Timeout(180)
class EventBridgeSinkITCase {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  /** The sink's job metrics, kept after each job ends. */
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(METRICS.addToConfiguration(new Configuration()))
              .build());

  private static final AtomicInteger BUSES = new AtomicInteger();

  private static EventBridgeSettings settings(String endpoint, String bus) {
    return new EventBridgeSettings(
        bus,
        null,
        endpoint,
        2,
        4,
        Duration.ofMillis(20),
        Duration.ofMillis(200),
        Duration.ofSeconds(30));
  }

  private static IncidentQueue newQueue() {
    return new IncidentQueue(MOTO.endpoint(), "incidents-it-" + BUSES.incrementAndGet());
  }

  /** Runs the incidents through the sink in a two-subtask job without restarts. */
  private static JobExecutionResult run(List<Incident> incidents, EventBridgeSettings settings)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.fromData(incidents)
        .rebalance()
        .sinkTo(EventBridgeSinks.create(settings))
        .uid("eventbridge-sink")
        .name("Incidents to EventBridge");
    return env.execute("eventbridge sink test");
  }

  /** A counter of the sink's (group kinesisanalytics), summed over the job's subtasks. */
  private static long counter(JobExecutionResult job, String name) {
    String jobId = job.getJobID().toString();
    return METRICS.getMetricsByGroup().entrySet().stream()
        .filter(group -> jobId.equals(group.getKey().getAllVariables().get("<job_id>")))
        .map(group -> group.getValue().get(name))
        .filter(Counter.class::isInstance)
        .mapToLong(counter -> ((Counter) counter).getCount())
        .sum();
  }

  private static String key(JsonNode detail) {
    return detail.get("incident_id").asText() + "#" + detail.get("revision").asInt();
  }

  @Test
  void everyIncidentArrivesThroughARuleAtAQueueWithItsFieldsIntact() throws Exception {
    List<Incident> incidents = Incidents.lifecycles(10, 3);
    try (IncidentQueue queue = newQueue()) {

      JobExecutionResult job = run(incidents, settings(MOTO.endpoint(), queue.bus()));

      assertThat(counter(job, "eventBridgeDelivered")).isEqualTo(incidents.size());
      List<JsonNode> events = queue.receive(incidents.size(), Duration.ofSeconds(30));
      assertThat(events).hasSize(incidents.size());
      Map<String, JsonNode> byKey = new HashMap<>();
      for (JsonNode event : events) {
        assertThat(event.get("source").asText()).isEqualTo("logpulse");
        assertThat(event.get("detail-type").asText()).isEqualTo("Incident");
        byKey.put(key(event.get("detail")), event.get("detail"));
      }
      for (Incident incident : incidents) {
        JsonNode detail = byKey.get(incident.getIncidentId() + "#" + incident.getRevision());
        assertThat(detail).as(incident.getIncidentId()).isNotNull();
        assertThat(detail.get("state").asText()).isEqualTo(incident.getState());
        assertThat(detail.get("summary").asText()).isEqualTo(incident.getSummary());
        assertThat(detail.get("time").asText()).isEqualTo(incident.getTime().toString());
        assertThat(detail.get("truncated").asBoolean()).isFalse();
        assertThat(detail.get("suspects")).hasSize(incident.getSuspects().size());
        Suspect top = incident.getSuspects().get(0);
        JsonNode first = detail.get("suspects").get(0);
        assertThat(first.get("change_id").asText()).isEqualTo(top.getChangeId());
        assertThat(first.get("event_name").asText()).isEqualTo(top.getEventName());
        assertThat(first.get("principal").asText()).isEqualTo(top.getPrincipal());
        assertThat(first.get("time").asText()).isEqualTo(top.getTime().toString());
        assertThat(first.get("score").asDouble()).isEqualTo(top.getScore());
        assertThat(first.get("resources").get(0).asText()).isEqualTo(top.getResources().get(0));
        assertThat(first.get("explanation").asText()).isEqualTo(top.getExplanation());
      }
      Map<String, Set<Integer>> revisionsById =
          events.stream()
              .map(e -> e.get("detail"))
              .collect(
                  Collectors.groupingBy(
                      d -> d.get("incident_id").asText(),
                      Collectors.mapping(d -> d.get("revision").asInt(), Collectors.toSet())));
      assertThat(revisionsById).hasSize(10).allSatisfy((id, r) -> assertThat(r).contains(1, 2, 3));
    }
  }

  @Test
  void anIncidentTooLargeForOneEventArrivesShortenedSayingSoAndIsCounted() throws Exception {
    Incident large = Incidents.lifecycles(1, 1).get(0);
    List<Suspect> suspects = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      Suspect suspect = Incidents.suspect("change-" + k, Incidents.START, 1.0 - k / 100.0);
      suspect.setExplanation(k + ": " + "x".repeat(10_000));
      suspects.add(suspect);
    }
    large.setSuspects(suspects);
    try (IncidentQueue queue = newQueue()) {

      JobExecutionResult job = run(List.of(large), settings(MOTO.endpoint(), queue.bus()));

      assertThat(counter(job, "eventBridgeTruncated")).isEqualTo(1);
      assertThat(counter(job, "eventBridgeDelivered")).isEqualTo(1);
      List<JsonNode> events = queue.receive(1, Duration.ofSeconds(30));
      assertThat(events).hasSize(1);
      JsonNode detail = events.get(0).get("detail");
      assertThat(detail.get("incident_id").asText()).isEqualTo(large.getIncidentId());
      assertThat(detail.get("truncated").asBoolean()).isTrue();
      assertThat(detail.get("suspects")).hasSize(40);
      assertThat(detail.get("suspects").get(0).get("explanation").asText()).startsWith("0: x");
      assertThat(detail.get("suspects").get(39).get("explanation").isNull()).isTrue();
      assertThat(detail.get("omitted").get("explanations").asInt()).isPositive();
    }
  }

  @Test
  void throttlingAndServerErrorsForAWhileLoseNoIncident() throws Exception {
    List<Incident> incidents = Incidents.lifecycles(10, 3);
    try (IncidentQueue queue = newQueue();
        FaultInjectingProxy proxy = new FaultInjectingProxy(MOTO.endpoint())) {
      // 500, 503 and ThrottlingException in turn; with 4 attempts per request, some requests use
      // up their attempts and are handed back to Flink, the others succeed on an SDK retry.
      proxy.failNext(24);

      JobExecutionResult job = run(incidents, settings(proxy.endpoint(), queue.bus()));

      assertThat(proxy.failed()).isEqualTo(24);
      assertThat(counter(job, "eventBridgeRetried")).as("entries sent again").isPositive();
      assertThat(counter(job, "eventBridgeRejected")).isZero();
      List<JsonNode> events = queue.receive(incidents.size(), Duration.ofSeconds(30));
      Map<String, Integer> copies = new TreeMap<>();
      events.forEach(e -> copies.merge(key(e.get("detail")), 1, Integer::sum));
      assertThat(copies.keySet())
          .as("incidents delivered at least once")
          .isEqualTo(
              incidents.stream()
                  .map(i -> i.getIncidentId() + "#" + i.getRevision())
                  .collect(Collectors.toSet()));
      // Failed attempts never reached moto, so nothing was delivered twice here; duplicates
      // would come from answers lost after EventBridge accepted a request.
      assertThat(events.size() - copies.size()).as("duplicates").isZero();
    }
  }

  @Test
  void aBusThatDoesNotExistFailsTheJobNamingTheBus() {
    assertThatThrownBy(
            () -> run(Incidents.lifecycles(1, 1), settings(MOTO.endpoint(), "no-such-bus")))
        .satisfies(
            e ->
                assertThat(
                        ExceptionUtils.findThrowable(e, EventBridgeRefusedException.class)
                            .orElseThrow()
                            .getMessage())
                    .contains("'no-such-bus'"));
  }

  /**
   * Measures the sink alone: moto delivers each event to a rule's target slowly (about a quarter
   * second per event here, rebuilding a JSONPath parser per event), so this bus has no rule, and
   * the delivered count is the sink's own metric, counted from EventBridge's answers. A first,
   * smaller job warms the JVM up (SDK and Flink classes), which makes the first run about twice as
   * slow.
   */
  @Test
  void deliveryRateOfAThousandIncidents() throws Exception {
    List<Incident> incidents = Incidents.lifecycles(250, 4);
    EventBridgeSettings settings = settings(MOTO.endpoint(), "incidents-bench");
    try (EventBridgeClient client = EventBridgeClients.create(settings)) {
      client.createEventBus(b -> b.name(settings.bus()));
    }
    run(Incidents.lifecycles(25, 4), settings);

    JobExecutionResult job = run(incidents, settings);

    assertThat(counter(job, "eventBridgeDelivered")).isEqualTo(incidents.size());
    double seconds = job.getNetRuntime() / 1000.0;
    System.out.printf(
        "EventBridge sink: %d incidents to moto_server in %.2f s (job run time, 2 subtasks,"
            + " 2 requests in flight each): %.0f entries/s%n",
        incidents.size(), seconds, incidents.size() / seconds);
  }
}
