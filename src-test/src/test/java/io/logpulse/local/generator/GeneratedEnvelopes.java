package io.logpulse.local.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpulse.schema.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/** Test-side decoding of generated records, independent of the generator's writer. */
final class GeneratedEnvelopes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GeneratedEnvelopes() {}

  static byte[] bytes(SourceRecord record) {
    ByteBuffer data = record.getData().duplicate();
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    return bytes;
  }

  static byte[] gunzip(byte[] data) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }

  static JsonNode parse(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  /** The envelope of a record that is expected to be well-formed. */
  static JsonNode envelope(SourceRecord record) throws IOException {
    return parse(gunzip(bytes(record)));
  }

  /** The JSON object of a log event message that holds JSON. */
  static JsonNode message(JsonNode event) throws IOException {
    return MAPPER.readTree(event.get("message").asText());
  }
}
