package io.logpulse.common;

import java.nio.ByteBuffer;

/** Byte buffer helpers. */
public final class Bytes {

  private Bytes() {}

  /**
   * The buffer's remaining bytes as an array, without moving its position. A heap buffer that spans
   * its whole array is returned as that array, not copied.
   */
  public static byte[] toArray(ByteBuffer buffer) {
    if (buffer.hasArray()
        && buffer.arrayOffset() == 0
        && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
