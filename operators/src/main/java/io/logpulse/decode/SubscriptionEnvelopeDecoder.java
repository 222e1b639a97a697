package io.logpulse.decode;

import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.decode.EnvelopeJson.Envelope;
import io.logpulse.decode.EnvelopeJson.RawEvent;
import io.logpulse.schema.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns the payload of one Kinesis record written by a CloudWatch Logs subscription (a gzip JSON
 * envelope, or the same JSON uncompressed) into log events. It never throws on bad input: every
 * problem is reported to the listener with a reason, and an envelope is decoded completely before
 * any of its events is handed on, so a record is never half-used.
 *
 * <p>Not thread-safe: it reuses its buffers; use one instance per operator subtask.
 */
public final class SubscriptionEnvelopeDecoder {

  private static final String CONTROL_EVENT_PREFIX = "CWL CONTROL MESSAGE";

  private final DecoderSettings settings;
  private byte[] buffer = new byte[64 * 1024];

  public SubscriptionEnvelopeDecoder(DecoderSettings settings) {
    this.settings = settings;
  }

  /**
   * Decodes one payload.
   *
   * @param data the record payload
   * @param arrivalTime when the record reached Kinesis (epoch ms), or null when unknown; event
   *     timestamps are checked against it, or against {@code now} for the future bound only
   * @param now the current processing time in epoch ms
   */
  public void decode(byte[] data, Long arrivalTime, long now, DecodeListener listener) {
    if (data == null || data.length == 0) {
      listener.recordRejected(DeadLetterReason.EMPTY_RECORD, "the record has no payload");
      return;
    }
    try {
      int length = isGzip(data) ? gunzip(data) : plainJson(data);
      Envelope envelope = EnvelopeJson.parse(buffer, length);
      emit(envelope, arrivalTime, now, listener);
    } catch (Rejection rejection) {
      listener.recordRejected(rejection.reason, rejection.getMessage());
    }
  }

  private static boolean isGzip(byte[] data) {
    return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
  }

  private int plainJson(byte[] data) throws Rejection {
    int i = 0;
    while (i < data.length && Character.isWhitespace(data[i])) {
      i++;
    }
    if (i == data.length || data[i] != '{') {
      throw new Rejection(
          DeadLetterReason.NOT_GZIP,
          "payload is neither gzip (1f 8b) nor a JSON object; first byte 0x"
              + Integer.toHexString(data[0] & 0xff));
    }
    if (data.length > settings.maxRecordBytes()) {
      throw oversized(data.length);
    }
    ensureCapacity(data.length);
    System.arraycopy(data, 0, buffer, 0, data.length);
    return data.length;
  }

  private int gunzip(byte[] data) throws Rejection {
    int length = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8192)) {
      while (true) {
        if (length == buffer.length) {
          if (length >= settings.maxRecordBytes()) {
            throw oversized(length);
          }
          ensureCapacity(Math.min(length * 2, settings.maxRecordBytes() + 1));
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          break;
        }
        length += n;
        if (length > settings.maxRecordBytes()) {
          throw oversized(length);
        }
      }
    } catch (EOFException e) {
      throw new Rejection(
          DeadLetterReason.TRUNCATED_GZIP,
          "gzip stream ends early after " + length + " decompressed bytes");
    } catch (ZipException e) {
      throw new Rejection(DeadLetterReason.CORRUPT_GZIP, "corrupt gzip: " + e.getMessage());
    } catch (IOException e) {
      throw new Rejection(DeadLetterReason.CORRUPT_GZIP, "unreadable gzip: " + e.getMessage());
    }
    return length;
  }

  private Rejection oversized(int length) {
    return new Rejection(
        DeadLetterReason.OVERSIZED_RECORD,
        "decompressed envelope exceeds decode.max-record-bytes="
            + settings.maxRecordBytes()
            + " (at least "
            + length
            + " bytes)");
  }

  private void ensureCapacity(int capacity) {
    if (buffer.length < capacity) {
      byte[] grown = new byte[capacity];
      System.arraycopy(buffer, 0, grown, 0, buffer.length);
      buffer = grown;
    }
  }

  private void emit(Envelope envelope, Long arrivalTime, long now, DecodeListener listener) {
    if ("CONTROL_MESSAGE".equals(envelope.messageType)) {
      listener.controlMessage();
      rejectDataEventsOfControlMessage(envelope, listener);
      return;
    }
    for (RawEvent raw : envelope.events) {
      DeadLetterReason reason = null;
      String detail = raw.problem;
      if (detail != null) {
        reason = DeadLetterReason.WRONG_TYPE;
      } else {
        MessageCheck.Problem problem =
            MessageCheck.problem(raw.message, settings.maxMessageBytes());
        if (problem != null) {
          reason = problem.reason();
          detail = problem.detail();
        } else {
          reason = checkTimestamp(raw.timestamp, arrivalTime, now);
          if (reason != null) {
            detail = timestampDetail(reason, raw.timestamp, arrivalTime, now);
          }
        }
      }
      if (reason != null) {
        listener.eventRejected(rejected(envelope, raw, reason, detail));
      } else {
        listener.logEvent(
            new LogEvent(
                envelope.owner,
                envelope.logGroup,
                envelope.logStream,
                raw.id,
                raw.timestamp,
                raw.message));
      }
    }
  }

  /**
   * A control message carries only CloudWatch's health check; any other event in it is data that
   * would otherwise vanish with the control message.
   */
  private static void rejectDataEventsOfControlMessage(Envelope envelope, DecodeListener listener) {
    if (envelope.events == null) {
      return;
    }
    for (RawEvent raw : envelope.events) {
      if (raw.message != null && raw.message.startsWith(CONTROL_EVENT_PREFIX)) {
        continue;
      }
      listener.eventRejected(
          rejected(
              envelope,
              raw,
              DeadLetterReason.CONTROL_MESSAGE_EVENT,
              "a CONTROL_MESSAGE carries a log event that is not a control event"));
    }
  }

  private static DecodeListener.RejectedEvent rejected(
      Envelope envelope, RawEvent raw, DeadLetterReason reason, String detail) {
    return new DecodeListener.RejectedEvent(
        envelope.owner, envelope.logGroup, raw.id, raw.timestamp, raw.message, reason, detail);
  }

  private DeadLetterReason checkTimestamp(long timestamp, Long arrivalTime, long now) {
    long reference = arrivalTime != null ? arrivalTime : now;
    if (timestamp > reference + settings.maxEventAhead().toMillis()) {
      return DeadLetterReason.TIMESTAMP_TOO_FAR_AHEAD;
    }
    if (arrivalTime != null && timestamp < arrivalTime - settings.maxEventAge().toMillis()) {
      return DeadLetterReason.TIMESTAMP_TOO_OLD;
    }
    if (timestamp < 0) {
      return DeadLetterReason.TIMESTAMP_TOO_OLD;
    }
    return null;
  }

  private String timestampDetail(
      DeadLetterReason reason, long timestamp, Long arrivalTime, long now) {
    String reference = arrivalTime != null ? "record arrival " + arrivalTime : "now " + now;
    String limit =
        reason == DeadLetterReason.TIMESTAMP_TOO_FAR_AHEAD
            ? "decode.max-event-ahead=" + settings.maxEventAhead()
            : "decode.max-event-age=" + settings.maxEventAge();
    return "timestamp " + timestamp + " is outside " + limit + " of " + reference;
  }
}
