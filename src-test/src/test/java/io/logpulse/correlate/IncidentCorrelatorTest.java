package io.logpulse.correlate;

import static io.logpulse.correlate.Changes.NETWORK;
import static io.logpulse.correlate.Changes.PAYMENTS;
import static io.logpulse.correlate.Changes.SHOP;
import static io.logpulse.correlate.Changes.anomaly;
import static io.logpulse.correlate.Changes.deploy;
import static io.logpulse.correlate.Changes.evidence;
import static io.logpulse.correlate.Changes.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import io.logpulse.testing.DeployedSettings;
import io.logpulse.testing.StateSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The correlation operator in a test harness: suspects of changes that arrive before and after
 * their anomaly, account isolation and shared accounts, grouping, bounded and cleared state.
 */
class IncidentCorrelatorTest {

  private static final long MINUTE = 60_000;
  private static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private KeyedBroadcastOperatorTestHarness<
          String, Either<Anomaly, ChangeEvent>, ChangeEvent, Incident>
      harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private long watermark = Long.MIN_VALUE + 1;

  private void start(CorrelateSettings settings) throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new IncidentCorrelator(settings),
            IncidentCorrelator::accountOf,
            Types.STRING,
            IncidentCorrelator.SHARED_CHANGES);
  }

  /**
   * A change, and a watermark at its delivery (or just past the last one), which releases it: the
   * correlator takes changes, like anomaly steps, in event-time order.
   */
  private void change(ChangeEvent.Builder change) throws Exception {
    ChangeEvent built = change.build();
    long received = built.getReceived().toEpochMilli();
    harness.processElement(Either.Right(built), received);
    advance(received);
  }

  /**
   * An anomaly step, and a watermark at its time (or just past the last one), which releases it: a
   * timer at or before the watermark fires when the watermark next advances.
   */
  private void anomalyStep(Anomaly anomaly) throws Exception {
    long time = anomaly.getTime().toEpochMilli();
    harness.processElement(Either.Left(anomaly), time);
    advance(time);
  }

  /** Moves the watermark to {@code time}, or just past the last one if that is later. */
  private void advance(long time) throws Exception {
    watermark = Math.max(watermark + 1, time);
    harness.watermark(watermark);
  }

  private List<Incident> drain() {
    List<Incident> out = new ArrayList<>(harness.extractOutputValues());
    harness.getOutput().clear();
    return out;
  }

  @Test
  void aChangeMadeBeforeTheAnomalyIsItsTopSuspect() throws Exception {
    start(DeployedSettings.correlate());
    change(deploy("c-1", PAYMENTS, T - 4 * MINUTE, "payments-fn"));
    change(deploy("c-2", PAYMENTS, T - MINUTE, "reports-fn"));
    anomalyStep(anomaly(PAYMENTS, "payments-fn", "error-rate", "OPEN", T, T + MINUTE));

    List<Incident> out = drain();
    assertThat(out).hasSize(1);
    Incident incident = out.get(0);
    assertThat(incident.getState()).isEqualTo("OPEN");
    assertThat(incident.getRevision()).isEqualTo(1);
    assertThat(incident.getIncidentId()).isEqualTo(PAYMENTS + "/payments-fn@2026-01-01T00:00:00Z");
    assertThat(incident.getSuspects())
        .as("a deploy of another service is no suspect, however close")
        .extracting(Suspect::getChangeId)
        .containsExactly("c-1");
    assertThat(incident.getSuspects().get(0).getMinutesBefore()).isEqualTo(4.0);
    assertThat(incident.getSummary())
        .isEqualTo(
            "UpdateFunctionCode on payments-fn by role/ci-deploy 4 min before the error rate rose"
                + " from 0.2% to 12% on payments-fn");
  }

  @Test
  void aChangeDeliveredAfterTheAnomalyOpenedReRanksTheSameIncident() throws Exception {
    start(DeployedSettings.correlate());
    change(deploy("decoy", SHOP, T - MINUTE, "web-assets"));
    anomalyStep(anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE));
    Incident opened = drain().get(0);
    assertThat(opened.getSuspects()).isEmpty();

    change(
        deploy(
                "late",
                SHOP,
                T - 5 * MINUTE,
                "arn:aws:ecs:eu-west-1:" + SHOP + ":service/shop/checkout")
            .setReceived(Instant.ofEpochMilli(T + 6 * MINUTE)));

    List<Incident> out = drain();
    assertThat(out).hasSize(1);
    Incident updated = out.get(0);
    assertThat(updated.getIncidentId()).isEqualTo(opened.getIncidentId());
    assertThat(updated.getRevision()).isEqualTo(2);
    assertThat(updated.getState()).isEqualTo("UPDATE");
    assertThat(updated.getSuspects()).extracting(Suspect::getChangeId).containsExactly("late");
    assertThat(updated.getSummary())
        .startsWith("UpdateFunctionCode on shop/checkout by role/ci-deploy 5 min before");
    assertThat(updated.getTime()).isEqualTo(Instant.ofEpochMilli(T + 6 * MINUTE));
  }

  @Test
  void aLateChangeThatRanksBelowTheTopSuspectsChangesNothing() throws Exception {
    start(DeployedSettings.correlate());
    for (int i = 0; i < 3; i++) {
      change(deploy("strong-" + i, SHOP, T - (i + 1) * MINUTE, "checkout"));
    }
    anomalyStep(anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE));
    drain();

    change(deploy("weak", SHOP, T - 25 * MINUTE, "unrelated-fn").setChangeKind("data"));
    change(deploy("strong-0", SHOP, T - MINUTE, "checkout"));

    assertThat(drain()).isEmpty();
  }

  @Test
  void changesInAnotherAccountAreNeverSuspects() throws Exception {
    start(DeployedSettings.correlate());
    change(deploy("other-account", PAYMENTS, T - MINUTE, "checkout"));
    anomalyStep(anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE));
    assertThat(drain().get(0).getSuspects()).isEmpty();

    change(deploy("other-account-late", PAYMENTS, T - 2 * MINUTE, "checkout"));

    assertThat(drain()).isEmpty();
  }

  @Test
  void changesOfASharedAccountAreCandidatesEverywhereBeforeAndAfterTheAnomaly() throws Exception {
    start(DeployedSettings.correlate(Map.of("correlate.shared-accounts", NETWORK)));
    ChangeEvent early =
        deploy("sg-early", NETWORK, T - 3 * MINUTE, "sg-0abc", "checkout-sg")
            .setEventSource("ec2.amazonaws.com")
            .setEventName("RevokeSecurityGroupIngress")
            .setChangeKind("network")
            .setReceived(Instant.ofEpochMilli(T))
            .build();
    harness.processBroadcastElement(early, T);
    anomalyStep(anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE));
    anomalyStep(anomaly(PAYMENTS, "checkout", "error-rate", "OPEN", T, T + MINUTE));
    List<Incident> opened = drain();
    assertThat(opened).hasSize(2);
    assertThat(opened)
        .allSatisfy(
            i ->
                assertThat(i.getSuspects())
                    .extracting(Suspect::getChangeId)
                    .containsExactly("sg-early"));

    ChangeEvent late = deploy("deploy-late", NETWORK, T - MINUTE, "checkout").build();
    harness.processBroadcastElement(late, T + 6 * MINUTE);

    List<Incident> updated = drain();
    assertThat(updated).extracting(Incident::getAccount).containsExactlyInAnyOrder(SHOP, PAYMENTS);
    assertThat(updated)
        .allSatisfy(
            i -> {
              assertThat(i.getRevision()).isEqualTo(2);
              assertThat(i.getSuspects().get(0).getChangeId()).isEqualTo("deploy-late");
              assertThat(i.getSuspects().get(0).getAccount()).isEqualTo(NETWORK);
            });
  }

  @Test
  void impactOpensAnIncidentThatTakesTheServiceAnomaliesAsEvidenceAndClosesWithTheImpact()
      throws Exception {
    start(DeployedSettings.correlate());
    change(parameter("p-1", SHOP, T - 6 * MINUTE, "/checkout/db/pool-size"));
    Anomaly earlier = evidence(SHOP, "checkout", "latency-p99", "OPEN", T - MINUTE, T - MINUTE);
    Anomaly impact = anomaly(SHOP, "checkout", "latency-p99", "OPEN", T, T + 3 * MINUTE);
    impact.setExpected(120.0);
    impact.setObserved(950.0);
    Anomaly errors =
        evidence(SHOP, "checkout", "error-rate", "OPEN", T + 4 * MINUTE, T + 4 * MINUTE);
    anomalyStep(earlier);
    assertThat(drain()).isEmpty();
    anomalyStep(impact);
    anomalyStep(errors);
    anomalyStep(withState(earlier, "CLOSE", T + 6 * MINUTE));
    anomalyStep(withState(impact, "CLOSE", T + 12 * MINUTE));
    anomalyStep(withState(errors, "CLOSE", T + 13 * MINUTE));

    List<Incident> out = drain();
    assertThat(out).extracting(Incident::getState).containsExactly("OPEN", "UPDATE", "CLOSE");
    assertThat(out).extracting(Incident::getRevision).containsExactly(1, 2, 3);
    assertThat(out)
        .extracting(Incident::getIncidentId)
        .containsOnly(SHOP + "/checkout@2026-01-01T00:00:00Z");
    assertThat(out.get(0).getSummary())
        .isEqualTo(
            "PutParameter on /checkout/db/pool-size by role/AWSReservedSSO_Admin 6 min before p99"
                + " latency rose from 120 ms to 950 ms on checkout");
    assertThat(out.get(0).getAnomalyIds())
        .containsExactly(impact.getAnomalyId(), earlier.getAnomalyId());
    Incident closed = out.get(2);
    assertThat(closed.getAnomalyIds())
        .containsExactly(impact.getAnomalyId(), earlier.getAnomalyId(), errors.getAnomalyId());
    assertThat(closed.getMetric()).isEqualTo("latency-p99");
    assertThat(closed.getTime().toEpochMilli()).isEqualTo(T + 12 * MINUTE);

    anomalyStep(anomaly(SHOP, "checkout", "error-rate", "OPEN", T + 20 * MINUTE, T + 23 * MINUTE));
    Incident next = drain().get(0);
    assertThat(next.getState()).isEqualTo("OPEN");
    assertThat(next.getIncidentId()).isNotEqualTo(closed.getIncidentId());
  }

  @Test
  void anomalyStepsArrivingOutOfTimeOrderAreTakenInTimeOrder() throws Exception {
    start(DeployedSettings.correlate());
    Anomaly first = anomaly(SHOP, "checkout", "latency-p99", "OPEN", T, T);
    Anomaly second = evidence(SHOP, "checkout", "error-rate", "OPEN", T + MINUTE, T + MINUTE);
    harness.processElement(Either.Left(second), T + MINUTE);
    harness.processElement(Either.Left(withState(second, "CLOSE", T + 4 * MINUTE)), T + 4 * MINUTE);
    harness.processElement(Either.Left(first), T);
    assertThat(drain()).isEmpty();

    harness.watermark(T + 5 * MINUTE);

    List<Incident> out = drain();
    assertThat(out).extracting(Incident::getState).containsExactly("OPEN", "UPDATE");
    assertThat(out)
        .extracting(Incident::getIncidentId)
        .containsOnly(SHOP + "/checkout@2026-01-01T00:00:00Z");
    assertThat(out.get(1).getAnomalyIds())
        .containsExactly(first.getAnomalyId(), second.getAnomalyId());
  }

  @Test
  void statisticalAnomaliesAloneOpenNoIncident() throws Exception {
    start(DeployedSettings.correlate());
    change(deploy("deploy", SHOP, T - 2 * MINUTE, "checkout"));
    Anomaly operation = evidence(SHOP, "checkout", "latency-p99", "OPEN", T, T);
    operation.setOperation("GET /api/carts/{id}");
    anomalyStep(operation);
    anomalyStep(evidence(SHOP, "checkout", "error-rate", "OPEN", T + MINUTE, T + MINUTE));
    anomalyStep(evidence(SHOP, "checkout", "error-pattern", "OPEN", T + MINUTE, T + 2 * MINUTE));
    anomalyStep(evidence(SHOP, "checkout", "request-rate", "OPEN", T + MINUTE, T + 3 * MINUTE));
    assertThat(drain()).isEmpty();
  }

  @Test
  void aRiseInSeverityUpdatesTheIncidentAndItNeverFalls() throws Exception {
    start(DeployedSettings.correlate());
    Anomaly impact = anomaly(SHOP, "orders-api", "error-rate", "OPEN", T, T + 3 * MINUTE);
    impact.setSeverity("LOW");
    anomalyStep(impact);
    Anomaly worse = withState(impact, "UPDATE", T + 5 * MINUTE);
    worse.setSeverity("HIGH");
    worse.setObserved(0.3);
    anomalyStep(worse);
    Anomaly lighter = withState(impact, "UPDATE", T + 8 * MINUTE);
    lighter.setSeverity("MEDIUM");
    anomalyStep(lighter);

    List<Incident> out = drain();
    assertThat(out)
        .extracting(Incident::getState, Incident::getSeverity)
        .containsExactly(tuple("OPEN", "LOW"), tuple("UPDATE", "HIGH"), tuple("UPDATE", "HIGH"));
    assertThat(out.get(1).getObserved()).isEqualTo(0.3);
  }

  @Test
  void aLongLivedAnomalyDoesNotSwallowALaterProblemOfItsService() throws Exception {
    start(DeployedSettings.correlate());
    Anomaly pattern = evidence(SHOP, "inventory", "error-pattern", "OPEN", T, T);
    anomalyStep(pattern);
    change(deploy("deploy", SHOP, T + 36 * MINUTE, "inventory"));
    Anomaly errors =
        anomaly(SHOP, "inventory", "error-rate", "OPEN", T + 40 * MINUTE, T + 43 * MINUTE);
    anomalyStep(errors);
    anomalyStep(withState(errors, "CLOSE", T + 50 * MINUTE));

    List<Incident> out = drain();
    assertThat(out)
        .extracting(Incident::getIncidentId, Incident::getState)
        .containsExactly(
            tuple(SHOP + "/inventory@2026-01-01T00:40:00Z", "OPEN"),
            tuple(SHOP + "/inventory@2026-01-01T00:40:00Z", "CLOSE"));
    assertThat(out.get(0).getSuspects()).extracting(Suspect::getChangeId).containsExactly("deploy");
    assertThat(out.get(1).getTime()).isEqualTo(Instant.ofEpochMilli(T + 50 * MINUTE));
  }

  @Test
  void aClosedIncidentIsStillReRankedByLateChangesThenCleared() throws Exception {
    start(DeployedSettings.correlate());
    Anomaly open = anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE);
    anomalyStep(open);
    anomalyStep(withState(open, "CLOSE", T + 3 * MINUTE));
    drain();
    advance(T + 4 * MINUTE);

    change(deploy("late", SHOP, T - 2 * MINUTE, "checkout"));

    Incident reRanked = drain().get(0);
    assertThat(reRanked.getState()).isEqualTo("CLOSE");
    assertThat(reRanked.getRevision()).isEqualTo(3);
    assertThat(reRanked.getTime().toEpochMilli()).isEqualTo(T + 3 * MINUTE);
    assertThat(reRanked.getSuspects()).extracting(Suspect::getChangeId).containsExactly("late");

    advance(T + 3 * MINUTE + DeployedSettings.correlate().lateWait().toMillis() + MINUTE);
    change(deploy("later", SHOP, T - MINUTE, "checkout"));
    assertThat(drain()).isEmpty();
  }

  @Test
  void stateIsBoundedPerAccountAndClearedOnceEverythingIsOver() throws Exception {
    start(DeployedSettings.correlate(Map.of("correlate.max-changes-per-account", "5")));
    change(deploy("oldest-best", SHOP, T - 10 * MINUTE, "checkout"));
    for (int i = 0; i < 20; i++) {
      change(deploy("noise-" + i, SHOP, T - 9 * MINUTE + i * 1000, "checkout-batch-" + i));
    }
    assertThat(changesKept(SHOP)).isEqualTo(5);

    Anomaly open = anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE);
    anomalyStep(open);
    assertThat(drain().get(0).getSuspects())
        .extracting(Suspect::getChangeId)
        .isNotEmpty()
        .doesNotContain("oldest-best")
        .allMatch(id -> id.startsWith("noise-1"));

    anomalyStep(withState(open, "CLOSE", T + 5 * MINUTE));
    assertThat(harness.numEventTimeTimers()).isPositive();
    advance(T + 3 * 60 * MINUTE);

    assertThat(((HeapKeyedStateBackend<?>) keyedBackend()).numKeyValueStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  /** Before a restart: a deploy, an anomaly opening an incident, a change not yet delivered. */
  private void beforeTheRestart() throws Exception {
    change(deploy("d-1", SHOP, T - 4 * MINUTE, "checkout"));
    anomalyStep(anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE));
    ChangeEvent pendingParameter =
        parameter("p-1", SHOP, T - 2 * MINUTE, "/checkout/db/pool-size")
            .setReceived(Instant.ofEpochMilli(T + 9 * MINUTE))
            .build();
    harness.processElement(Either.Right(pendingParameter), T + 9 * MINUTE);
  }

  /** After it: the parameter's delivery, the anomaly's close, the late wait passing. */
  private void afterTheRestart() throws Exception {
    Anomaly open = anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE);
    advance(T + 9 * MINUTE);
    anomalyStep(withState(open, "CLOSE", T + 12 * MINUTE));
    advance(T + 3 * 60 * MINUTE);
  }

  @Test
  void stateThatAnEarlierBuildWroteRestoresAndCarriesOnAsIfUninterrupted() throws Exception {
    start(DeployedSettings.correlate());
    beforeTheRestart();
    afterTheRestart();
    List<Incident> uninterrupted = drain();
    assertThat(uninterrupted).extracting(Incident::getState).contains("UPDATE", "CLOSE");

    harness.close();
    watermark = Long.MIN_VALUE + 1;
    start(DeployedSettings.correlate());
    beforeTheRestart();
    List<Incident> restored = drain();
    OperatorSubtaskState committed =
        StateSnapshots.committed("incident-correlator", harness.snapshot(0, 0));
    harness.close();
    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new IncidentCorrelator(DeployedSettings.correlate()),
                List.of(IncidentCorrelator.SHARED_CHANGES)),
            IncidentCorrelator::accountOf,
            Types.STRING,
            1,
            1,
            0);
    harness.initializeState(committed);
    harness.open();
    afterTheRestart();
    restored.addAll(drain());

    assertThat(restored).isEqualTo(uninterrupted);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aChangeTooOldForAnyFutureIncidentIsNotKept() throws Exception {
    start(DeployedSettings.correlate());
    advance(T + 2 * 60 * MINUTE);
    change(deploy("ancient", SHOP, T, "checkout"));
    assertThat(changesKept(SHOP)).isZero();
  }

  private static Anomaly withState(Anomaly anomaly, String state, long time) {
    Anomaly next = Anomaly.newBuilder(anomaly).build();
    next.setState(state);
    next.setTime(Instant.ofEpochMilli(time));
    return next;
  }

  @SuppressWarnings("unchecked")
  private KeyedStateBackend<String> keyedBackend() {
    return (KeyedStateBackend<String>)
        (KeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend();
  }

  private int changesKept(String account) throws Exception {
    KeyedStateBackend<String> backend = keyedBackend();
    backend.setCurrentKey(account);
    MapState<String, ChangeEvent> changes =
        backend.getPartitionedState(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            new MapStateDescriptor<>(
                "changes",
                TypeInformation.of(String.class),
                new AvroTypeInfo<>(ChangeEvent.class)));
    int n = 0;
    for (String ignored : changes.keys()) {
      n++;
    }
    return n;
  }
}
