package io.logpulse.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ServiceEvent;
import io.logpulse.testing.ServiceEvents;
import io.logpulse.testing.StateSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

class NewErrorPatternFunctionTest {

  private static final long SECOND = 1000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long T0 = 1_763_700_000_000L;
  private static final PatternSettings SETTINGS =
      new PatternSettings(Duration.ofHours(1), 20, Duration.ofMinutes(10), 50, Duration.ofHours(6));

  private static final String[] FAMILIAR = {
    "Payment declined for order %d: card expired",
    "Timeout after %dms calling inventory at 10.0.%d.7:8080",
    "Cart c-%d is already checked out",
  };
  private static final String NEW_ERROR =
      "Cannot acquire lock on ledger row %d held by worker w-%d\n"
          + "java.util.concurrent.TimeoutException: lock wait\n"
          + "\tat com.example.ledger.Rows.lock(Rows.java:88)";

  private KeyedOneInputStreamOperatorTestHarness<String, ServiceEvent, Anomaly> harness;

  /** Whether a watermark follows each event (a live run) or comes only at the end (a batch). */
  private boolean live = true;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ServiceEvent, Anomaly> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new NewErrorPatternFunction(SETTINGS)),
        NewErrorPatternFunction::keyOf,
        Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void error(long time, String message) throws Exception {
    ServiceEvent event =
        ServiceEvents.builder("checkout", time)
            .setError(true)
            .setLevel("ERROR")
            .setMessage(message)
            .build();
    harness.processElement(new StreamRecord<>(event, time));
    if (live) {
      harness.processWatermark(new Watermark(time));
    }
  }

  /** One familiar error every 20 seconds from T0 to {@code until}, with varying numbers. */
  private void familiarErrors(long from, long until) throws Exception {
    int i = 0;
    for (long time = from; time < until; time += 20 * SECOND, i++) {
      String shape = FAMILIAR[i % FAMILIAR.length];
      error(time, String.format(shape, 1000 + i * 37, 3 + i % 250, i % 200));
    }
  }

  private void newErrors(long from, int count, long every) throws Exception {
    for (int i = 0; i < count; i++) {
      error(from + i * every, String.format(NEW_ERROR, 40_000 + i * 13, i % 9));
    }
  }

  private List<Anomaly> output() {
    return harness.extractOutputValues();
  }

  @Test
  void aNewTemplateAtVolumeAfterTheWarmupOpensOneAnomalyWithTemplateAndExample() throws Exception {
    familiarErrors(T0, T0 + 90 * MINUTE);
    long burst = T0 + 90 * MINUTE;
    newErrors(burst, 40, 5 * SECOND);

    List<Anomaly> anomalies = output();
    assertThat(anomalies).hasSize(1);
    Anomaly open = anomalies.get(0);
    assertThat(open.getState()).isEqualTo("OPEN");
    assertThat(open.getService()).isEqualTo("checkout");
    assertThat(open.getMetric()).isEqualTo(Anomalies.ERROR_PATTERN);
    assertThat(open.getDetectors()).containsExactly("new-pattern");
    assertThat(open.getStart()).isEqualTo(Instant.ofEpochMilli(burst));
    assertThat(open.getTime()).isEqualTo(Instant.ofEpochMilli(burst + 19 * 5 * SECOND));
    assertThat(open.getTemplate())
        .isEqualTo(
            "Cannot acquire lock on ledger row <*> held by worker <*>"
                + " java.util.concurrent.TimeoutException");
    assertThat(open.getExample()).startsWith("Cannot acquire lock on ledger row 40000 held by");

    harness.processWatermark(new Watermark(burst + 39 * 5 * SECOND + 10 * MINUTE));
    assertThat(output()).hasSize(2);
    Anomaly closed = output().get(1);
    assertThat(closed.getState()).isEqualTo("CLOSE");
    assertThat(closed.getAnomalyId()).isEqualTo(open.getAnomalyId());
    assertThat(closed.getObserved()).isEqualTo(40.0);
  }

  @Test
  void familiarErrorsWithVaryingIdsAndTemplatesLearnedInTheWarmupStaySilent() throws Exception {
    familiarErrors(T0, T0 + 30 * MINUTE);
    newErrors(T0 + 30 * MINUTE, 30, 5 * SECOND);
    familiarErrors(T0 + 33 * MINUTE, T0 + 5 * 60 * MINUTE);
    newErrors(T0 + 5 * 60 * MINUTE, 40, 5 * SECOND);

    assertThat(output()).isEmpty();
  }

  @Test
  void aNewTemplateBelowTheMinimumCountStaysSilent() throws Exception {
    familiarErrors(T0, T0 + 90 * MINUTE);
    newErrors(T0 + 90 * MINUTE, 19, 5 * SECOND);
    newErrors(T0 + 101 * MINUTE, 19, 5 * SECOND);

    assertThat(output()).isEmpty();
  }

  /**
   * A new template's burst that opens an anomaly and goes quiet, then seven hours without errors
   * (beyond the TTL, so the service starts a new warm-up), then the same burst again.
   */
  private List<Anomaly> burstQuietThenTheSameBurstAfterTheTtl() throws Exception {
    aBurst();
    quietThenTheSameBurstAfterTheTtl();
    return output();
  }

  private void aBurst() throws Exception {
    familiarErrors(T0, T0 + 90 * MINUTE);
    newErrors(T0 + 90 * MINUTE, 40, 5 * SECOND);
  }

  private void quietThenTheSameBurstAfterTheTtl() throws Exception {
    familiarErrors(T0 + 120 * MINUTE, T0 + 130 * MINUTE);
    long again = T0 + 130 * MINUTE + Duration.ofHours(7).toMillis();
    familiarErrors(again, again + 10 * MINUTE);
    newErrors(again + 10 * MINUTE, 40, 5 * SECOND);
    harness.processWatermark(new Watermark(Long.MAX_VALUE));
  }

  @Test
  void stateThatAnEarlierBuildWroteRestoresAndCarriesOnAsIfUninterrupted() throws Exception {
    List<Anomaly> uninterrupted = burstQuietThenTheSameBurstAfterTheTtl();

    harness.close();
    harness = newHarness();
    harness.open();
    aBurst();
    List<Anomaly> restored = new ArrayList<>(output());
    OperatorSubtaskState committed =
        StateSnapshots.committed("new-error-pattern-function", harness.snapshot(0, 0));
    harness.close();
    harness = newHarness();
    harness.initializeState(committed);
    harness.open();
    quietThenTheSameBurstAfterTheTtl();
    restored.addAll(output());

    assertThat(restored).hasSize(2).isEqualTo(uninterrupted);
  }

  @Test
  void timersFiringOnlyAtTheEndAsInABatchRunGiveTheSameAnomaliesAsALiveRun() throws Exception {
    List<Anomaly> liveRun = burstQuietThenTheSameBurstAfterTheTtl();
    assertThat(liveRun)
        .extracting(Anomaly::getState, a -> a.getTime().toEpochMilli())
        .containsExactly(
            tuple("OPEN", T0 + 90 * MINUTE + 19 * 5 * SECOND),
            tuple("CLOSE", T0 + 90 * MINUTE + 39 * 5 * SECOND + 10 * MINUTE));

    harness.close();
    harness = newHarness();
    harness.open();
    live = false;
    assertThat(burstQuietThenTheSameBurstAfterTheTtl()).isEqualTo(liveRun);
  }

  @Test
  void stateAndTimerAreClearedWhenAServiceStaysQuietForTheTtl() throws Exception {
    familiarErrors(T0, T0 + 90 * MINUTE);
    newErrors(T0 + 90 * MINUTE, 40, 5 * SECOND);
    long last = T0 + 90 * MINUTE + 39 * 5 * SECOND;
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(new Watermark(last + Duration.ofHours(6).toMillis()));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void learnedTemplatesAndCountsSurviveASnapshotAndRestore() throws Exception {
    familiarErrors(T0, T0 + 90 * MINUTE);
    long burst = T0 + 90 * MINUTE;
    newErrors(burst, 10, 5 * SECOND);
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    for (int i = 10; i < 20; i++) {
      error(burst + i * 5 * SECOND, String.format(NEW_ERROR, 50_000 + i, i));
    }
    familiarErrors(burst + 2 * MINUTE, burst + 5 * MINUTE);

    assertThat(output())
        .singleElement()
        .satisfies(
            anomaly -> {
              assertThat(anomaly.getState()).isEqualTo("OPEN");
              assertThat(anomaly.getStart()).isEqualTo(Instant.ofEpochMilli(burst));
              assertThat(anomaly.getObserved()).isEqualTo(20.0);
            });
  }

  @Test
  void twoNewTemplatesFirstSeenAtTheSameMillisecondAreTwoAnomalies() throws Exception {
    familiarErrors(T0, T0 + 90 * MINUTE);
    long burst = T0 + 90 * MINUTE;
    for (int i = 0; i < 20; i++) {
      error(burst + i * SECOND, String.format(NEW_ERROR, 40_000 + i, i));
      error(burst + i * SECOND, "Quota exhausted for tenant t" + i + " on bucket uploads");
    }

    assertThat(output())
        .hasSize(2)
        .allSatisfy(
            anomaly -> assertThat(anomaly.getStart()).isEqualTo(Instant.ofEpochMilli(burst)))
        .extracting(Anomaly::getAnomalyId)
        .doesNotHaveDuplicates();
  }

  @Test
  void jsonErrorLinesAreMinedByTheirMessageNotTheirKeys() throws Exception {
    String json =
        "{\"timestamp\":\"t%d\",\"level\":\"ERROR\",\"service\":\"checkout\","
            + "\"message\":\"%s\",\"request_id\":\"r-%d\"}";
    for (int i = 0; i < 90 * 3; i++) {
      error(T0 + i * 20 * SECOND, String.format(json, i, "Request failed: GET /api/carts/" + i, i));
    }
    long burst = T0 + 90 * MINUTE;
    for (int i = 0; i < 20; i++) {
      error(
          burst + i * SECOND,
          String.format(json, i, "Inventory reservation rejected for sku " + i, i));
    }

    assertThat(output())
        .singleElement()
        .satisfies(
            anomaly -> {
              assertThat(anomaly.getTemplate())
                  .isEqualTo("Inventory reservation rejected for sku <*>");
              assertThat(anomaly.getExample()).startsWith("{\"timestamp\":\"t0\"");
            });
  }
}
