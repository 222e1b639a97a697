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

  void eventRejected(
      String account,
      String logGroup,
      Long timestamp,
      String message,
      DeadLetterReason reason,
      String detail);
}
