package io.logpulse.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.Incident;
import io.logpulse.testing.Incidents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * An incident's PutEvents entry: measured as EventBridge measures it, its stable source and
 * detail-type, and its checkpointed form.
 */
class IncidentEntryTest {

  private static final Instant START = Instant.parse("2026-03-01T10:15:00Z");

  private static IncidentEntry entry(Incident incident) {
    return IncidentEntry.of(
        incident, IncidentJson.detail(incident, IncidentEntry.MAX_DETAIL_BYTES));
  }

  @Test
  void entriesAreMeasuredAsEventBridgeDocumentsIt() {
    PutEventsRequestEntry timed =
        PutEventsRequestEntry.builder()
            .time(START)
            .source("logpulse") // 8 bytes
            .detailType("Incident") // 8
            .detail("{\"a\":\"ü\"}") // 10 in UTF-8
            .resources("arn:x", "日本") // 5 + 6
            .eventBusName("not counted")
            .build();
    assertThat(PutEventsLimits.entrySize(timed)).isEqualTo(14 + 8 + 8 + 10 + 5 + 6);
    assertThat(PutEventsLimits.entrySize(timed.toBuilder().time(null).resources(List.of()).build()))
        .isEqualTo(8 + 8 + 10);
  }

  @Test
  void anIncidentIsAnEntryOfSourceLogpulseAndDetailTypeIncidentAtItsEventTime() {
    Incident incident = Incidents.step("a/b@c", 4, "CLOSE", START, START.plusSeconds(600), 2);
    IncidentEntry entry = entry(incident);

    PutEventsRequestEntry sdk = entry.toSdk("arn:aws:events:eu-west-1:123456789012:event-bus/x");

    assertThat(sdk.source()).isEqualTo("logpulse");
    assertThat(sdk.detailType()).isEqualTo("Incident");
    assertThat(sdk.time()).isEqualTo(START.plusSeconds(600));
    assertThat(sdk.eventBusName()).isEqualTo("arn:aws:events:eu-west-1:123456789012:event-bus/x");
    assertThat(sdk.hasResources()).isFalse();
    assertThat(sdk.detail()).isEqualTo(IncidentJson.detail(incident, Long.MAX_VALUE).json());
    assertThat(entry.sizeInBytes()).isEqualTo(PutEventsLimits.entrySize(sdk));
    assertThat(entry).hasToString("incident a/b@c revision 4");
  }

  @Test
  void theLargestEntryStaysWithinPutEventsLimitsWithRoomForTheEnvelope() {
    Incident incident = Incidents.step("a/b@c", 1, "OPEN", START, START, 1);
    incident.setSummary("x".repeat(400_000));

    IncidentEntry entry = entry(incident);

    assertThat(entry.sizeInBytes())
        .isLessThanOrEqualTo(PutEventsLimits.MAX_ENTRY_BYTES)
        .isGreaterThan(PutEventsLimits.MAX_ENTRY_BYTES - 100);
    assertThat(PutEventsLimits.MAX_ENTRY_BYTES + 1024).isLessThan(256 * 1024);
  }

  @Test
  void bufferedEntriesSurviveACheckpointIncludingDetailsOver64Kilobytes() throws Exception {
    Incident large = Incidents.step("big/one@t", 2, "UPDATE", START, START, 1);
    large.setSummary("日本語".repeat(30_000)); // 270 KB of UTF-8 before the cut
    List<IncidentEntry> entries =
        List.of(entry(large), entry(Incidents.step("small@t", 1, "OPEN", START, START, 3)));
    SimpleVersionedSerializer<BufferedRequestState<IncidentEntry>> serializer =
        new EventBridgeSink(
                new EventBridgeSettings(
                    "default",
                    null,
                    null,
                    1,
                    1,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ofSeconds(1)))
            .getWriterStateSerializer();

    BufferedRequestState<IncidentEntry> restored =
        serializer.deserialize(
            serializer.getVersion(),
            serializer.serialize(
                new BufferedRequestState<>(
                    entries.stream()
                        .map(e -> new RequestEntryWrapper<>(e, e.sizeInBytes()))
                        .toList())));

    assertThat(restored.getBufferedRequestEntries())
        .extracting(RequestEntryWrapper::getRequestEntry)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(entries);
    assertThat(entries.get(0).detail().length()).isGreaterThan(65_535 / 3);
  }
}
