package io.logpulse.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Incident;
import io.logpulse.testing.FaultInjectingProxy;
import io.logpulse.testing.IncidentQueue;
import io.logpulse.testing.Incidents;
import io.logpulse.testing.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publisher against moto_server, directly and through a fault-injecting proxy: entries
 * EventBridge refuses inside an accepted request (moto answers a malformed detail with {@code
 * MalformedDetail}, {@code FailedEntryCount > 0}) are counted and dropped while the others arrive;
 * throttling and 5xx are retried by the SDK and counted; a request failing through every attempt is
 * handed back; a request refused as a whole fails, naming the bus.
 */
class EventBridgePublisherITCase {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private final MetricListener metrics = new MetricListener();
  private FaultInjectingProxy proxy;

  @BeforeEach
  void start() throws Exception {
    proxy = new FaultInjectingProxy(MOTO.endpoint());
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private static EventBridgeSettings settings(String endpoint, String bus, int maxAttempts) {
    return new EventBridgeSettings(
        bus,
        null,
        endpoint,
        1,
        maxAttempts,
        Duration.ofMillis(10),
        Duration.ofMillis(50),
        Duration.ofSeconds(30));
  }

  private EventBridgePublisher publisher(String endpoint, String bus, int maxAttempts) {
    EventBridgeSettings settings = settings(endpoint, bus, maxAttempts);
    return new EventBridgePublisher(
        settings, EventBridgeClients.create(settings), new JobMetrics(metrics.getMetricGroup()));
  }

  private long counter(String... path) {
    List<String> identifier = new ArrayList<>(List.of(JobMetrics.GROUP));
    identifier.addAll(List.of(path));
    return metrics.getCounter(identifier.toArray(String[]::new)).map(c -> c.getCount()).orElse(0L);
  }

  private static List<IncidentEntry> entries(int n) {
    return Incidents.lifecycles(n, 1).stream().map(EventBridgePublisherITCase::entry).toList();
  }

  private static IncidentEntry entry(Incident incident) {
    return IncidentEntry.of(
        incident, IncidentJson.detail(incident, IncidentEntry.MAX_DETAIL_BYTES));
  }

  /** A bus without rules, which moto answers fastest. */
  private static String bus(String name) {
    try (var client = EventBridgeClients.create(settings(MOTO.endpoint(), name, 1))) {
      client.createEventBus(b -> b.name(name));
    }
    return name;
  }

  @Test
  void entriesRefusedForGoodInsideAnAcceptedRequestAreCountedAndDroppedWhileTheOthersArrive()
      throws Exception {
    List<IncidentEntry> valid = entries(5);
    IncidentEntry malformed = new IncidentEntry("bad/one@1", 1, 0, "{\"unclosed\": ");
    IncidentEntry alsoMalformed = new IncidentEntry("bad/two@1", 1, 0, "not json");
    List<IncidentEntry> batch = new ArrayList<>(valid);
    batch.add(1, malformed);
    batch.add(alsoMalformed);

    try (IncidentQueue queue = new IncidentQueue(MOTO.endpoint(), "publisher-partial");
        EventBridgePublisher publisher = publisher(MOTO.endpoint(), queue.bus(), 3)) {
      assertThat(publisher.publish(batch)).as("handed back").isEmpty();

      List<JsonNode> events = queue.receive(valid.size(), Duration.ofSeconds(30));
      assertThat(events)
          .extracting(e -> e.get("detail").get("incident_id").asText())
          .containsExactlyInAnyOrderElementsOf(
              valid.stream().map(IncidentEntry::incidentId).toList());
    }
    assertThat(counter("eventBridgeDelivered")).isEqualTo(5);
    assertThat(counter("eventBridgeRejected")).isEqualTo(2);
    assertThat(counter("Reason", "EVENTBRIDGE_REJECTED", "deadLetters")).isEqualTo(2);
    assertThat(counter("eventBridgeRetried")).isZero();
  }

  @Test
  void throttlingAndServerErrorsAreRetriedByTheSdkAndCounted() throws Exception {
    proxy.failNext(3);
    try (EventBridgePublisher publisher =
        publisher(proxy.endpoint(), bus("publisher-retried"), 4)) {
      assertThat(publisher.publish(entries(2))).isEmpty();
    }

    assertThat(proxy.failed()).isEqualTo(3);
    assertThat(proxy.forwarded()).isEqualTo(1);
    assertThat(counter("eventBridgeDelivered")).isEqualTo(2);
    assertThat(counter("eventBridgeRetried")).as("2 entries, 3 retries").isEqualTo(6);
  }

  @Test
  void aRequestFailingThroughEveryAttemptIsHandedBackToBeSentLater() throws Exception {
    proxy.failNext(1_000);
    List<IncidentEntry> entries = entries(3);
    try (EventBridgePublisher publisher =
        publisher(proxy.endpoint(), bus("publisher-unavailable"), 3)) {
      assertThat(publisher.publish(entries)).containsExactlyElementsOf(entries);
    }

    assertThat(proxy.failed()).isEqualTo(3);
    assertThat(proxy.forwarded()).isZero();
    assertThat(counter("eventBridgeDelivered")).isZero();
    assertThat(counter("eventBridgeRetried")).as("2 SDK retries, then handed back").isEqualTo(9);
  }

  @Test
  void aRequestRefusedAsAWholeFailsNamingTheBus() throws Exception {
    proxy.rejectNext(1);
    try (EventBridgePublisher publisher =
        publisher(proxy.endpoint(), bus("publisher-refused"), 4)) {
      assertThatThrownBy(() -> publisher.publish(entries(1)))
          .isInstanceOf(EventBridgeRefusedException.class)
          .hasMessageContaining("'publisher-refused'")
          .hasMessageContaining("ValidationException");
    }

    assertThat(proxy.failed()).isEqualTo(1);
    assertThat(counter("eventBridgeRetried")).isZero();
  }
}
