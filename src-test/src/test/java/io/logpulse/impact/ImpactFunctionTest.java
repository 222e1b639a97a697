package io.logpulse.impact;

import static io.logpulse.impact.ImpactFixtures.MINUTE;
import static io.logpulse.impact.ImpactFixtures.T;
import static io.logpulse.impact.ImpactFixtures.metricWindow;
import static io.logpulse.impact.ImpactFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logpulse.schema.Anomaly;
import io.logpulse.schema.MetricWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The impact operator in a test harness: one judge per service, impact steps out, and a service
 * that goes quiet forgotten (its open impact closed, its state and timer cleared) after the TTL,
 * whether its timer fires first or its next window comes first.
 */
class ImpactFunctionTest {

  private static final ImpactSettings SETTINGS = settings(Map.of("impact.state-ttl", "1h"));

  private KeyedOneInputStreamOperatorTestHarness<String, MetricWindow, Anomaly> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ImpactFunction(SETTINGS, MINUTE)),
            ImpactFunction::keyOf,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private long send(String service, long start, long requests, long failed) throws Exception {
    harness.processElement(
        new StreamRecord<>(metricWindow(service, start, requests, failed), start + MINUTE - 1));
    return start + MINUTE;
  }

  @Test
  void eachServiceIsJudgedAloneAndAtTheEndOfTheInputItsStateIsForgotten() throws Exception {
    long next = T;
    for (int i = 0; i < 40; i++) {
      send("healthy", next, 200, 0);
      next = send("failing", next, 200, 0);
    }
    for (int i = 0; i < 4; i++) {
      send("healthy", next, 200, 0);
      next = send("failing", next, 200, 60);
    }
    List<Anomaly> out = harness.extractOutputValues();
    assertThat(out)
        .extracting(Anomaly::getService, Anomaly::getState)
        .containsExactly(tuple("failing", "OPEN"));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

    harness.processWatermark(Long.MAX_VALUE);
    out = harness.extractOutputValues();
    assertThat(out).extracting(Anomaly::getState).containsExactly("OPEN", "CLOSE");
    assertThat(out.get(1).getTime())
        .isEqualTo(Instant.ofEpochMilli(next - MINUTE + SETTINGS.stateTtl().toMillis()));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void inALiveRunAServiceThatStopsLoggingHasLostItsTraffic() throws Exception {
    long next = T;
    for (int i = 0; i < 40; i++) {
      send("busy", next, 200, 0);
      next = send("quiet", next, 2, 0);
    }
    harness.processWatermark(next + 10 * MINUTE);

    List<Anomaly> out = harness.extractOutputValues();
    assertThat(out)
        .extracting(Anomaly::getService, Anomaly::getState, Anomaly::getMetric)
        .containsExactly(tuple("busy", "OPEN", "request-rate"));
    assertThat(out.get(0).getStart()).isEqualTo(Instant.ofEpochMilli(next));
    assertThat(out.get(0).getObserved()).isZero();

    harness.processWatermark(next + 2 * SETTINGS.stateTtl().toMillis());
    assertThat(harness.extractOutputValues())
        .extracting(Anomaly::getState)
        .containsExactly("OPEN", "CLOSE");
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aWindowAfterTheTtlForgetsTheServiceBeforeItsTimerFires() throws Exception {
    long next = T;
    for (int i = 0; i < 40; i++) {
      next = send("failing", next, 200, 0);
    }
    for (int i = 0; i < 4; i++) {
      next = send("failing", next, 200, 60);
    }
    long later = next + SETTINGS.stateTtl().toMillis();
    send("failing", later, 200, 60);

    List<Anomaly> out = harness.extractOutputValues();
    assertThat(out).extracting(Anomaly::getState).containsExactly("OPEN", "CLOSE");
    assertThat(out.get(1).getTime())
        .isEqualTo(Instant.ofEpochMilli(next - MINUTE + SETTINGS.stateTtl().toMillis()));
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
  }

  @Test
  void onlyWholeServiceWindowsAsTheyFirstCloseAreJudged() {
    MetricWindow window = metricWindow("checkout", T, 10, 0);
    assertThat(ImpactFunction.judged(window)).isTrue();
    window.setRevision(1);
    assertThat(ImpactFunction.judged(window)).isFalse();
    window.setRevision(0);
    window.setOperation("GET /api/carts/{id}");
    assertThat(ImpactFunction.judged(window)).isFalse();
  }
}
