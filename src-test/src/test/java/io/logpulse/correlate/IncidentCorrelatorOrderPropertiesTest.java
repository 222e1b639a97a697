package io.logpulse.correlate;

import static io.logpulse.correlate.Changes.NETWORK;
import static io.logpulse.correlate.Changes.PAYMENTS;
import static io.logpulse.correlate.Changes.SHOP;
import static io.logpulse.correlate.Changes.anomaly;
import static io.logpulse.correlate.Changes.deploy;
import static io.logpulse.correlate.Changes.parameter;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Incident;
import io.logpulse.testing.DeployedSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;

/**
 * The correlator's incidents do not depend on the order its inputs arrive in: the same anomaly
 * steps and changes, in any order and released by one final watermark, with the shared account's
 * changes all first (as a batch run delivers them), give exactly the incidents of a live run that
 * took them in event-time order, the watermark just behind each.
 */
class IncidentCorrelatorOrderPropertiesTest {

  private static final long MINUTE = 60_000;
  private static final long T = 1_767_225_600_000L;

  /**
   * An input and its event time (an anomaly step's time, a change's delivery); shared changes
   * arrive on the broadcast input.
   */
  private record Input(Either<Anomaly, ChangeEvent> value, long time, boolean broadcast) {}

  private static final CorrelateSettings SETTINGS =
      DeployedSettings.correlate(Map.of("correlate.shared-accounts", NETWORK));

  @Property(tries = 60)
  void anyArrivalOrderGivesTheIncidentsOfAnInOrderLiveRun(
      @ForAll("shuffledScenario") List<Input> shuffled) throws Exception {
    List<Input> inOrder = new ArrayList<>(shuffled);
    inOrder.sort(Comparator.comparingLong(Input::time));
    List<Incident> live = run(inOrder, true);
    assertThat(live).extracting(Incident::getState).contains("OPEN", "UPDATE", "CLOSE");

    assertThat(run(shuffled, false)).isEqualTo(live);
  }

  @Provide
  Arbitrary<List<Input>> shuffledScenario() {
    return Arbitraries.shuffle(scenario());
  }

  /**
   * Two accounts: a deploy before an error-rate anomaly, a decoy, a parameter change delivered
   * after the anomaly opened, a latency anomaly joining the incident, and their closes.
   */
  private static List<Input> scenario() {
    Anomaly errors = anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE);
    Anomaly latency =
        anomaly(SHOP, "checkout", "latency-p99", "OPEN", T + 2 * MINUTE, T + 3 * MINUTE);
    Anomaly payments = anomaly(PAYMENTS, "payments-fn", "error-rate", "OPEN", T, T + 2 * MINUTE);
    return List.of(
        change(deploy("decoy", SHOP, T - 6 * MINUTE, "web-assets")),
        change(deploy("checkout-deploy", SHOP, T - 4 * MINUTE, "checkout")),
        change(
            parameter("pool-size", SHOP, T - 3 * MINUTE, "/checkout/db/pool-size")
                .setReceived(Instant.ofEpochMilli(T + 4 * MINUTE))),
        change(deploy("payments-deploy", PAYMENTS, T - 2 * MINUTE, "payments-fn")),
        step(errors),
        step(latency),
        step(withState(errors, "CLOSE", T + 6 * MINUTE)),
        step(withState(latency, "CLOSE", T + 8 * MINUTE)),
        step(payments),
        step(withState(payments, "CLOSE", T + 5 * MINUTE)),
        shared(
            deploy("sg-revoke", NETWORK, T - 2 * MINUTE, "sg-0abc", "payments-fn-sg")
                .setEventSource("ec2.amazonaws.com")
                .setEventName("RevokeSecurityGroupIngress")
                .setChangeKind("network")
                .setReceived(Instant.ofEpochMilli(T + 3 * MINUTE))));
  }

  private static Input shared(ChangeEvent.Builder change) {
    ChangeEvent built = change.build();
    return new Input(Either.Right(built), built.getReceived().toEpochMilli(), true);
  }

  private static Input change(ChangeEvent.Builder change) {
    ChangeEvent built = change.build();
    return new Input(Either.Right(built), built.getReceived().toEpochMilli(), false);
  }

  private static Input step(Anomaly anomaly) {
    return new Input(Either.Left(anomaly), anomaly.getTime().toEpochMilli(), false);
  }

  private static Anomaly withState(Anomaly anomaly, String state, long time) {
    Anomaly next = Anomaly.newBuilder(anomaly).build();
    next.setState(state);
    next.setTime(Instant.ofEpochMilli(time));
    return next;
  }

  /** The incidents, by id and revision; with {@code live}, a watermark after each input. */
  private static List<Incident> run(List<Input> inputs, boolean live) throws Exception {
    try (KeyedBroadcastOperatorTestHarness<
            String, Either<Anomaly, ChangeEvent>, ChangeEvent, Incident>
        harness =
            ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IncidentCorrelator(SETTINGS),
                IncidentCorrelator::accountOf,
                Types.STRING,
                IncidentCorrelator.SHARED_CHANGES)) {
      List<Input> ordered = new ArrayList<>(inputs);
      if (!live) {
        ordered.sort(Comparator.comparing(input -> !input.broadcast()));
      }
      for (Input input : ordered) {
        if (input.broadcast()) {
          harness.processBroadcastElement(input.value().right(), input.time());
        } else {
          harness.processElement(input.value(), input.time());
        }
        if (live) {
          // As Flink's bounded-out-of-orderness watermarks: nothing at or before it is to come.
          harness.watermark(input.time() - 1);
        }
      }
      harness.watermark(Long.MAX_VALUE);
      List<Incident> incidents = new ArrayList<>(harness.extractOutputValues());
      incidents.sort(
          Comparator.comparing(Incident::getIncidentId).thenComparing(Incident::getRevision));
      return incidents;
    }
  }
}
