package io.logpulse.correlate;

import static io.logpulse.correlate.Changes.SHOP;
import static io.logpulse.correlate.Changes.anomaly;
import static io.logpulse.correlate.Changes.deploy;
import static io.logpulse.correlate.Changes.evidence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import io.logpulse.testing.DeployedSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incident lifecycle and re-ranking on plain maps, without Flink. */
class IncidentBookTest {

  private static final long MINUTE = 60_000;
  private static final long T = 1_767_225_600_000L;

  private final CorrelateSettings settings = DeployedSettings.correlate();
  private final MapBackedState<String, Incident> incidents = new MapBackedState<>();
  private final MapBackedState<String, String> openAnomalies = new MapBackedState<>();
  private final IncidentBook book =
      new IncidentBook(settings, new IncidentSteps(settings), incidents, openAnomalies);
  private final List<Incident> out = new ArrayList<>();

  private static Anomaly withState(Anomaly anomaly, String state, long time) {
    Anomaly next = Anomaly.newBuilder(anomaly).build();
    next.setState(state);
    next.setTime(Instant.ofEpochMilli(time));
    return next;
  }

  @Test
  void impactOpensEvidenceJoinsAndALaterImpactSupersedesTheIncident() throws Exception {
    ChangeEvent deploy = deploy("d-1", SHOP, T - 4 * MINUTE, "checkout").build();
    Anomaly errors = anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE);
    Anomaly latency = evidence(SHOP, "checkout", "latency-p99", "OPEN", T + MINUTE, T + MINUTE);
    Anomaly later =
        anomaly(SHOP, "checkout", "request-rate", "OPEN", T + 20 * MINUTE, T + 20 * MINUTE);

    assertThat(book.onAnomaly(errors, List.of(deploy), out::add)).isTrue();
    assertThat(book.onAnomaly(latency, List.of(), out::add)).isFalse();
    assertThat(book.onAnomaly(later, List.of(), out::add)).isTrue();
    book.onAnomaly(withState(later, "CLOSE", T + 30 * MINUTE), List.of(), out::add);

    assertThat(out)
        .extracting(Incident::getIncidentId, Incident::getState, Incident::getRevision)
        .containsExactly(
            tuple(SHOP + "/checkout@2026-01-01T00:00:00Z", "OPEN", 1),
            tuple(SHOP + "/checkout@2026-01-01T00:00:00Z", "UPDATE", 2),
            tuple(SHOP + "/checkout@2026-01-01T00:00:00Z", "CLOSE", 3),
            tuple(SHOP + "/checkout@2026-01-01T00:20:00Z", "OPEN", 1),
            tuple(SHOP + "/checkout@2026-01-01T00:20:00Z", "CLOSE", 2));
    assertThat(out.get(0).getSuspects()).extracting(Suspect::getChangeId).containsExactly("d-1");
    assertThat(out.get(3).getAnomalyIds()).containsExactly(later.getAnomalyId());
  }

  @Test
  void aChangeEnteringTheTopSuspectsIsTheIncidentsNextStepAndClosedOnesAreClearedAfterTheirWait()
      throws Exception {
    Anomaly errors = anomaly(SHOP, "checkout", "error-rate", "OPEN", T, T + MINUTE);
    book.onAnomaly(errors, List.of(), out::add);
    book.onAnomaly(withState(errors, "CLOSE", T + 5 * MINUTE), List.of(), out::add);
    out.clear();

    book.onChange(deploy("late", SHOP, T - 2 * MINUTE, "checkout").build(), out::add);
    book.onChange(deploy("before-horizon", SHOP, T - 40 * MINUTE, "checkout").build(), out::add);

    assertThat(out).hasSize(1);
    assertThat(out.get(0).getState()).isEqualTo("CLOSE");
    assertThat(out.get(0).getRevision()).isEqualTo(3);
    assertThat(out.get(0).getTime()).isEqualTo(Instant.ofEpochMilli(T + 5 * MINUTE));
    assertThat(out.get(0).getSuspects()).extracting(Suspect::getChangeId).containsExactly("late");

    long clear = book.clearTime(out.get(0));
    book.clearClosed(clear - 1);
    assertThat(book.isEmpty()).isFalse();
    book.clearClosed(clear);
    assertThat(book.isEmpty()).isTrue();
    assertThat(openAnomalies.isEmpty()).isTrue();
  }
}
