package io.logpulse.kinesis;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where reading a shard starts. {@code LATEST} is resolved to {@code AT_TIMESTAMP} of the moment a
 * shard is discovered, so a restart before the first record was read resumes from the same point
 * instead of skipping what arrived meanwhile.
 *
 * @param type the kind of position
 * @param sequenceNumber for {@link Type#AFTER_SEQUENCE_NUMBER}
 * @param timestamp for {@link Type#AT_TIMESTAMP}
 */
public record StartPosition(Type type, String sequenceNumber, Instant timestamp)
    implements Serializable {

  /** The kinds of start position. */
  public enum Type {
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP,
    AFTER_SEQUENCE_NUMBER
  }

  public StartPosition {
    Objects.requireNonNull(type, "type");
    if (type == Type.AFTER_SEQUENCE_NUMBER && sequenceNumber == null) {
      throw new IllegalArgumentException("AFTER_SEQUENCE_NUMBER needs a sequence number");
    }
    if (type == Type.AT_TIMESTAMP && timestamp == null) {
      throw new IllegalArgumentException("AT_TIMESTAMP needs a timestamp");
    }
  }

  public static StartPosition trimHorizon() {
    return new StartPosition(Type.TRIM_HORIZON, null, null);
  }

  public static StartPosition latest() {
    return new StartPosition(Type.LATEST, null, null);
  }

  public static StartPosition atTimestamp(Instant timestamp) {
    return new StartPosition(Type.AT_TIMESTAMP, null, timestamp);
  }

  public static StartPosition afterSequenceNumber(String sequenceNumber) {
    return new StartPosition(Type.AFTER_SEQUENCE_NUMBER, sequenceNumber, null);
  }
}
