package io.logpulse.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.schema.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

  /**
   * No limit on the digits of a number: a number too long for its field is that event's problem
   * ({@link DeadLetterReason#WRONG_TYPE}), not a reason to reject every event of the record.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
          .build();

  /** CloudWatch Logs' own limits on the names an envelope carries, in characters. */
  static final int MAX_LOG_GROUP_CHARS = 512;

  static final int MAX_LOG_STREAM_CHARS = 512;

  /** The owner of control messages; every other owner is a 12-digit account id. */
  private static final String CONTROL_OWNER = "CloudwatchLogs";

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

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
      Envelope envelope = parseEnvelope(length);
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

  private Envelope parseEnvelope(int length) throws Rejection {
    Envelope envelope = new Envelope();
    try (JsonParser parser = JSON.createParser(buffer, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new Rejection(DeadLetterReason.NOT_AN_ENVELOPE, "payload is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "messageType" -> envelope.messageType = text(parser, value, field);
          case "owner" -> envelope.owner = text(parser, value, field);
          case "logGroup" -> envelope.logGroup = text(parser, value, field);
          case "logStream" -> envelope.logStream = text(parser, value, field);
          case "logEvents" -> envelope.events = events(parser, value);
          default -> parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new Rejection(DeadLetterReason.INVALID_JSON, "trailing content after the envelope");
      }
    } catch (JsonProcessingException e) {
      throw new Rejection(DeadLetterReason.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Rejection(DeadLetterReason.INVALID_JSON, "unreadable JSON: " + e.getMessage());
    }
    envelope.requireFields();
    return envelope;
  }

  private static String text(JsonParser parser, JsonToken token, String field)
      throws IOException, Rejection {
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    parser.skipChildren();
    throw new Rejection(DeadLetterReason.WRONG_TYPE, field + " must be a string, was " + token);
  }

  private static List<RawEvent> events(JsonParser parser, JsonToken token)
      throws IOException, Rejection {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      throw new Rejection(DeadLetterReason.WRONG_TYPE, "logEvents must be an array, was " + token);
    }
    List<RawEvent> events = new ArrayList<>();
    JsonToken element;
    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (element != JsonToken.START_OBJECT) {
        parser.skipChildren();
        throw new Rejection(
            DeadLetterReason.WRONG_TYPE,
            "logEvents[" + events.size() + "] must be an object, was " + element);
      }
      events.add(event(parser, events.size()));
    }
    return events;
  }

  private static RawEvent event(JsonParser parser, int index) throws IOException {
    RawEvent event = new RawEvent();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "id" -> {
          if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            event.id = parser.getText();
          } else {
            event.problem("logEvents[" + index + "].id must be a string, was " + value);
            parser.skipChildren();
          }
        }
        case "timestamp" -> {
          if (value == JsonToken.VALUE_NUMBER_INT && fitsLong(parser)) {
            event.timestamp = parser.getLongValue();
          } else if (value == JsonToken.VALUE_NUMBER_INT) {
            event.problem(
                "logEvents["
                    + index
                    + "].timestamp "
                    + abbreviate(parser.getText())
                    + " is out of the range of epoch milliseconds");
          } else {
            event.problem("logEvents[" + index + "].timestamp must be an integer, was " + value);
            parser.skipChildren();
          }
        }
        case "message" -> {
          if (value == JsonToken.VALUE_STRING) {
            event.message = parser.getText();
          } else {
            event.problem("logEvents[" + index + "].message must be a string, was " + value);
            event.message = value.isScalarValue() ? parser.getText() : null;
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (event.problem == null && (event.id == null || event.timestamp == null)) {
      event.problem("logEvents[" + index + "] lacks " + (event.id == null ? "id" : "timestamp"));
    }
    if (event.problem == null && event.message == null) {
      event.problem("logEvents[" + index + "] lacks message");
    }
    return event;
  }

  /** Whether the current integer token fits a long, without converting a long digit string. */
  private static boolean fitsLong(JsonParser parser) throws IOException {
    return parser.getTextLength() <= 20
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " chars)";
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

  private static final class Envelope {
    String messageType;
    String owner;
    String logGroup;
    String logStream;
    List<RawEvent> events;

    void requireFields() throws Rejection {
      if (messageType == null) {
        throw missing("messageType");
      }
      if ("CONTROL_MESSAGE".equals(messageType)) {
        return;
      }
      if (!"DATA_MESSAGE".equals(messageType)) {
        throw new Rejection(
            DeadLetterReason.UNKNOWN_MESSAGE_TYPE, "unknown messageType " + messageType);
      }
      if (owner == null) {
        throw missing("owner");
      }
      if (logGroup == null) {
        throw missing("logGroup");
      }
      if (logStream == null) {
        throw missing("logStream");
      }
      if (events == null) {
        throw missing("logEvents");
      }
      requireLength("logGroup", logGroup, MAX_LOG_GROUP_CHARS);
      requireLength("logStream", logStream, MAX_LOG_STREAM_CHARS);
      requireLength("owner", owner, CONTROL_OWNER.length());
      if (!ACCOUNT_ID.matcher(owner).matches() && !CONTROL_OWNER.equals(owner)) {
        throw new Rejection(
            DeadLetterReason.NOT_AN_ENVELOPE,
            "owner must be a 12-digit account id, was '" + owner + "'");
      }
    }

    /**
     * Bounds the names that become series keys where they enter: CloudWatch Logs never writes
     * longer ones, and an unbounded key would be carried through every window and state entry.
     */
    private static void requireLength(String field, String value, int maxChars) throws Rejection {
      if (value.length() > maxChars) {
        throw new Rejection(
            DeadLetterReason.OVERSIZED_FIELD,
            field
                + " of "
                + value.length()
                + " characters exceeds CloudWatch Logs' limit of "
                + maxChars);
      }
    }

    private static Rejection missing(String field) {
      return new Rejection(DeadLetterReason.NOT_AN_ENVELOPE, "envelope lacks " + field);
    }
  }

  private static final class RawEvent {
    String id;
    Long timestamp;
    String message;
    String problem;

    void problem(String detail) {
      if (problem == null) {
        problem = detail;
      }
    }
  }

  private static final class Rejection extends Exception {
    final DeadLetterReason reason;

    Rejection(DeadLetterReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
