package io.logpulse.metrics;

import static io.logpulse.testing.ServiceEvents.failedRequest;
import static io.logpulse.testing.ServiceEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.ServiceEvent;
import io.logpulse.testing.ServiceEvents;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricPreAggregatorTest {

  private static final long MINUTE = 60_000L;
  private static final long T0 = 1_763_700_000_000L - 1_763_700_000_000L % MINUTE;

  private OneInputStreamOperatorTestHarness<ServiceEvent, SeriesAggregate> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new MetricPreAggregator(
                new WindowSettings(Duration.ofMinutes(1), Duration.ofMinutes(5), 3)));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(ServiceEvent event) throws Exception {
    harness.processElement(new StreamRecord<>(event, event.getEventTime()));
  }

  private List<SeriesAggregate> output() {
    return harness.extractOutputValues();
  }

  @Test
  void eventsOfOneSeriesAndWindowLeaveAsOnePartialWhenTheWatermarkClosesTheWindow()
      throws Exception {
    send(request("checkout", T0 + 1_000, 10));
    send(failedRequest("checkout", T0 + 2_000, 30));
    send(request("checkout", T0 + MINUTE + 1, 20));

    assertThat(output()).isEmpty();
    harness.processWatermark(new Watermark(T0 + MINUTE - 1));

    assertThat(output())
        .singleElement()
        .satisfies(
            partial -> {
              assertThat(partial.windowStart()).isEqualTo(T0);
              assertThat(partial.requests()).isEqualTo(2);
              assertThat(partial.errors).isEqualTo(1);
            });
    assertThat(harness.getOutput())
        .filteredOn(o -> o instanceof Watermark)
        .containsExactly(new Watermark(T0 + MINUTE - 1));
  }

  @Test
  void partialsAreStampedWithTheirWindowsLastMillisecond() throws Exception {
    send(request("checkout", T0 + 5, 10));
    harness.processWatermark(new Watermark(T0 + MINUTE));

    @SuppressWarnings("unchecked")
    StreamRecord<SeriesAggregate> record =
        (StreamRecord<SeriesAggregate>) harness.getOutput().peek();
    assertThat(record.getTimestamp()).isEqualTo(T0 + MINUTE - 1);
  }

  @Test
  void eventsWithAnOperationAlsoCountTowardsTheOperationSeries() throws Exception {
    send(ServiceEvents.builder("checkout", T0).setRequest(true).setOperation("GET /cart").build());
    harness.processWatermark(new Watermark(T0 + MINUTE));

    assertThat(output())
        .extracting(SeriesAggregate::operation)
        .containsExactlyInAnyOrder(null, "GET /cart");
  }

  @Test
  void everythingIsFlushedBeforeACheckpointBarrierSoNoStateIsNeeded() throws Exception {
    send(request("checkout", T0 + 1_000, 10));
    send(request("orders", T0 + 3 * MINUTE, 10));

    harness.prepareSnapshotPreBarrier(1L);

    assertThat(output()).hasSize(2);
    assertThat(((MetricPreAggregator) harness.getOperator()).bufferedSeries()).isZero();
  }

  @Test
  void aFullBufferFlushesEarly() throws Exception {
    for (String service : List.of("a", "b", "c", "d")) {
      send(request(service, T0, 1));
    }

    assertThat(output()).hasSize(4);
  }

  @Test
  void lateEventWithinAllowedLatenessIsKeptForTheNextWatermark() throws Exception {
    harness.processWatermark(new Watermark(T0 + 3 * MINUTE));
    send(request("checkout", T0 + 10, 10));

    assertThat(output()).isEmpty();
    harness.processWatermark(new Watermark(T0 + 3 * MINUTE + 1));
    assertThat(output()).singleElement().satisfies(p -> assertThat(p.windowStart()).isEqualTo(T0));
    assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
  }

  @Test
  void eventPastAllowedLatenessIsDeadLetteredWithItsMessage() throws Exception {
    harness.processWatermark(new Watermark(T0 + 7 * MINUTE));
    ServiceEvent late = request("checkout", T0 + 10, 10);

    send(late);
    harness.processWatermark(new Watermark(T0 + 8 * MINUTE));

    assertThat(output()).isEmpty();
    assertThat(harness.getSideOutput(DeadLetters.TAG))
        .singleElement()
        .extracting(StreamRecord::getValue)
        .satisfies(
            (DeadLetter letter) -> {
              assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TOO_LATE.name());
              assertThat(letter.getAccount()).isEqualTo("111111111111");
              assertThat(letter.getEventTime().toEpochMilli()).isEqualTo(T0 + 10);
              assertThat(
                      new String(java.util.Base64.getDecoder().decode(letter.getPayloadBase64())))
                  .isEqualTo(late.getMessage());
            });
  }
}
