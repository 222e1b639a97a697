package io.logpulse.correlate;

import io.logpulse.impact.ImpactJudge;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.MapState;

/**
 * The incidents of one account and the open anomalies they are made of: how impact steps open,
 * escalate and close incidents, how statistical anomalies join them as evidence, and how changes
 * re-rank them. It holds no Flink machinery but the two maps it keeps its state in (MapState, so
 * the correlator's keyed state backs it and unit tests a plain map); every step it takes goes to
 * the given output.
 *
 * <p>An anomaly is not an incident. Only an impact step ({@link ImpactJudge}: user impact that is
 * credible, material and sustained) opens one ({@code account/service@start}, OPEN, with the
 * suspects ranked by {@link SuspectRanker}), with the service's statistical anomalies already open
 * as its evidence; a rise in its severity makes an UPDATE, and the incident closes (CLOSE) when its
 * impact ends. A statistical anomaly of the service that starts within {@link
 * CorrelateSettings#joinWindow()} of the incident's start joins it (UPDATE); otherwise it is only
 * recorded. A change that enters an incident's top suspects makes its next step (same id, next
 * revision; a closed incident stays CLOSE). Closed incidents are cleared {@link
 * CorrelateSettings#lateWait()} after they closed.
 */
final class IncidentBook {

  private final CorrelateSettings settings;
  private final IncidentSteps steps;
  private final MapState<String, Incident> incidents;
  private final MapState<String, String> openAnomalies;

  /**
   * @param incidents the account's incidents not yet cleared, by id
   * @param openAnomalies the account's open anomalies: id to service
   */
  IncidentBook(
      CorrelateSettings settings,
      IncidentSteps steps,
      MapState<String, Incident> incidents,
      MapState<String, String> openAnomalies) {
    this.settings = settings;
    this.steps = steps;
    this.incidents = incidents;
    this.openAnomalies = openAnomalies;
  }

  /**
   * Takes an anomaly step; {@code candidates} are the changes a new incident ranks as suspects.
   * Returns whether it opened an incident.
   */
  boolean onAnomaly(Anomaly anomaly, Iterable<ChangeEvent> candidates, Consumer<Incident> out)
      throws Exception {
    return ImpactJudge.isImpact(anomaly)
        ? onImpact(anomaly, candidates, out)
        : onEvidence(anomaly, out);
  }

  private boolean onImpact(Anomaly impact, Iterable<ChangeEvent> candidates, Consumer<Incident> out)
      throws Exception {
    String service = impact.getService();
    String id = impact.getAnomalyId();
    Incident incident = openIncidentOf(service);
    boolean member = incident != null && incident.getAnomalyIds().contains(id);
    switch (IncidentState.valueOf(impact.getState())) {
      case CLOSE -> {
        openAnomalies.remove(id);
        if (member) {
          close(incident, impact.getTime(), out);
        }
        return false;
      }
      case UPDATE -> {
        if (member) {
          Incident worse =
              steps.next(steps.strongest(incident, impact), IncidentState.UPDATE, impact.getTime());
          incidents.put(worse.getIncidentId(), worse);
          out.accept(worse);
        }
        return false;
      }
      default -> {
        // A new impact while the last one's incident is still open supersedes it; the evidence
        // that incident already holds stays with it.
        List<String> superseded = List.of();
        if (incident != null) {
          superseded = incident.getAnomalyIds();
          close(incident, impact.getTime(), out);
        }
        openAnomalies.put(id, service);
        Incident created = steps.open(impact, candidates);
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<String, String> open : openAnomalies.entries()) {
          if (open.getValue().equals(service)
              && !open.getKey().equals(id)
              && !superseded.contains(open.getKey())) {
            evidence.add(open.getKey());
          }
        }
        // By id: the state backend's iteration order differs between live and batch runs.
        evidence.sort(null);
        created.getAnomalyIds().addAll(evidence);
        incidents.put(created.getIncidentId(), created);
        out.accept(created);
        return true;
      }
    }
  }

  /**
   * A statistical anomaly: recorded while open, and evidence in the service's open incident when it
   * starts within {@link CorrelateSettings#joinWindow()} of the incident's start.
   */
  private boolean onEvidence(Anomaly anomaly, Consumer<Incident> out) throws Exception {
    String id = anomaly.getAnomalyId();
    if (IncidentState.CLOSE.name().equals(anomaly.getState())) {
      openAnomalies.remove(id);
      return false;
    }
    if (openAnomalies.contains(id)) {
      return false;
    }
    openAnomalies.put(id, anomaly.getService());
    Incident incident = openIncidentOf(anomaly.getService());
    if (incident != null
        && anomaly.getStart().toEpochMilli() - incident.getStart().toEpochMilli()
            <= settings.joinWindow().toMillis()) {
      Incident joined = steps.next(incident, IncidentState.UPDATE, anomaly.getTime());
      joined.getAnomalyIds().add(id);
      incidents.put(joined.getIncidentId(), joined);
      out.accept(joined);
    }
    return false;
  }

  /** Merges a change into the suspects of the incidents it is a candidate for. */
  void onChange(ChangeEvent change, Consumer<Incident> out) throws Exception {
    mergeInto(incidents, steps, change, out);
  }

  /**
   * Merges a change into the suspects of {@code incidents} (any account's) it is a candidate for.
   */
  static void mergeInto(
      MapState<String, Incident> incidents,
      IncidentSteps steps,
      ChangeEvent change,
      Consumer<Incident> out)
      throws Exception {
    for (Map.Entry<String, Incident> entry : incidents.entries()) {
      Incident updated = steps.merge(entry.getValue(), change);
      if (updated != null) {
        entry.setValue(updated);
        out.accept(updated);
      }
    }
  }

  /** Forgets the closed incidents whose late wait ended by {@code now}. */
  void clearClosed(long now) throws Exception {
    for (Iterator<Incident> it = incidents.values().iterator(); it.hasNext(); ) {
      Incident incident = it.next();
      if (IncidentState.of(incident) == IncidentState.CLOSE && clearTime(incident) <= now) {
        it.remove();
      }
    }
    // Removing through an iterator can leave an empty map behind in some state backends.
    if (incidents.isEmpty()) {
      incidents.clear();
    }
  }

  /** Whether no incident is left. */
  boolean isEmpty() throws Exception {
    return incidents.isEmpty();
  }

  /** When a closed incident stops taking late changes. */
  long clearTime(Incident incident) {
    return incident.getTime().toEpochMilli() + settings.lateWait().toMillis();
  }

  private void close(Incident incident, Instant time, Consumer<Incident> out) throws Exception {
    Incident closed = steps.next(incident, IncidentState.CLOSE, time);
    incidents.put(closed.getIncidentId(), closed);
    out.accept(closed);
  }

  /** The incident of {@code service} that is still open, if any (there is at most one). */
  private Incident openIncidentOf(String service) throws Exception {
    for (Incident incident : incidents.values()) {
      if (IncidentState.of(incident) != IncidentState.CLOSE
          && incident.getService().equals(service)) {
        return incident;
      }
    }
    return null;
  }
}
