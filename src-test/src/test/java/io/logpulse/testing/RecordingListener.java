package io.logpulse.testing;

import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.decode.DecodeListener;
import io.logpulse.schema.LogEvent;
import java.util.ArrayList;
import java.util.List;

/** Collects what the decoder reports, for assertions. */
public final class RecordingListener implements DecodeListener {

  public final List<LogEvent> events = new ArrayList<>();
  public final List<String> recordRejections = new ArrayList<>();
  public final List<DeadLetterReason> recordReasons = new ArrayList<>();
  public final List<DeadLetterReason> eventReasons = new ArrayList<>();
  public final List<String> eventDetails = new ArrayList<>();
  public final List<String> eventIds = new ArrayList<>();
  public int controlMessages;

  @Override
  public void logEvent(LogEvent event) {
    events.add(event);
  }

  @Override
  public void controlMessage() {
    controlMessages++;
  }

  @Override
  public void recordRejected(DeadLetterReason reason, String detail) {
    recordReasons.add(reason);
    recordRejections.add(detail);
  }

  @Override
  public void eventRejected(RejectedEvent rejected) {
    eventReasons.add(rejected.reason());
    eventDetails.add(rejected.detail());
    eventIds.add(rejected.id());
  }

  /** Outcomes reported: each record yields exactly one of these families. */
  public int outcomes() {
    return events.size() + eventReasons.size() + recordReasons.size() + controlMessages;
  }
}
