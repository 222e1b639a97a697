package io.logpulse.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.logpulse.deadletter.DeadLetterReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a subscription envelope's JSON and holds it to CloudWatch Logs' contract: the fields and
 * types a record must have (else the whole record is rejected), and per event what makes only that
 * event unusable (a wrong type, a timestamp out of range), so the other events survive.
 */
final class EnvelopeJson {

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
  static final String CONTROL_OWNER = "CloudwatchLogs";

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private EnvelopeJson() {}

  /** The envelope in the first {@code length} bytes of {@code buffer}. */
  static Envelope parse(byte[] buffer, int length) throws Rejection {
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

  /** The fields of an envelope logpulse uses. */
  static final class Envelope {
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

  /** One element of logEvents, and what is wrong with it, if anything. */
  static final class RawEvent {
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
}
