package io.logpulse.deadletter;

/**
 * Why a piece of input was sent to the dead-letter output. The names are stable: they are the
 * {@code reason} column of the dead-letter table and a dimension of the {@code deadLetters} metric.
 */
public enum DeadLetterReason {
  /** The source could read the record but not its payload (for example invalid base64). */
  UNREADABLE_RECORD,
  /** The record is empty. */
  EMPTY_RECORD,
  /** The payload is neither gzip nor a JSON object. */
  NOT_GZIP,
  /** The gzip stream ends before its trailer. */
  TRUNCATED_GZIP,
  /** The gzip stream is damaged (bad header, checksum or deflate data). */
  CORRUPT_GZIP,
  /** The decompressed payload is larger than {@code decode.max-record-bytes}. */
  OVERSIZED_RECORD,
  /** The payload is not valid JSON. */
  INVALID_JSON,
  /** The JSON is valid but lacks a field every subscription envelope has. */
  NOT_AN_ENVELOPE,
  /** A field of the envelope or of a log event has the wrong JSON type. */
  WRONG_TYPE,
  /** The envelope's messageType is neither DATA_MESSAGE nor CONTROL_MESSAGE. */
  UNKNOWN_MESSAGE_TYPE,
  /**
   * A CONTROL_MESSAGE envelope carries a log event other than CloudWatch's health check; the event
   * is dead-lettered rather than dropped with the control message.
   */
  CONTROL_MESSAGE_EVENT,
  /**
   * A name of the envelope is longer than CloudWatch Logs ever writes (log group or log stream over
   * 512 characters, owner not a 12-digit account): it would become an unbounded series key.
   */
  OVERSIZED_FIELD,
  /** A log event's message is longer than {@code decode.max-message-bytes}. */
  OVERSIZED_MESSAGE,
  /** A log event's message is binary rather than text. */
  BINARY_MESSAGE,
  /** A log event is older than {@code decode.max-event-age} relative to its record's arrival. */
  TIMESTAMP_TOO_OLD,
  /** A log event is later than {@code decode.max-event-ahead} relative to its record's arrival. */
  TIMESTAMP_TOO_FAR_AHEAD,
  /** An event arrived after its window's allowed lateness had passed. */
  TOO_LATE,
  /** A metric window is too old for CloudWatch, which rejects datums older than two weeks. */
  CLOUDWATCH_TIMESTAMP_TOO_OLD,
  /** A metric window starts more than CloudWatch's two hours ahead of the processing time. */
  CLOUDWATCH_TIMESTAMP_TOO_FAR_AHEAD,
  /**
   * CloudWatch refused a PutMetricData request with a non-retryable error (for example an invalid
   * parameter); its datums are counted and logged, since a sink has no side output.
   */
  CLOUDWATCH_REJECTED,
  /**
   * EventBridge refused an incident's entry with a non-retryable error code (for example a
   * malformed detail); the entry is counted and logged with its incident id, since a sink has no
   * side output.
   */
  EVENTBRIDGE_REJECTED
}
