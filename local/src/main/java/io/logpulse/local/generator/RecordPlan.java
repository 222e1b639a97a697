package io.logpulse.local.generator;

import java.io.Serializable;

/**
 * What the generator decided, before writing it, about one record: whether it is a normal data
 * message, a control message or deliberately broken, and how late its events are. Tests and the run
 * summary use it to tell planned misbehaviour from bugs.
 *
 * @param kind the payload kind
 * @param lateness how far the record's events lag behind its tick
 * @param shiftMillis how many milliseconds earlier than the tick the events are (0 when on time)
 */
public record RecordPlan(Kind kind, Lateness lateness, long shiftMillis) implements Serializable {

  /** The payload of a record. */
  public enum Kind {
    /** A gzip-compressed DATA_MESSAGE envelope with log events. */
    DATA,
    /** A gzip-compressed CONTROL_MESSAGE envelope, as CloudWatch sends to check the stream. */
    CONTROL,
    /** A gzip stream cut short: the decompressor runs out of input. */
    TRUNCATED_GZIP,
    /** The envelope JSON without compression. */
    NOT_GZIP,
    /** Complete gzip whose content is truncated, hence invalid, JSON. */
    INVALID_JSON;

    /** Whether a decoder must reject this payload. */
    public boolean corrupt() {
      return this == TRUNCATED_GZIP || this == NOT_GZIP || this == INVALID_JSON;
    }
  }

  /** How far a record's events lag behind the tick that delivers them. */
  public enum Lateness {
    ON_TIME,
    /** Events 1 to 4 minutes older than the tick: within a tolerant watermark. */
    LATE,
    /** Events two hours older than the tick: beyond any sensible allowed lateness. */
    TOO_LATE
  }
}
