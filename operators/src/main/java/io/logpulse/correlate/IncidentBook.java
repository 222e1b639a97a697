package io.logpulse.correlate;

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
 * The incidents of one account and the open anomalies they are made of: how anomaly steps open,
 * join, supersede and close incidents, and how changes re-rank them. It holds no Flink machinery
 * but the two maps it keeps its state in (MapState, so the correlator's keyed state backs it and
 * unit tests a plain map); every step it takes goes to the given output.
 *
 * <p>The anomalies of one service form one incident ({@code account/service@start}). The first
 * whole-service anomaly opens it (OPEN, with the suspects ranked by {@link SuspectRanker});
 * operation anomalies open one only when {@link CorrelateSettings#openOnOperations()}, error-rate
 * anomalies only from {@link CorrelateSettings#minErrorRate()} on, and the service's anomalies
 * already open are in it from the start. Each further anomaly starting within {@link
 * CorrelateSettings#joinWindow()} joins it (UPDATE); one starting later closes it and opens a new
 * incident, because long-lived anomalies, such as a new error template that stays around, would
 * otherwise swallow every later problem of the service and blame it on changes made long before. An
 * incident closes when the last of its anomalies closes (CLOSE). A change that enters an incident's
 * top suspects makes its next step (same id, next revision; a closed incident stays CLOSE). Closed
 * incidents are cleared {@link CorrelateSettings#lateWait()} after they closed.
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
    String service = anomaly.getService();
    String id = anomaly.getAnomalyId();
    Incident incident = openIncidentOf(service);
    boolean member = incident != null && incident.getAnomalyIds().contains(id);
    if (IncidentState.CLOSE.name().equals(anomaly.getState())) {
      if (openAnomalies.contains(id)) {
        openAnomalies.remove(id);
        if (member && !hasOpenAnomaly(incident)) {
          close(incident, anomaly.getTime(), out);
        }
      }
      return false;
    }
    if (openAnomalies.contains(id)) {
      if (member && anomaly.getScore() > incident.getScore()) {
        incidents.put(incident.getIncidentId(), steps.strongest(incident, anomaly));
      }
      return false;
    }
    openAnomalies.put(id, service);
    List<String> superseded = List.of();
    if (incident != null
        && anomaly.getStart().toEpochMilli() - incident.getStart().toEpochMilli()
            > settings.joinWindow().toMillis()) {
      superseded = incident.getAnomalyIds();
      close(incident, anomaly.getTime(), out);
      incident = null;
    }
    if (incident != null) {
      Incident joined =
          steps.next(steps.strongest(incident, anomaly), IncidentState.UPDATE, anomaly.getTime());
      joined.getAnomalyIds().add(id);
      incidents.put(joined.getIncidentId(), joined);
      out.accept(joined);
      return false;
    }
    if (!opensIncident(anomaly)) {
      return false;
    }
    Incident created = steps.open(anomaly, candidates);
    List<String> alreadyOpen = new ArrayList<>();
    for (Map.Entry<String, String> open : openAnomalies.entries()) {
      if (open.getValue().equals(service)
          && !open.getKey().equals(id)
          && !superseded.contains(open.getKey())) {
        alreadyOpen.add(open.getKey());
      }
    }
    // By id: the state backend's iteration order differs between live and batch runs.
    alreadyOpen.sort(null);
    created.getAnomalyIds().addAll(alreadyOpen);
    incidents.put(created.getIncidentId(), created);
    out.accept(created);
    return true;
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

  /** Whether the anomaly is worth an incident of its own (see {@link CorrelateSettings}). */
  private boolean opensIncident(Anomaly anomaly) {
    if (anomaly.getOperation() != null && !settings.openOnOperations()) {
      return false;
    }
    return !"error-rate".equals(anomaly.getMetric())
        || (anomaly.getObserved() != null && anomaly.getObserved() >= settings.minErrorRate());
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

  private boolean hasOpenAnomaly(Incident incident) throws Exception {
    for (String id : incident.getAnomalyIds()) {
      if (openAnomalies.contains(id)) {
        return true;
      }
    }
    return false;
  }
}
