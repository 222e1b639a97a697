package io.logpulse.correlate;

import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;

/**
 * The inputs the watermark has not passed yet: anomaly steps at their time, changes at their
 * delivery to CloudWatch Logs, so the correlator takes them in event-time order whatever order they
 * arrive in. The detectors' subtasks run at their own pace, so steps of one account arrive out of
 * time order; taken in arrival order, an anomaly could open a second incident for a service whose
 * first one it should have joined. In a batch run every timer fires after the account's last input,
 * still in time order, so a batch run takes the same inputs in the same order as a live one. At one
 * time changes come first, then anomaly steps with closing steps last; ties by id, so arrival order
 * never matters.
 */
final class PendingInputs {

  private static final Comparator<Anomaly> STEP_ORDER =
      Comparator.comparing((Anomaly a) -> IncidentState.CLOSE.name().equals(a.getState()))
          .thenComparing(Anomaly::getAnomalyId)
          .thenComparing(Anomaly::getState);

  private final MapState<Long, List<Anomaly>> steps;
  private final MapState<Long, List<ChangeEvent>> changes;

  PendingInputs(MapState<Long, List<Anomaly>> steps, MapState<Long, List<ChangeEvent>> changes) {
    this.steps = steps;
    this.changes = changes;
  }

  /** Holds an anomaly step; returns the event time to release it at. */
  long hold(Anomaly step) throws Exception {
    return hold(steps, step.getTime().toEpochMilli(), step);
  }

  /** Holds a change; returns the event time to release it at. */
  long hold(ChangeEvent change) throws Exception {
    return hold(changes, change.getReceived().toEpochMilli(), change);
  }

  /** The times of held inputs up to {@code time}, earliest first. */
  List<Long> due(long time) throws Exception {
    List<Long> due = new ArrayList<>();
    for (Long at : steps.keys()) {
      if (at <= time) {
        due.add(at);
      }
    }
    for (Long at : changes.keys()) {
      if (at <= time && !due.contains(at)) {
        due.add(at);
      }
    }
    due.sort(null);
    return due;
  }

  /** Takes the changes held at {@code at}, by id. */
  List<ChangeEvent> takeChanges(long at) throws Exception {
    return take(changes, at, Comparator.comparing(ChangeEvent::getChangeId));
  }

  /** Takes the anomaly steps held at {@code at}, in the order they are taken (see above). */
  List<Anomaly> takeSteps(long at) throws Exception {
    return take(steps, at, STEP_ORDER);
  }

  /** Whether nothing is held. */
  boolean isEmpty() throws Exception {
    return steps.isEmpty() && changes.isEmpty();
  }

  private static <T> long hold(MapState<Long, List<T>> held, long time, T input) throws Exception {
    List<T> inputs = held.get(time);
    if (inputs == null) {
      inputs = new ArrayList<>();
    }
    inputs.add(input);
    held.put(time, inputs);
    return time;
  }

  private static <T> List<T> take(MapState<Long, List<T>> held, long at, Comparator<T> order)
      throws Exception {
    List<T> inputs = held.get(at);
    if (inputs == null) {
      return List.of();
    }
    held.remove(at);
    List<T> sorted = new ArrayList<>(inputs);
    sorted.sort(order);
    return sorted;
  }
}
