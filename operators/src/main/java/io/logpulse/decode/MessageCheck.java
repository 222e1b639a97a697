package io.logpulse.decode;

import io.logpulse.deadletter.DeadLetterReason;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether a log message is usable text: not larger than the limit and not binary. Binary
 * means a NUL character, or more than one in ten of its first 256 characters being control
 * characters or U+FFFD (what invalid UTF-8 decodes to).
 */
public final class MessageCheck {

  private static final int BINARY_SCAN_CHARS = 256;

  private MessageCheck() {}

  /** Why the message cannot be used, or null when it can. */
  public static Problem problem(String message, int maxMessageBytes) {
    if (message.length() > maxMessageBytes / 3) {
      int bytes = message.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxMessageBytes) {
        return new Problem(
            DeadLetterReason.OVERSIZED_MESSAGE,
            "message of " + bytes + " bytes exceeds decode.max-message-bytes=" + maxMessageBytes);
      }
    }
    int scan = Math.min(message.length(), BINARY_SCAN_CHARS);
    int suspicious = 0;
    for (int i = 0; i < scan; i++) {
      char c = message.charAt(i);
      if (c == 0) {
        return new Problem(
            DeadLetterReason.BINARY_MESSAGE, "binary message: NUL character at offset " + i);
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFD') {
        suspicious++;
      }
    }
    if (scan > 0 && suspicious * 10 > scan) {
      return new Problem(
          DeadLetterReason.BINARY_MESSAGE,
          "binary message: " + suspicious + " control characters in its first " + scan);
    }
    return null;
  }

  /**
   * Why a message was refused.
   *
   * @param reason the dead-letter reason
   * @param detail what exactly was wrong
   */
  public record Problem(DeadLetterReason reason, String detail) {}
}
