package io.logpulse.metrics;

import static io.logpulse.testing.ServiceEvents.failedRequest;
import static io.logpulse.testing.ServiceEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.MetricWindow;
import io.logpulse.schema.ServiceEvent;
import io.logpulse.testing.StateSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowedMetricAggregatorTest {

  private static final long MINUTE = 60_000L;
  private static final long T0 = 1_763_700_000_000L - 1_763_700_000_000L % MINUTE;
  private static final WindowSettings SETTINGS =
      new WindowSettings(Duration.ofMinutes(1), Duration.ofMinutes(5), 1000);

  private KeyedOneInputStreamOperatorTestHarness<String, SeriesAggregate, MetricWindow> harness;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, SeriesAggregate, MetricWindow>
      newHarness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new WindowedMetricAggregator(SETTINGS)),
        new SeriesKeySelector(),
        Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static SeriesAggregate partial(String service, long windowStart, ServiceEvent... events) {
    SeriesAggregate partial = new SeriesAggregate("111111111111", service, null, windowStart);
    for (ServiceEvent event : events) {
      partial.add(event);
    }
    return partial;
  }

  private void send(SeriesAggregate partial) throws Exception {
    harness.processElement(
        new StreamRecord<>(partial, TumblingWindow.maxTimestamp(partial.windowStart(), MINUTE)));
  }

  private List<MetricWindow> output() {
    return harness.extractOutputValues();
  }

  private List<MetricWindow> deltas() {
    return harness.getSideOutput(WindowedMetricAggregator.DELTAS) == null
        ? List.of()
        : harness.getSideOutput(WindowedMetricAggregator.DELTAS).stream()
            .map(StreamRecord::getValue)
            .toList();
  }

  @Test
  void theFirstEmissionsDeltaIsTheWholeWindow() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10), request("checkout", T0 + 2, 20)));
    send(partial("checkout", T0, failedRequest("checkout", T0 + 3, 400)));
    assertThat(deltas()).isEmpty();

    harness.processWatermark(new Watermark(T0 + MINUTE - 1));

    assertThat(deltas()).containsExactlyElementsOf(output());
    assertThat(deltas().get(0).getRevision()).isZero();
    assertThat(deltas().get(0).getRequestCount()).isEqualTo(3);
  }

  @Test
  void aCorrectionsDeltaHoldsOnlyTheLateDataSinceThePreviousEmission() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    harness.processWatermark(new Watermark(T0 + MINUTE));
    send(partial("checkout", T0, failedRequest("checkout", T0 + 5, 50)));
    send(partial("checkout", T0, request("checkout", T0 + 6, 60)));
    harness.processWatermark(new Watermark(T0 + 2 * MINUTE));
    send(partial("checkout", T0, request("checkout", T0 + 7, 70)));
    harness.processWatermark(new Watermark(T0 + 3 * MINUTE));

    List<MetricWindow> deltas = deltas();
    assertThat(deltas).extracting(MetricWindow::getRevision).containsExactly(0, 1, 2);
    assertThat(deltas).extracting(MetricWindow::getRequestCount).containsExactly(1L, 2L, 1L);
    assertThat(deltas).extracting(MetricWindow::getErrorCount).containsExactly(0L, 1L, 0L);
    assertThat(deltas.get(1).getLatencyCount()).isEqualTo(2);
    assertThat(deltas.get(1).getLatencySumMs()).isCloseTo(110.0, within(1e-9));
    assertThat(deltas.get(2).getLatencyMaxMs()).isEqualTo(70.0);
    assertThat(deltas.stream().mapToLong(MetricWindow::getRequestCount).sum())
        .as("deltas add up to the newest revision")
        .isEqualTo(output().get(2).getRequestCount());
  }

  @Test
  void aCorrectionsDeltaSurvivesASnapshotAndRestore() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    harness.processWatermark(new Watermark(T0 + MINUTE));
    send(partial("checkout", T0, request("checkout", T0 + 5, 50)));
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    harness.processWatermark(new Watermark(T0 + 2 * MINUTE));

    assertThat(deltas())
        .singleElement()
        .satisfies(
            delta -> {
              assertThat(delta.getRevision()).isEqualTo(1);
              assertThat(delta.getRequestCount()).isEqualTo(1);
              assertThat(delta.getLatencyMaxMs()).isEqualTo(50.0);
            });
  }

  @Test
  void lateDataStateIsClearedWithItsWindow() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    harness.processWatermark(new Watermark(T0 + MINUTE));
    send(partial("checkout", T0, request("checkout", T0 + 5, 50)));

    harness.processWatermark(new Watermark(T0 + MINUTE - 1 + 5 * MINUTE));

    assertThat(deltas()).extracting(MetricWindow::getRequestCount).containsExactly(1L, 1L);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void partialsMergeAndTheWindowIsEmittedWhenTheWatermarkPassesItsEnd() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10), request("checkout", T0 + 2, 20)));
    send(partial("checkout", T0, failedRequest("checkout", T0 + 3, 400)));

    harness.processWatermark(new Watermark(T0 + MINUTE - 2));
    assertThat(output()).isEmpty();
    harness.processWatermark(new Watermark(T0 + MINUTE - 1));

    assertThat(output())
        .singleElement()
        .satisfies(
            window -> {
              assertThat(window.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
              assertThat(window.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + MINUTE));
              assertThat(window.getRevision()).isZero();
              assertThat(window.getRequestCount()).isEqualTo(3);
              assertThat(window.getErrorCount()).isEqualTo(1);
              assertThat(window.getErrorRate()).isCloseTo(1 / 3.0, within(1e-9));
              assertThat(window.getLatencyCount()).isEqualTo(3);
              assertThat(window.getLatencyMaxMs()).isEqualTo(400.0);
              assertThat(window.getLatencyP50Ms()).isCloseTo(20.0, within(20.0 * 0.01));
              assertThat(window.getLatencySumMs()).isEqualTo(430.0);
              assertThat(window.getLevelCounts())
                  .containsEntry("ERROR", 1L)
                  .containsEntry("UNKNOWN", 2L);
              assertThat(LatencySketches.decode(window.getLatencySketch()).getCount())
                  .isEqualTo(3.0);
            });
  }

  @Test
  void lateDataWithinLatenessEmitsTheCompleteWindowAgainAsTheNextRevision() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    harness.processWatermark(new Watermark(T0 + MINUTE));

    send(partial("checkout", T0, failedRequest("checkout", T0 + 5, 50)));
    send(partial("checkout", T0, request("checkout", T0 + 6, 60)));
    assertThat(output()).hasSize(1);
    harness.processWatermark(new Watermark(T0 + 2 * MINUTE));

    List<MetricWindow> windows = output();
    assertThat(windows).extracting(MetricWindow::getRevision).containsExactly(0, 1);
    assertThat(windows.get(1).getRequestCount()).isEqualTo(3);
    assertThat(windows.get(1).getErrorCount()).isEqualTo(1);
  }

  @Test
  void partialPastAllowedLatenessIsDeadLetteredNotMerged() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    harness.processWatermark(new Watermark(T0 + 6 * MINUTE));

    send(partial("checkout", T0, request("checkout", T0 + 2, 10)));

    assertThat(output()).extracting(MetricWindow::getRevision).containsExactly(0);
    assertThat(harness.getSideOutput(DeadLetters.TAG))
        .singleElement()
        .satisfies(
            r -> assertThat(r.getValue().getReason()).isEqualTo(DeadLetterReason.TOO_LATE.name()));
  }

  @Test
  void stateAndTimersAreClearedOnceTheLatenessHasPassed() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    send(partial("orders", T0 + MINUTE, request("orders", T0 + MINUTE + 1, 10)));
    assertThat(harness.numKeyedStateEntries()).isPositive();
    assertThat(harness.numEventTimeTimers()).isPositive();

    harness.processWatermark(new Watermark(T0 + 2 * MINUTE - 1 + 5 * MINUTE));

    assertThat(output()).hasSize(2);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void windowsSurviveASnapshotAndRestoreFromTheStateAnEarlierBuildWrote() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    OperatorSubtaskState snapshot =
        StateSnapshots.committed("windowed-metric-aggregator", harness.snapshot(1L, 1L));
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(partial("checkout", T0, request("checkout", T0 + 2, 30)));
    harness.processWatermark(new Watermark(T0 + MINUTE));

    assertThat(output())
        .singleElement()
        .satisfies(
            window -> {
              assertThat(window.getRequestCount()).isEqualTo(2);
              assertThat(window.getLatencyMaxMs()).isEqualTo(30.0);
            });
  }

  @Test
  void eachSeriesIsItsOwnKey() throws Exception {
    send(partial("checkout", T0, request("checkout", T0 + 1, 10)));
    SeriesAggregate operation = new SeriesAggregate("111111111111", "checkout", "GET /cart", T0);
    operation.add(request("checkout", T0 + 1, 10));
    send(operation);
    harness.processWatermark(new Watermark(T0 + MINUTE));

    assertThat(output())
        .extracting(MetricWindow::getOperation)
        .containsExactlyInAnyOrder(null, "GET /cart");
  }
}
