package io.logpulse.impact;

import static io.logpulse.impact.ImpactFixtures.MINUTE;
import static io.logpulse.impact.ImpactFixtures.T;
import static io.logpulse.impact.ImpactFixtures.logsOnly;
import static io.logpulse.impact.ImpactFixtures.settings;
import static io.logpulse.impact.ImpactFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logpulse.schema.Anomaly;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The impact judge on one service: credible (counts, not rates), material (floors), sustained
 * (several windows unless extreme); surges are not impact, lost traffic is; severity from size and
 * duration.
 */
class ImpactJudgeTest {

  private static final String ACCOUNT = "111111111111";

  private final ImpactJudge judge = new ImpactJudge(settings(Map.of()), MINUTE);
  private final ImpactState state = new ImpactState();
  private final SplittableRandom random = new SplittableRandom(7);
  private final List<Anomaly> steps = new ArrayList<>();
  private long next = T;

  /** One hour of normal windows: {@code requests} a minute, a failed one in 300, 100 ms median. */
  private void normalHour(long requests) {
    for (int i = 0; i < 60; i++) {
      judge(window(next, requests, (i % 3 == 0) ? requests / 100 : 0, 100, 0, 1, random));
    }
  }

  private void judge(ServiceWindow window) {
    steps.addAll(judge.judge(state, ACCOUNT, "checkout", window));
    next = window.start() + MINUTE;
  }

  @Test
  void oneFailedRequestOfSixIsNoEvidenceThirtyOfTwoHundredAreWhenTheyLast() {
    for (int i = 0; i < 60; i++) {
      judge(window(next, 6, 0, 100, 0, 1, random));
    }
    for (int i = 0; i < 10; i++) {
      judge(window(next, 6, 1, 100, 0, 1, random));
    }
    assertThat(steps).isEmpty();

    normalHour(200);
    long start = next;
    for (int i = 0; i < 2; i++) {
      judge(window(next, 200, 30, 100, 0, 1, random));
    }
    assertThat(steps).as("two windows are not sustained").isEmpty();
    judge(window(next, 200, 30, 100, 0, 1, random));
    assertThat(steps)
        .extracting(Anomaly::getState, Anomaly::getMetric, Anomaly::getStart, Anomaly::getSeverity)
        .containsExactly(tuple("OPEN", "error-rate", Instant.ofEpochMilli(start), "MEDIUM"));
    assertThat(steps.get(0).getObserved()).isEqualTo(0.15);
    assertThat(steps.get(0).getDetectors()).containsExactly(ImpactJudge.DETECTOR);
  }

  @Test
  void aSmallErrorBumpIsNotMaterialEvenWhenCredible() {
    normalHour(1_000);
    for (int i = 0; i < 20; i++) {
      judge(window(next, 1_000, 30, 100, 0, 1, random));
    }
    assertThat(steps).isEmpty();
  }

  @Test
  void aOneMinuteLatencyBlipIsNoIncidentASustainedSlowdownIs() {
    normalHour(500);
    judge(window(next, 500, 0, 100, 10, 12, random));
    normalHour(500);
    assertThat(steps).isEmpty();

    long start = next;
    for (int i = 0; i < 4; i++) {
      judge(window(next, 500, 0, 400, 0, 1, random));
    }
    assertThat(steps)
        .extracting(Anomaly::getState, Anomaly::getMetric)
        .containsExactly(tuple("OPEN", "latency-p99"));
    assertThat(steps.get(0).getStart()).isEqualTo(Instant.ofEpochMilli(start));
    assertThat(steps.get(0).getObserved()).isGreaterThan(3 * steps.get(0).getExpected());
  }

  @Test
  void aSurgeIsNotImpactLostTrafficIs() {
    normalHour(400);
    for (int i = 0; i < 15; i++) {
      judge(window(next, 1_200, 4, 100, 0, 1, random));
    }
    normalHour(400);
    assertThat(steps).isEmpty();

    for (int i = 0; i < 4; i++) {
      judge(window(next, 20, 0, 100, 0, 1, random));
    }
    assertThat(steps)
        .extracting(Anomaly::getState, Anomaly::getMetric)
        .containsExactly(tuple("OPEN", "request-rate"));
  }

  @Test
  void missingWindowsAreSilenceAndSilenceIsLostTraffic() {
    normalHour(400);
    next += 6 * MINUTE;
    judge(window(next, 400, 0, 100, 0, 1, random));
    assertThat(steps).extracting(Anomaly::getState).containsExactly("OPEN");
    assertThat(steps.get(0).getStart()).isEqualTo(Instant.ofEpochMilli(next - 7 * MINUTE));
  }

  @Test
  void anExtremeErrorRateOpensAtOnceAndImpactClosesAfterQuietWindows() {
    normalHour(200);
    long start = next;
    judge(window(next, 200, 150, 100, 0, 1, random));
    assertThat(steps)
        .extracting(Anomaly::getState, Anomaly::getSeverity)
        .containsExactly(tuple("OPEN", "HIGH"));
    for (int i = 0; i < 4; i++) {
      judge(window(next, 200, 0, 100, 0, 1, random));
    }
    assertThat(steps).hasSize(1);
    judge(window(next, 200, 0, 100, 0, 1, random));
    assertThat(steps).extracting(Anomaly::getState).containsExactly("OPEN", "CLOSE");
    assertThat(steps.get(1).getAnomalyId()).isEqualTo(steps.get(0).getAnomalyId());
    assertThat(steps.get(1).getStart()).isEqualTo(Instant.ofEpochMilli(start));
  }

  @Test
  void lastingImpactIsOneSeverityLevelWorse() {
    normalHour(200);
    for (int i = 0; i < 40; i++) {
      judge(window(next, 200, 30, 100, 0, 1, random));
    }
    assertThat(steps)
        .extracting(Anomaly::getState, Anomaly::getSeverity)
        .containsExactly(tuple("OPEN", "MEDIUM"), tuple("UPDATE", "HIGH"));
    assertThat(steps.get(1).getTime().toEpochMilli() - steps.get(0).getStart().toEpochMilli())
        .isEqualTo(29 * MINUTE);
  }

  @Test
  void aServiceThatLogsNoRequestsIsJudgedOnItsErrorLogs() {
    for (int i = 0; i < 60; i++) {
      judge(logsOnly(next, 300, i % 2));
    }
    for (int i = 0; i < 4; i++) {
      judge(logsOnly(next, 300, 45));
    }
    assertThat(steps)
        .extracting(Anomaly::getState, Anomaly::getMetric)
        .containsExactly(tuple("OPEN", "error-rate"));
  }

  @Test
  void nothingIsJudgedDuringWarmUp() {
    for (int i = 0; i < 29; i++) {
      judge(window(next, 200, i < 10 ? 0 : 100, 100, 0, 1, random));
    }
    assertThat(steps).isEmpty();
  }
}
