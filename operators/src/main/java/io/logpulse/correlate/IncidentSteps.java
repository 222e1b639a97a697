package io.logpulse.correlate;

import io.logpulse.impact.Severity;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How incident steps are made: a new incident with its ranked suspects, the next step (a copy with
 * the next revision), the step a change delivered late makes when it enters the top suspects, and
 * the description taken from the latest impact step. Flink-free and stateless.
 */
final class IncidentSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CorrelateSettings settings;
  private final SuspectRanker ranker;

  IncidentSteps(CorrelateSettings settings) {
    this.settings = settings;
    this.ranker = new SuspectRanker(settings);
  }

  /** A new incident of the anomaly's service, the candidates ranked as its suspects. */
  Incident open(Anomaly anomaly, Iterable<ChangeEvent> candidates) {
    long start = anomaly.getStart().toEpochMilli();
    List<Suspect> suspects = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ChangeEvent change : candidates) {
      if (seen.add(change.getChangeId())) {
        Suspect suspect = ranker.rank(change, anomaly.getService(), start);
        if (suspect != null) {
          suspects.add(suspect);
        }
      }
    }
    Incident incident =
        Incident.newBuilder()
            .setIncidentId(
                anomaly.getAccount() + "/" + anomaly.getService() + "@" + anomaly.getStart())
            .setRevision(1)
            .setState(IncidentState.OPEN.name())
            .setAccount(anomaly.getAccount())
            .setService(anomaly.getService())
            .setStart(anomaly.getStart())
            .setTime(anomaly.getTime())
            .setMetric(anomaly.getMetric())
            .setScore(anomaly.getScore())
            .setExpected(anomaly.getExpected())
            .setObserved(anomaly.getObserved())
            .setAnomalyIds(new ArrayList<>(List.of(anomaly.getAnomalyId())))
            .setSummary("")
            .setSuspects(top(suspects))
            .setSeverity(severityOf(anomaly))
            .build();
    incident.setSummary(summary(incident));
    return incident;
  }

  /**
   * The incident with {@code change} merged into its suspects, as its next step; null when the
   * change does not enter the top suspects.
   */
  Incident merge(Incident incident, ChangeEvent change) {
    long start = incident.getStart().toEpochMilli();
    if (!ranker.inWindow(change.getTime().toEpochMilli(), start)) {
      return null;
    }
    for (Suspect suspect : incident.getSuspects()) {
      if (suspect.getChangeId().equals(change.getChangeId())) {
        return null;
      }
    }
    Suspect suspect = ranker.rank(change, incident.getService(), start);
    if (suspect == null) {
      return null;
    }
    List<Suspect> ranked = new ArrayList<>(incident.getSuspects());
    ranked.add(suspect);
    List<Suspect> top = top(ranked);
    if (!top.contains(suspect)) {
      return null;
    }
    // A closed incident keeps its close time, which decides when it is cleared.
    Incident next =
        IncidentState.of(incident) == IncidentState.CLOSE
            ? next(incident, IncidentState.CLOSE, incident.getTime())
            : next(incident, IncidentState.UPDATE, change.getReceived());
    next.setSuspects(top);
    next.setSummary(summary(next));
    return next;
  }

  /** The next step of an incident: a copy with the next revision, state and time. */
  Incident next(Incident incident, IncidentState state, Instant time) {
    Incident next = Incident.newBuilder(incident).build();
    next.setAnomalyIds(new ArrayList<>(incident.getAnomalyIds()));
    next.setRevision(incident.getRevision() + 1);
    next.setState(state.name());
    next.setTime(incident.getTime().isAfter(time) ? incident.getTime() : time);
    return next;
  }

  /**
   * The incident described by a later step of its impact: what the impact shows now, at the highest
   * severity reached so far.
   */
  Incident strongest(Incident incident, Anomaly impact) {
    Incident stronger = Incident.newBuilder(incident).build();
    stronger.setMetric(impact.getMetric());
    stronger.setScore(Math.max(incident.getScore(), impact.getScore()));
    stronger.setExpected(impact.getExpected());
    stronger.setObserved(impact.getObserved());
    String severity = severityOf(impact);
    if (Severity.valueOf(severity).compareTo(Severity.valueOf(incident.getSeverity())) > 0) {
      stronger.setSeverity(severity);
    }
    stronger.setSummary(summary(stronger));
    return stronger;
  }

  private static String severityOf(Anomaly impact) {
    return impact.getSeverity() == null ? Severity.LOW.name() : impact.getSeverity();
  }

  /** Best first: by score, then the change closest before the start, then by id for stability. */
  private List<Suspect> top(List<Suspect> suspects) {
    suspects.sort(
        Comparator.comparingDouble(Suspect::getScore)
            .reversed()
            .thenComparingDouble(s -> Math.abs(s.getMinutesBefore()))
            .thenComparing(Suspect::getChangeId));
    return new ArrayList<>(suspects.subList(0, Math.min(settings.maxSuspects(), suspects.size())));
  }

  private String summary(Incident incident) {
    return IncidentText.summary(incident, settings.horizon());
  }
}
