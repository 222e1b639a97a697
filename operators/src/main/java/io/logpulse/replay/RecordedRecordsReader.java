package io.logpulse.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpulse.schema.SourceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;

/**
 * Reads recorded Kinesis records: the JSON that {@code aws kinesis get-records} prints ({@code
 * {"Records":[{"Data": base64, ...}]}}, possibly several such objects one after another), or NDJSON
 * with one record (or one get-records object) per line.
 *
 * <p>Nothing is dropped: a record whose JSON or base64 cannot be read comes out as a {@link
 * SourceRecord} with {@code read_error} set and the raw text as its data, so the decoder can
 * dead-letter it. NDJSON is read line by line, so one bad line costs only that line; a
 * pretty-printed document that breaks mid-way yields one unreadable record holding the rest of the
 * input.
 */
public final class RecordedRecordsReader implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Leaves the input open when a document breaks, so the rest can still be reported. */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private static final int MAX_UNREADABLE_BYTES = 1024 * 1024;

  private final BufferedReader lines;
  private final String origin;
  private final Deque<SourceRecord> pending = new ArrayDeque<>();
  private Iterator<JsonNode> document;
  private JsonParser documentParser;
  private boolean started;
  private boolean ndjson;
  private long lineNumber;

  /**
   * @param input the recording; closed with this reader
   * @param origin where the records came from (a file name), kept as each record's stream
   */
  public RecordedRecordsReader(InputStream input, String origin) {
    this.lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8), 1 << 16);
    this.origin = origin;
  }

  /** The next record, or null at the end of the input. */
  public SourceRecord next() throws IOException {
    while (pending.isEmpty()) {
      if (!started) {
        start();
      } else if (ndjson) {
        if (!readLine()) {
          return null;
        }
      } else if (!readDocumentValue()) {
        return null;
      }
    }
    return pending.poll();
  }

  private void start() throws IOException {
    started = true;
    String first = lines.readLine();
    while (first != null && first.isBlank()) {
      lineNumber++;
      first = lines.readLine();
    }
    if (first == null) {
      ndjson = true;
      return;
    }
    lineNumber++;
    JsonNode value = parseWhole(first);
    if (value != null) {
      ndjson = true;
      addValue(value, first);
      return;
    }
    documentParser = JSON.createParser(new ResumedReader(first + "\n", lines));
    document = MAPPER.readValues(documentParser, JsonNode.class);
  }

  private boolean readLine() throws IOException {
    String line = lines.readLine();
    if (line == null) {
      return false;
    }
    lineNumber++;
    if (line.isBlank()) {
      return true;
    }
    JsonNode value = parseWhole(line);
    if (value == null) {
      pending.add(unreadable(line, "line " + lineNumber + " is not valid JSON"));
    } else {
      addValue(value, line);
    }
    return true;
  }

  private boolean readDocumentValue() throws IOException {
    try {
      if (!document.hasNext()) {
        return false;
      }
      JsonNode value = document.next();
      addValue(value, value.toString());
      return true;
    } catch (RuntimeException e) {
      String rest = drain();
      pending.add(
          unreadable(
              rest,
              "invalid JSON near line "
                  + documentParser.currentLocation().getLineNr()
                  + ": the rest of the input could not be read ("
                  + rootMessage(e)
                  + ")"));
      document = Collections.emptyIterator();
      return true;
    }
  }

  private String drain() throws IOException {
    StringBuilder rest = new StringBuilder();
    char[] chunk = new char[8192];
    int n;
    while ((n = lines.read(chunk)) > 0 && rest.length() < MAX_UNREADABLE_BYTES) {
      rest.append(chunk, 0, n);
    }
    return rest.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof JsonProcessingException jpe
        ? jpe.getOriginalMessage()
        : cause.getMessage();
  }

  private static JsonNode parseWhole(String line) {
    try (JsonParser parser = JSON.createParser(new StringReader(line))) {
      JsonNode value = MAPPER.readTree(parser);
      return parser.nextToken() == null ? value : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void addValue(JsonNode value, String raw) {
    if (!value.isObject()) {
      pending.add(unreadable(raw, "a recorded record must be a JSON object"));
      return;
    }
    JsonNode records = field(value, "Records");
    if (records != null) {
      if (!records.isArray()) {
        pending.add(unreadable(raw, "Records must be an array"));
        return;
      }
      for (JsonNode record : records) {
        addRecord(record);
      }
      return;
    }
    addRecord(value);
  }

  private void addRecord(JsonNode record) {
    JsonNode data = field(record, "Data");
    if (data == null || !data.isTextual()) {
      pending.add(unreadable(record.toString(), "record has no base64 Data string"));
      return;
    }
    byte[] payload;
    try {
      payload = Base64.getMimeDecoder().decode(data.asText());
    } catch (IllegalArgumentException e) {
      pending.add(unreadable(record.toString(), "Data is not valid base64: " + e.getMessage()));
      return;
    }
    pending.add(
        SourceRecord.newBuilder()
            .setData(ByteBuffer.wrap(payload))
            .setArrivalTime(arrivalTime(field(record, "ApproximateArrivalTimestamp")))
            .setStream(origin)
            .setShardId(textOrNull(field(record, "ShardId")))
            .setSequenceNumber(textOrNull(field(record, "SequenceNumber")))
            .setReadError(null)
            .build());
  }

  private SourceRecord unreadable(String raw, String reason) {
    return SourceRecord.newBuilder()
        .setData(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)))
        .setArrivalTime(null)
        .setStream(origin)
        .setShardId(null)
        .setSequenceNumber(null)
        .setReadError(reason)
        .build();
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

  /** The CLI prints epoch seconds with a fraction, or ISO-8601, depending on its settings. */
  static Long arrivalTime(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return new BigDecimal(node.asText()).movePointRight(3).longValue();
    }
    if (node.isTextual()) {
      String text = node.asText();
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        try {
          return new BigDecimal(text).movePointRight(3).longValue();
        } catch (NumberFormatException notNumeric) {
          return null;
        }
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  /** Reads the line already consumed, then the rest of the input. */
  private static final class ResumedReader extends Reader {
    private final Reader head;
    private final Reader tail;
    private boolean headDone;

    ResumedReader(String consumed, Reader tail) {
      this.head = new StringReader(consumed);
      this.tail = tail;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
      if (!headDone) {
        int n = head.read(target, offset, length);
        if (n > 0) {
          return n;
        }
        headDone = true;
      }
      return tail.read(target, offset, length);
    }

    @Override
    public void close() throws IOException {
      tail.close();
    }
  }
}
