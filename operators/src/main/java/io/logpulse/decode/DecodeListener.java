package io.logpulse.decode;

import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.schema.LogEvent;

/**
 * Receives what the decoder makes of one record. A record is either rejected whole, or yields a
 * control message, or yields log events, some of which may be rejected one by one.
 */
public interface DecodeListener {

  void logEvent(LogEvent event);

  void controlMessage();

  void recordRejected(DeadLetterReason reason, String detail);

  void eventRejected(RejectedEvent event);

  /**
   * One log event the decoder refused, with what is known of it.
   *
   * @param id the event's CloudWatch Logs id, null when it had none or a mistyped one
   * @param timestamp the event's timestamp, null when it had none or a mistyped one
   * @param message the event's message, null when it had none
   */
  record RejectedEvent(
      String account,
      String logGroup,
      String id,
      Long timestamp,
      String message,
      DeadLetterReason reason,
      String detail) {}
}
