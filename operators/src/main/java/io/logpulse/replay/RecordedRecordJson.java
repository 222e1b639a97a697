package io.logpulse.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.schema.SourceRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Turns one recorded Kinesis record ({@code {"Data": base64, "ApproximateArrivalTimestamp": ...,
 * ...}}) into a {@link SourceRecord}, never throwing: a record whose payload cannot be read becomes
 * a record with {@code read_error} set and its raw text as data; an arrival timestamp that cannot
 * be one is dropped with {@code read_warning} set, so its events are still decoded.
 */
final class RecordedRecordJson {

  /** 9999-12-31T23:59:59Z: the last second an arrival timestamp is taken to be. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(253_402_300_799L);

  private static final BigDecimal ONE_MILLI = new BigDecimal("0.001");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private RecordedRecordJson() {}

  /** The record for a parsed JSON value; {@code raw} is its text, kept when it is unreadable. */
  static SourceRecord toSourceRecord(JsonNode record, String raw, String origin) {
    if (!record.isObject()) {
      return unreadable(raw, "a recorded record must be a JSON object", origin);
    }
    JsonNode data = field(record, "Data");
    if (data == null || !data.isTextual()) {
      return unreadable(raw, "record has no base64 Data string", origin);
    }
    byte[] payload;
    try {
      // The CLI prints one unbroken line; line breaks (MIME-style wrapping) are tolerated, but
      // any other character outside the base64 alphabet makes the payload unreadable.
      payload = Base64.getDecoder().decode(WHITESPACE.matcher(data.asText()).replaceAll(""));
    } catch (IllegalArgumentException e) {
      return unreadable(raw, "invalid base64 in Data: " + e.getMessage(), origin);
    }
    JsonNode arrival = field(record, "ApproximateArrivalTimestamp");
    Long arrivalTime = arrivalTime(arrival);
    String warning =
        arrival != null && arrivalTime == null
            ? "ApproximateArrivalTimestamp " + abbreviate(arrival.asText()) + " ignored: not a time"
            : null;
    return SourceRecord.newBuilder()
        .setData(ByteBuffer.wrap(payload))
        .setArrivalTime(arrivalTime)
        .setStream(origin)
        .setShardId(textOrNull(field(record, "ShardId")))
        .setSequenceNumber(textOrNull(field(record, "SequenceNumber")))
        .setReadError(null)
        .setReadWarning(warning)
        .build();
  }

  /** A record the source could not read: its raw text, and why. */
  static SourceRecord unreadable(String raw, String reason, String origin) {
    return SourceRecord.newBuilder()
        .setData(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)))
        .setArrivalTime(null)
        .setStream(origin)
        .setShardId(null)
        .setSequenceNumber(null)
        .setReadError(reason)
        .build();
  }

  /**
   * The CLI prints epoch seconds with a fraction, or ISO-8601, depending on its settings. Null when
   * absent or not a time from 1970 to 9999 (1e400 and "1e999999999" are numbers, not times).
   */
  static Long arrivalTime(JsonNode node) {
    if (node == null || !(node.isNumber() || node.isTextual())) {
      return null;
    }
    String text = node.asText().trim();
    try {
      long millis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
      return millis >= 0 && millis <= MAX_SECONDS.longValue() * 1000 + 999 ? millis : null;
    } catch (DateTimeException | ArithmeticException notIso) {
      // maybe epoch seconds
    }
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException notNumeric) {
      return null;
    }
    if (seconds.signum() < 0 || seconds.compareTo(MAX_SECONDS.add(BigDecimal.ONE)) >= 0) {
      return null;
    }
    if (seconds.compareTo(ONE_MILLI) < 0) {
      return 0L;
    }
    return seconds.setScale(3, RoundingMode.FLOOR).movePointRight(3).longValueExact();
  }

  /** Kinesis fields are PascalCase in the CLI's output and camelCase in some SDK dumps. */
  private static JsonNode field(JsonNode node, String pascalName) {
    JsonNode value = node.get(pascalName);
    if (value == null) {
      value = node.get(Character.toLowerCase(pascalName.charAt(0)) + pascalName.substring(1));
    }
    return value == null || value.isNull() ? null : value;
  }

  private static String textOrNull(JsonNode node) {
    return node == null ? null : node.asText();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
