package io.logpulse.replay;

import java.io.IOException;
import java.io.Reader;

/**
 * The text of a recording, read once from its input and held from a movable mark on, so that a
 * reader can hand it to a JSON parser and, when the parser breaks, look at the same characters
 * again: to cut out the unreadable span whole and to restart parsing further on. Positions are
 * absolute character offsets from the start of the input. A leading byte-order mark is dropped.
 *
 * <p>Not thread-safe.
 */
final class TextWindow {

  private final Reader input;
  private char[] buffer = new char[1 << 16];

  /** Absolute offset of {@code buffer[0]}. */
  private long base;

  /** Characters held, from {@code base}. */
  private int length;

  /** Characters before this absolute offset may be discarded. */
  private long keepFrom;

  private boolean eof;
  private boolean started;

  TextWindow(Reader input) {
    this.input = input;
  }

  /**
   * Lets the window discard everything before {@code offset}, except the one character before it
   * (which tells whether {@code offset} starts a line).
   */
  void keepFrom(long offset) {
    keepFrom = Math.max(keepFrom, offset - 1);
  }

  /** The absolute offset just past the last character read from the input so far. */
  long end() {
    return base + length;
  }

  /** The character at {@code offset}, or -1 past the end of the input. */
  int charAt(long offset) throws IOException {
    if (offset < base) {
      throw new IllegalStateException("offset " + offset + " was already discarded");
    }
    while (offset >= base + length) {
      if (!fill()) {
        return -1;
      }
    }
    return buffer[(int) (offset - base)];
  }

  /** The held text from {@code from} to {@code to} (both must be held or readable). */
  String text(long from, long to) throws IOException {
    if (to > from) {
      charAt(to - 1);
    }
    return new String(buffer, (int) (from - base), (int) (to - from));
  }

  /**
   * A reader of the text from {@code offset} on, preceded by {@code prefix} (which lets a parser
   * resume inside a structure it did not see open).
   */
  Reader from(long offset, String prefix) {
    return new Reader() {
      private int prefixRead;
      private long position = offset;

      @Override
      public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (prefixRead < prefix.length()) {
          int n = Math.min(len, prefix.length() - prefixRead);
          prefix.getChars(prefixRead, prefixRead + n, target, off);
          prefixRead += n;
          return n;
        }
        if (charAt(position) < 0) {
          return -1;
        }
        int start = (int) (position - base);
        int n = Math.min(len, length - start);
        System.arraycopy(buffer, start, target, off, n);
        position += n;
        return n;
      }

      @Override
      public void close() {}
    };
  }

  void close() throws IOException {
    input.close();
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    compact();
    if (length == buffer.length) {
      char[] grown = new char[buffer.length * 2];
      System.arraycopy(buffer, 0, grown, 0, length);
      buffer = grown;
    }
    int n = input.read(buffer, length, buffer.length - length);
    if (n < 0) {
      eof = true;
      return false;
    }
    if (!started && n > 0) {
      started = true;
      if (buffer[length] == '\uFEFF') {
        System.arraycopy(buffer, length + 1, buffer, length, n - 1);
        n--;
      }
    }
    length += n;
    return true;
  }

  private void compact() {
    int drop = (int) Math.min(keepFrom - base, length);
    if (drop > 0 && drop >= length / 2) {
      System.arraycopy(buffer, drop, buffer, 0, length - drop);
      length -= drop;
      base += drop;
    }
  }
}
