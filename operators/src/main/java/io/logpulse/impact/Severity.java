package io.logpulse.impact;

/**
 * How bad an incident's user impact is, from its size and how long it has lasted. The size sets the
 * level ({@link ImpactKind#sizeLevel}); impact that lasts {@link ImpactSettings#escalateAfter()} or
 * longer is one level worse. Codes are stable: they are what persisted state holds.
 */
public enum Severity {
  /** Material and credible, but small: a few percent of requests failing, p99 doubled. */
  LOW(0, 0.6),
  /** A tenth of requests failing, p99 four times its normal, most traffic lost. */
  MEDIUM(1, 0.7),
  /** A quarter of requests failing, p99 eight times its normal, nearly all traffic lost. */
  HIGH(2, 0.85),
  /** The largest size, lasting. */
  CRITICAL(3, 1.0);

  private final int code;
  private final double score;

  Severity(int code, double score) {
    this.code = code;
    this.score = score;
  }

  /** The stable code persisted state holds. */
  public int code() {
    return code;
  }

  /** The score of an impact step of this severity, in [0.5, 1]: every impact is an alarm. */
  public double score() {
    return score;
  }

  /** The severity of a stable code. */
  public static Severity ofCode(int code) {
    for (Severity severity : values()) {
      if (severity.code == code) {
        return severity;
      }
    }
    throw new IllegalArgumentException("unknown severity code " + code);
  }

  /** The severity of a size level (0-2) after {@code escalated} levels for duration. */
  static Severity of(int sizeLevel, boolean lasting) {
    return ofCode(Math.min(CRITICAL.code, sizeLevel + (lasting ? 1 : 0)));
  }
}
