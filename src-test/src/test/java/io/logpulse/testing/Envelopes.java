package io.logpulse.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.schema.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds CloudWatch Logs subscription envelopes as CloudWatch writes them, for tests. */
public final class Envelopes {

  public static final ObjectMapper JSON = new ObjectMapper();

  private Envelopes() {}

  /** A DATA_MESSAGE envelope; add events with {@link #event}. */
  public static ObjectNode data(String owner, String logGroup, String logStream) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("messageType", "DATA_MESSAGE");
    envelope.put("owner", owner);
    envelope.put("logGroup", logGroup);
    envelope.put("logStream", logStream);
    envelope.putArray("subscriptionFilters").add("logpulse");
    envelope.putArray("logEvents");
    return envelope;
  }

  /** Adds one log event to an envelope. */
  public static ObjectNode event(ObjectNode envelope, String id, long timestamp, String message) {
    ObjectNode event = ((ArrayNode) envelope.get("logEvents")).addObject();
    event.put("id", id);
    event.put("timestamp", timestamp);
    event.put("message", message);
    return envelope;
  }

  /** The health-check envelope CloudWatch Logs sends when a subscription is created. */
  public static ObjectNode control() {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("messageType", "CONTROL_MESSAGE");
    envelope.put("owner", "CloudwatchLogs");
    envelope.put("logGroup", "");
    envelope.put("logStream", "");
    envelope.putArray("subscriptionFilters");
    ObjectNode event = envelope.putArray("logEvents").addObject();
    event.put("id", "");
    event.put("timestamp", 1_700_000_000_000L);
    event.put("message", "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.");
    return envelope;
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] gzip(ObjectNode envelope) {
    return gzip(envelope.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A source record holding the payload, as a Kinesis source would hand it over. */
  public static SourceRecord record(byte[] payload, Long arrivalTime) {
    return SourceRecord.newBuilder()
        .setData(ByteBuffer.wrap(payload))
        .setArrivalTime(arrivalTime)
        .setStream("test-stream")
        .setShardId("shardId-000000000000")
        .setSequenceNumber("49590338271490256608559692538361571095921575989136588898")
        .setReadError(null)
        .build();
  }
}
