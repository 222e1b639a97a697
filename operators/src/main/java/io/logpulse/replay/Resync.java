package io.logpulse.replay;

import java.io.IOException;

/**
 * Where reading resumes after a recording breaks, and the unreadable text up to there. In NDJSON
 * the next record is the next line, unless the broken line is a get-records document that still
 * holds record objects further on; in a multi-line get-records document it is the next record
 * object ({@code {"SequenceNumber": ...}}, {@code {"Data": ...}}, ...) or the next document (a
 * {@code {} at the start of a line, or {@code {"Records": ...}}).
 *
 * <p>The unreadable text is kept whole up to {@link #MAX_KEPT_CHARS}; a longer span keeps its
 * beginning, and its detail says how much was cut.
 */
final class Resync {

  /** Longest unreadable span kept in one dead letter, in characters. */
  static final int MAX_KEPT_CHARS = 8 * 1024 * 1024;

  /** How far past a '{' a record's first key is looked for. */
  private static final int KEY_LOOKAHEAD = 1024;

  private static final String[] RECORD_KEYS = {
    "SequenceNumber",
    "sequenceNumber",
    "Data",
    "data",
    "ApproximateArrivalTimestamp",
    "approximateArrivalTimestamp",
    "PartitionKey",
    "partitionKey",
    "EncryptionType",
    "encryptionType"
  };

  private static final String[] DOCUMENT_KEYS = {"Records", "records"};

  /** What follows the resync point. */
  enum Context {
    /** A root value: an NDJSON line or a new document. */
    ROOT,
    /** A record object inside a get-records Records array. */
    RECORD,
    /** Nothing: the input ends. */
    END
  }

  /**
   * The result of a resync.
   *
   * @param offset where reading resumes
   * @param context what is read there
   * @param skipped the unreadable text (possibly cut, see {@link #truncation})
   * @param skippedBytes UTF-8 bytes of the whole unreadable span
   * @param keptBytes UTF-8 bytes of {@code skipped}
   * @param lines line breaks between the start of the span and {@code offset}
   */
  record Point(
      long offset, Context context, String skipped, long skippedBytes, long keptBytes, int lines) {

    /** Empty, or the detail's note of what was cut. */
    String truncation() {
      return keptBytes == skippedBytes
          ? ""
          : "; truncated: kept " + keptBytes + " of " + skippedBytes + " bytes";
    }
  }

  private Resync() {}

  /**
   * Finds the resync point after a break whose unreadable span starts at {@code start}.
   *
   * @param ndjson whether the recording is read as NDJSON (one record per line)
   * @param startIsCandidate whether {@code start} itself may be a resync point: true when the
   *     parser broke between two records, before reading anything of the one at {@code start}
   */
  static Point find(TextWindow text, long start, boolean ndjson, boolean startIsCandidate)
      throws IOException {
    Span span = new Span();
    boolean brokenLine = true;
    boolean lineStart = isLineStart(text, start);
    int previous = -1;
    for (long p = start; ; p++) {
      int c = text.charAt(p);
      if (c < 0) {
        return span.point(p, Context.END);
      }
      if (c == '{' && (p > start || startIsCandidate)) {
        Context context = candidate(firstKey(text, p), ndjson, brokenLine, p == start, lineStart);
        if (context == null && !ndjson && (previous == '\n' || p == start && lineStart)) {
          context = Context.ROOT;
        }
        if (context != null) {
          return span.point(p, context);
        }
      }
      if (ndjson && !brokenLine && !Character.isWhitespace(c)) {
        // the broken line is done: the next line is read whatever it holds
        return span.point(p, Context.ROOT);
      }
      if (c == '\n') {
        brokenLine = false;
        span.lines++;
      }
      lineStart = c == '\n' || (lineStart && Character.isWhitespace(c));
      span.add(text, p, c);
      previous = c;
    }
  }

  private static Context candidate(
      String key, boolean ndjson, boolean brokenLine, boolean atStart, boolean lineStart) {
    if (key != null && matches(key, DOCUMENT_KEYS)) {
      return Context.ROOT;
    }
    boolean recordKey = key != null && matches(key, RECORD_KEYS);
    if (!ndjson) {
      return recordKey ? Context.RECORD : null;
    }
    if (brokenLine) {
      if (atStart && lineStart) {
        return Context.ROOT;
      }
      return recordKey ? Context.RECORD : null;
    }
    return lineStart ? Context.ROOT : null;
  }

  /** The unreadable text seen so far, kept up to the limit, and its size. */
  private static final class Span {
    final StringBuilder kept = new StringBuilder();
    long keptBytes;
    long bytes;
    int lines;
    int trailingChars;
    long trailingBytes;

    void add(TextWindow text, long p, int c) {
      int size = utf8Size(c);
      bytes += size;
      if (Character.isWhitespace(c)) {
        trailingChars++;
        trailingBytes += size;
      } else {
        trailingChars = 0;
        trailingBytes = 0;
      }
      if (kept.length() < MAX_KEPT_CHARS) {
        kept.append((char) c);
        keptBytes += size;
      } else {
        text.keepFrom(p);
      }
    }

    /** The point, with the span's trailing whitespace (never part of a record) left out. */
    Point point(long offset, Context context) {
      boolean whole = keptBytes == bytes;
      bytes -= trailingBytes;
      if (whole) {
        kept.setLength(kept.length() - trailingChars);
        keptBytes -= trailingBytes;
      }
      return new Point(offset, context, kept.toString(), bytes, keptBytes, lines);
    }
  }

  private static boolean isLineStart(TextWindow text, long offset) throws IOException {
    return offset == 0 || text.charAt(offset - 1) == '\n';
  }

  /** The first key of the object opening at {@code brace}, or null. */
  private static String firstKey(TextWindow text, long brace) throws IOException {
    long p = brace + 1;
    int c;
    while ((c = text.charAt(p)) >= 0 && Character.isWhitespace(c) && p - brace < KEY_LOOKAHEAD) {
      p++;
    }
    if (c != '"') {
      return null;
    }
    StringBuilder key = new StringBuilder();
    for (p++; (c = text.charAt(p)) >= 0 && c != '"' && key.length() < 40; p++) {
      key.append((char) c);
    }
    return c == '"' ? key.toString() : null;
  }

  private static boolean matches(String key, String[] keys) {
    for (String k : keys) {
      if (k.equals(key)) {
        return true;
      }
    }
    return false;
  }

  private static int utf8Size(int c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800) {
      return 2;
    }
    return Character.isSurrogate((char) c) ? 2 : 3;
  }
}
