package io.logpulse.correlate;

import io.logpulse.schema.Incident;

/** The steps of an incident, as the incidents table and EventBridge spell them. */
public enum IncidentState {
  /** The first step: the incident was opened, with its suspects. */
  OPEN,
  /**
   * Its impact grew worse, an anomaly joined as evidence, or a change delivered late entered the
   * suspects.
   */
  UPDATE,
  /** Its impact ended (a closed incident can still be re-ranked). */
  CLOSE;

  /** The state of an incident step. */
  static IncidentState of(Incident incident) {
    return valueOf(incident.getState());
  }
}
