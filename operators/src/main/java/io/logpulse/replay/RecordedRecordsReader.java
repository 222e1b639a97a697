package io.logpulse.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.schema.SourceRecord;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * Reads recorded Kinesis records: the JSON that {@code aws kinesis get-records} prints ({@code
 * {"Records":[{"Data": base64, ...}]}}, possibly several such documents one after another), or
 * NDJSON with one record (or one get-records document) per line.
 *
 * <p>Nothing is dropped, and a malformed part costs only itself: text that cannot be read comes out
 * as one {@link SourceRecord} with {@code read_error} set and that text, whole, as its data (cut
 * only past {@link Resync#MAX_KEPT_CHARS}, which its error then says), so the decoder can
 * dead-letter it; reading goes on at the next record (see {@link Resync}): the next line of NDJSON,
 * or the next record object or document of a get-records document, whose records before the break
 * were already read.
 *
 * <p>Not thread-safe.
 */
public final class RecordedRecordsReader implements AutoCloseable {

  /** Leaves the text open when a parser breaks, so reading can resume further on. */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  /** Exact numbers: 1e400 is a number out of range, not infinity. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper(JSON).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Lets a parser resume inside a Records array whose opening it did not see. */
  private static final String RECORDS_PREFIX = "{\"Records\":[";

  private static final Pattern DOCUMENT_START = Pattern.compile("\\{\\s*\"[Rr]ecords\"");

  /** How much of the first line is looked at to tell NDJSON from a multi-line document. */
  private static final int SNIFF_CHARS = 1 << 20;

  private enum State {
    START,
    ROOT,
    RECORDS,
    TAIL,
    DONE
  }

  private final TextWindow text;
  private final String origin;
  private final Deque<SourceRecord> pending = new ArrayDeque<>();
  private State state = State.START;
  private boolean ndjson;
  private JsonParser parser;

  /** Absolute offset of the parser's first character (its synthetic prefix included). */
  private long parserBase;

  /** Line (1-based) of the parser's first line. */
  private int parserLine;

  /** Where the unit being read starts, or where the last one ended; and its line. */
  private long unitStart;

  private int unitLine = 1;

  /** Whether a unit (a root value or a record) is being read, rather than what separates them. */
  private boolean inUnit;

  /**
   * @param input the recording; closed with this reader
   * @param origin where the records came from (a file name), kept as each record's stream
   */
  public RecordedRecordsReader(InputStream input, String origin) {
    this.text = new TextWindow(new InputStreamReader(input, StandardCharsets.UTF_8));
    this.origin = origin;
  }

  /** The next record, or null at the end of the input. */
  public SourceRecord next() throws IOException {
    while (pending.isEmpty() && state != State.DONE) {
      try {
        step();
      } catch (JsonProcessingException e) {
        recover(e);
      } catch (ZipException | EOFException e) {
        inputBroke(e);
      }
    }
    return pending.poll();
  }

  private void step() throws IOException {
    switch (state) {
      case START -> {
        ndjson = sniffNdjson();
        startParser(0, 1, "");
        state = State.ROOT;
      }
      case ROOT -> root();
      case RECORDS -> record();
      case TAIL -> tail();
      case DONE -> {}
    }
  }

  private void root() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      state = State.DONE;
      return;
    }
    long start = beginUnit();
    if (token != JsonToken.START_OBJECT) {
      // unreadable up to the next record, like any other break
      throw new JsonParseException(parser, "a recorded record must be a JSON object");
    }
    ObjectNode fields = MAPPER.createObjectNode();
    boolean recordsNotArray = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("Records") || name.equals("records")) {
        if (value == JsonToken.START_ARRAY) {
          state = State.RECORDS;
          endUnit();
          return;
        }
        recordsNotArray = true;
        parser.skipChildren();
      } else {
        fields.set(name, MAPPER.readTree(parser));
      }
    }
    if (ndjson && parserLine + parser.currentLocation().getLineNr() - 1 != unitLine) {
      // in NDJSON a line is one record: an object closed on a later line is two broken lines
      throw new JsonParseException(parser, "a record must stay on its line in NDJSON");
    }
    if (ndjson && !restOfLineBlank(position())) {
      // in NDJSON a line is one record: text after the object makes the whole line unreadable
      throw new JsonParseException(parser, "unexpected text after the record on its line");
    }
    String raw = text(start, position());
    pending.add(
        recordsNotArray
            ? RecordedRecordJson.unreadable(raw, "Records must be an array", origin)
            : RecordedRecordJson.toSourceRecord(fields, raw, origin));
    endUnit();
  }

  private void record() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.END_ARRAY) {
      state = State.TAIL;
      endUnit();
      return;
    }
    long start = beginUnit();
    JsonNode record = token == JsonToken.START_OBJECT ? MAPPER.readTree(parser) : null;
    if (record == null) {
      parser.skipChildren();
    }
    String raw = text(start, position());
    pending.add(
        record == null
            ? RecordedRecordJson.unreadable(raw, "a recorded record must be a JSON object", origin)
            : RecordedRecordJson.toSourceRecord(record, raw, origin));
    endUnit();
  }

  /** The document's fields after its Records array, up to its closing brace. */
  private void tail() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren();
    } else if (token == JsonToken.END_OBJECT) {
      state = State.ROOT;
      endUnit();
    } else {
      throw new JsonEOFException(parser, token, "the get-records document is not closed");
    }
  }

  private boolean restOfLineBlank(long from) throws IOException {
    int c;
    for (long p = from; (c = text.charAt(p)) >= 0 && c != '\n'; p++) {
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  private long beginUnit() {
    JsonLocation location = parser.currentTokenLocation();
    unitStart = parserBase + location.getCharOffset();
    unitLine = parserLine + location.getLineNr() - 1;
    inUnit = true;
    text.keepFrom(unitStart);
    return unitStart;
  }

  private void endUnit() {
    JsonLocation location = parser.currentLocation();
    unitStart = parserBase + location.getCharOffset();
    unitLine = parserLine + location.getLineNr() - 1;
    inUnit = false;
    text.keepFrom(unitStart);
  }

  private long position() {
    return parserBase + parser.currentLocation().getCharOffset();
  }

  private String text(long from, long to) throws IOException {
    return text.text(from, to);
  }

  /** Cuts out the unreadable text from the broken unit on and resumes at the next record. */
  private void recover(JsonProcessingException e) throws IOException {
    long start = unitStart;
    int line = unitLine;
    int c;
    while ((c = text.charAt(start)) >= 0 && Character.isWhitespace(c)) {
      line += c == '\n' ? 1 : 0;
      start++;
    }
    Resync.Point point = Resync.find(text, start, ndjson, !inUnit);
    if (!point.skipped().isEmpty()) {
      pending.add(
          RecordedRecordJson.unreadable(
              point.skipped(),
              "invalid JSON at line "
                  + line
                  + " ("
                  + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")
                  + ")"
                  + point.truncation(),
              origin));
    }
    int resumeLine = line + point.lines();
    switch (point.context()) {
      case END -> state = State.DONE;
      case ROOT -> {
        startParser(point.offset(), resumeLine, "");
        state = State.ROOT;
      }
      case RECORD -> {
        startParser(point.offset(), resumeLine, RECORDS_PREFIX);
        parser.nextToken();
        parser.nextToken();
        parser.nextToken();
        state = State.RECORDS;
      }
    }
    unitStart = point.offset();
    unitLine = resumeLine;
    inUnit = false;
  }

  /** The input itself broke (a damaged compressed file): what was read of it is reported. */
  private void inputBroke(IOException e) throws IOException {
    long end = text.end();
    String held = unitStart < end ? text(unitStart, end) : "";
    pending.add(
        RecordedRecordJson.unreadable(
            held,
            "the recording cannot be read past line " + unitLine + ": " + e.getMessage(),
            origin));
    state = State.DONE;
  }

  private void startParser(long offset, int line, String prefix) throws IOException {
    if (parser != null) {
      parser.close();
    }
    text.keepFrom(offset);
    parser = JSON.createParser(text.from(offset, prefix));
    parserBase = offset - prefix.length();
    parserLine = line;
  }

  /**
   * Whether the recording is NDJSON (one record per line) rather than a multi-line document. It is
   * a document only when its first line opens one and goes on past the line: {@code {} alone, as
   * the AWS CLI prints it, or {@code {"Records": [...} broken off.
   */
  private boolean sniffNdjson() throws IOException {
    long p = 0;
    int c;
    while ((c = text.charAt(p)) >= 0 && Character.isWhitespace(c)) {
      p++;
    }
    StringBuilder first = new StringBuilder();
    while ((c = text.charAt(p)) >= 0 && c != '\n' && first.length() < SNIFF_CHARS) {
      first.append((char) c);
      p++;
    }
    String line = first.toString().strip();
    if (!line.equals("{") && !DOCUMENT_START.matcher(line).lookingAt()) {
      return true;
    }
    try (JsonParser parser = JSON.createParser(new StringReader(line))) {
      while (parser.nextToken() != null) {
        parser.skipChildren();
      }
      return true;
    } catch (JsonEOFException incomplete) {
      return false;
    } catch (JsonProcessingException malformed) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    if (parser != null) {
      parser.close();
    }
    text.close();
  }
}
