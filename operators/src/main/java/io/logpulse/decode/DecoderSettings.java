package io.logpulse.decode;

import java.io.Serializable;
import java.time.Duration;

/**
 * Limits the decoder enforces on untrusted input. Each one guards the job: a gzip bomb, a message
 * no CloudWatch Logs event can be, or a timestamp that would drag the watermark years ahead.
 *
 * @param maxRecordBytes largest decompressed envelope accepted
 * @param maxMessageBytes largest log event message accepted, in UTF-8 bytes
 * @param maxEventAge how much older than its record's arrival an event may be
 * @param maxEventAhead how much later than its record's arrival (or now) an event may be
 */
public record DecoderSettings(
    int maxRecordBytes, int maxMessageBytes, Duration maxEventAge, Duration maxEventAhead)
    implements Serializable {

  /**
   * The largest {@link #maxRecordBytes} allowed: 64 MiB. A decoder holds the decompressed envelope
   * and its parsed events at once, so the limit is what a task manager can hold for each decoding
   * subtask; beyond it a gzip bomb would exhaust the heap before the limit stopped it. (Kinesis
   * records are at most 10 MiB compressed; CloudWatch Logs writes far smaller ones.)
   */
  public static final int MAX_RECORD_BYTES_LIMIT = 64 * 1024 * 1024;

  public DecoderSettings {
    if (maxRecordBytes < 1 || maxRecordBytes > MAX_RECORD_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxRecordBytes must be from 1 to " + MAX_RECORD_BYTES_LIMIT + ", was " + maxRecordBytes);
    }
  }

  /** CloudWatch Logs' own limits: 1 MiB events, 14 days back, 2 hours ahead. */
  public static DecoderSettings defaults() {
    return new DecoderSettings(
        16 * 1024 * 1024, 1024 * 1024, Duration.ofDays(14), Duration.ofHours(2));
  }
}
