package io.logpulse.detect;

import static io.logpulse.detect.Series.MINUTE;
import static io.logpulse.detect.Series.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.Anomaly;
import io.logpulse.testing.StateSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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

class SeriesAnomalyFunctionTest {

  private static final DetectSettings SETTINGS =
      new DetectSettings(
          EnumSet.of(
              DetectorKind.SEASONAL,
              DetectorKind.RCF,
              DetectorKind.BURN_RATE,
              DetectorKind.CHANGE_POINT),
          EnumSet.of(MetricKind.ERROR_RATE, MetricKind.LATENCY_P99),
          60,
          0.999,
          0.5,
          0.3,
          3,
          Duration.ofHours(1),
          8,
          30,
          256,
          DetectSettings.defaults().falseAlarmsPerDay());

  private KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, Anomaly> harness;

  /** Whether a watermark follows each value (a live run) or comes only at the end (a batch). */
  private boolean live = true;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, Anomaly> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new SeriesAnomalyFunction(SETTINGS)),
        SeriesPoint::seriesKey,
        Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(String service, MetricKind metric, int i, double value) throws Exception {
    harness.processElement(
        new StreamRecord<>(
            new SeriesPoint("123456789012", service, null, metric, time(i), value, 200), time(i)));
    if (live) {
      harness.processWatermark(new Watermark(time(i)));
    }
  }

  /**
   * A latency jump whose anomaly is still open when the series goes quiet for longer than the TTL,
   * then the series again at its old level: the anomaly closes at the eviction, and the series
   * starts a new warm-up.
   */
  private List<Anomaly> aJumpThenQuietForLongerThanTheTtl() throws Exception {
    aJump();
    afterTheQuiet();
    return output();
  }

  private static final double[] QUIET_SERIES = Series.flat(300, 120, 4, 11);

  private void aJump() throws Exception {
    for (int i = 0; i < 100; i++) {
      send("checkout", MetricKind.LATENCY_P99, i, i >= 90 ? 400 : QUIET_SERIES[i]);
    }
  }

  private void afterTheQuiet() throws Exception {
    for (int i = 200; i < 300; i++) {
      send("checkout", MetricKind.LATENCY_P99, i, QUIET_SERIES[i]);
    }
    harness.processWatermark(new Watermark(Long.MAX_VALUE));
  }

  @Test
  void stateThatAnEarlierBuildWroteRestoresAndCarriesOnAsIfUninterrupted() throws Exception {
    List<Anomaly> uninterrupted = aJumpThenQuietForLongerThanTheTtl();

    harness.close();
    harness = newHarness();
    harness.open();
    aJump();
    List<Anomaly> restored = new ArrayList<>(output());
    OperatorSubtaskState committed =
        StateSnapshots.committed("series-anomaly-function", harness.snapshot(0, 0));
    harness.close();
    harness = newHarness();
    harness.initializeState(committed);
    harness.open();
    afterTheQuiet();
    restored.addAll(output());

    assertThat(restored).isNotEmpty().isEqualTo(uninterrupted);
  }

  private List<Anomaly> output() {
    return harness.extractOutputValues();
  }

  @Test
  void aValueAfterTheTtlExpiresTheSeriesFirstSoABatchRunGivesWhatALiveRunGives() throws Exception {
    List<Anomaly> liveRun = aJumpThenQuietForLongerThanTheTtl();
    assertThat(liveRun).extracting(Anomaly::getState).startsWith("OPEN").endsWith("CLOSE");
    assertThat(liveRun.get(liveRun.size() - 1).getTime())
        .isEqualTo(Instant.ofEpochMilli(time(99) + SETTINGS.stateTtl().toMillis()));
    assertThat(liveRun).filteredOn(a -> a.getState().equals("OPEN")).hasSize(1);

    harness.close();
    harness = newHarness();
    harness.open();
    live = false;
    assertThat(aJumpThenQuietForLongerThanTheTtl()).isEqualTo(liveRun);
  }

  @Test
  void aPlantedLatencyJumpOpensOneAnomalyWithItsEvidenceAndClosesAfterwards() throws Exception {
    double[] values = Series.flat(600, 120, 4, 11);
    for (int i = 400; i < 420; i++) {
      values[i] = 400;
    }
    for (int i = 0; i < values.length; i++) {
      send("checkout", MetricKind.LATENCY_P99, i, values[i]);
    }
    List<Anomaly> anomalies = output();
    assertThat(anomalies).extracting(Anomaly::getState).startsWith("OPEN").contains("CLOSE");
    assertThat(anomalies).filteredOn(a -> a.getState().equals("OPEN")).hasSize(1);
    Anomaly open = anomalies.get(0);
    assertThat(open.getStart()).isEqualTo(Instant.ofEpochMilli(time(400)));
    assertThat(open.getService()).isEqualTo("checkout");
    assertThat(open.getMetric()).isEqualTo("latency-p99");
    assertThat(open.getScore()).isGreaterThanOrEqualTo(0.5);
    assertThat(open.getDetectors()).contains("seasonal");
    assertThat(open.getObserved()).isEqualTo(400.0);
    assertThat(open.getExpected()).isBetween(110.0, 130.0);
  }

  @Test
  void aStableAndASeasonalSeriesStaySilent() throws Exception {
    double[] stable = Series.flat(1500, 0.002, 0.0005, 12);
    double[] seasonal = Series.daily(3 * 1440, 500, 200, 10, 13);
    for (int i = 0; i < stable.length; i++) {
      send("orders", MetricKind.ERROR_RATE, i, Math.max(0, stable[i]));
    }
    for (int i = 0; i < seasonal.length; i++) {
      send("search", MetricKind.REQUEST_RATE, i, Math.round(seasonal[i]));
    }
    assertThat(output()).isEmpty();
  }

  @Test
  void stateAndTimerAreClearedWhenASeriesGoesQuiet() throws Exception {
    for (int i = 0; i < 100; i++) {
      send("checkout", MetricKind.LATENCY_P99, i, 100 + i % 3);
    }
    assertThat(harness.numKeyedStateEntries()).isPositive();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(new Watermark(time(99) + 60 * MINUTE));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void detectorStateSurvivesASnapshotAndRestore() throws Exception {
    double[] values = Series.flat(500, 120, 4, 14);
    for (int i = 0; i < 300; i++) {
      send("checkout", MetricKind.LATENCY_P99, i, values[i]);
    }
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send("checkout", MetricKind.LATENCY_P99, 300, 400);

    assertThat(output())
        .singleElement()
        .satisfies(
            anomaly -> {
              assertThat(anomaly.getState()).isEqualTo("OPEN");
              assertThat(anomaly.getExpected()).isBetween(110.0, 130.0);
            });
  }
}
