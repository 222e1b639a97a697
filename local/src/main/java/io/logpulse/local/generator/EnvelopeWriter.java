package io.logpulse.local.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one CloudWatch Logs subscription envelope at a time, exactly as CloudWatch Logs puts it
 * into Kinesis: {@code {"messageType","owner","logGroup","logStream","subscriptionFilters",
 * "logEvents":[{"id","timestamp","message"}]}}, gzip-compressed.
 *
 * <p>All buffers, the JSON factory and the deflater are reused from record to record, which is what
 * makes the generator fast; an instance therefore belongs to one thread.
 */
final class EnvelopeWriter implements LogLines {

  /** The subscription filter name every generated envelope names. */
  static final String SUBSCRIPTION_FILTER = "logpulse";

  private static final String CONTROL_TEXT =
      "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.";
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};
  private static final int ID_LENGTH = 56;

  private final JsonFactory factory = new JsonFactory();
  private final Buffer json = new Buffer(64 * 1024);
  private final Buffer gzip = new Buffer(16 * 1024);
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final CRC32 crc = new CRC32();
  private final StringBuilder message = new StringBuilder(2048);
  private final char[] id = new char[ID_LENGTH];
  private char[] chars = new char[2048];
  private JsonGenerator generator;
  private long index;
  private long idNoise;
  private int events;
  private long timestamp;

  /** Starts a DATA_MESSAGE envelope of the given log stream; events follow via {@link #begin}. */
  void startData(long recordIndex, long noise, String owner, String logGroup, String logStream) {
    start("DATA_MESSAGE", owner, logGroup, logStream, true);
    index = recordIndex;
    idNoise = noise & Long.MAX_VALUE;
    events = 0;
  }

  /** Writes a complete CONTROL_MESSAGE envelope, as CloudWatch Logs sends to check the stream. */
  void writeControl(long timestampMillis) {
    start("CONTROL_MESSAGE", "CloudwatchLogs", "", "", false);
    try {
      generator.writeStartObject();
      generator.writeStringField("id", "");
      generator.writeNumberField("timestamp", timestampMillis);
      generator.writeStringField("message", CONTROL_TEXT);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    events = 1;
    finish();
  }

  @Override
  public StringBuilder begin(long timestampMillis) {
    timestamp = timestampMillis;
    message.setLength(0);
    return message;
  }

  @Override
  public void commit() {
    int length = message.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    message.getChars(0, length, chars, 0);
    try {
      generator.writeStartObject();
      generator.writeFieldName("id");
      generator.writeString(eventId(), 0, ID_LENGTH);
      generator.writeNumberField("timestamp", timestamp);
      generator.writeFieldName("message");
      generator.writeString(chars, 0, length);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    events++;
  }

  /** Closes the envelope JSON; afterwards {@link #gzipped} or {@link #plain} give its bytes. */
  void finish() {
    try {
      generator.writeEndArray();
      generator.writeEndObject();
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The finished envelope, gzip-compressed. */
  byte[] gzipped() {
    return gzip(json.length());
  }

  /** The first {@code length} bytes of the envelope JSON, gzip-compressed. */
  byte[] gzipPrefix(int length) {
    return gzip(Math.min(length, json.length()));
  }

  /** The finished envelope JSON without compression. */
  byte[] plain() {
    return json.toByteArray();
  }

  /** Length of the finished envelope JSON in bytes. */
  int jsonLength() {
    return json.length();
  }

  private void start(
      String type, String owner, String logGroup, String logStream, boolean withFilter) {
    json.reset();
    try {
      generator = factory.createGenerator(json, JsonEncoding.UTF8);
      generator.writeStartObject();
      generator.writeStringField("messageType", type);
      generator.writeStringField("owner", owner);
      generator.writeStringField("logGroup", logGroup);
      generator.writeStringField("logStream", logStream);
      generator.writeArrayFieldStart("subscriptionFilters");
      if (withFilter) {
        generator.writeString(SUBSCRIPTION_FILTER);
      }
      generator.writeEndArray();
      generator.writeArrayFieldStart("logEvents");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A 56-digit id like CloudWatch's: a leading 3, the 13-digit timestamp, the 19-digit record index
   * and 6-digit event ordinal (which make it unique), then 17 seeded digits.
   */
  private char[] eventId() {
    id[0] = '3';
    digits(timestamp, 1, 13);
    digits(index, 14, 19);
    digits(events, 33, 6);
    digits(idNoise ^ ((long) events * 0x9E3779B97F4A7C15L & Long.MAX_VALUE), 39, 17);
    return id;
  }

  private void digits(long value, int from, int width) {
    long rest = Math.abs(value);
    for (int i = from + width - 1; i >= from; i--) {
      id[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
  }

  private byte[] gzip(int length) {
    byte[] input = json.array();
    gzip.reset();
    gzip.write(GZIP_HEADER, 0, GZIP_HEADER.length);
    deflater.reset();
    deflater.setInput(input, 0, length);
    deflater.finish();
    while (!deflater.finished()) {
      gzip.ensureSpare(8 * 1024);
      int n = deflater.deflate(gzip.array(), gzip.length(), gzip.spare());
      gzip.advance(n);
    }
    crc.reset();
    crc.update(input, 0, length);
    writeIntLe(gzip, (int) crc.getValue());
    writeIntLe(gzip, length);
    return Arrays.copyOf(gzip.array(), gzip.length());
  }

  private static void writeIntLe(Buffer out, int value) {
    out.write(value & 0xff);
    out.write((value >>> 8) & 0xff);
    out.write((value >>> 16) & 0xff);
    out.write((value >>> 24) & 0xff);
  }

  /** A byte buffer whose backing array can be written into directly. */
  private static final class Buffer extends ByteArrayOutputStream {

    Buffer(int size) {
      super(size);
    }

    byte[] array() {
      return buf;
    }

    int length() {
      return count;
    }

    int spare() {
      return buf.length - count;
    }

    void ensureSpare(int bytes) {
      if (buf.length - count < bytes) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + bytes));
      }
    }

    void advance(int bytes) {
      count += bytes;
    }
  }
}
