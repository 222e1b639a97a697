package io.logpulse.eventbridge;

import io.logpulse.schema.Incident;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The EventBridge sink of incidents: what the job wires (give it a {@code uid} and a {@code name}).
 * The implementation stays package-private so the job depends on nothing but {@code
 * Sink<Incident>}.
 */
public final class EventBridgeSinks {

  private EventBridgeSinks() {}

  /** A sink publishing every incident step to the settings' bus; see {@link EventBridgeSink}. */
  public static Sink<Incident> create(EventBridgeSettings settings) {
    return new EventBridgeSink(settings);
  }
}
