package io.logpulse.impact;

/**
 * The kinds of user impact that open incidents, each judged on a service's whole-service windows
 * against its own baseline. Codes are stable: they are what persisted state holds.
 */
public enum ImpactKind {
  /** Requests fail (or, for a service that logs no requests, its log events are errors). */
  ERRORS(0, "error-rate"),
  /** Requests lose traffic: far fewer arrive than the baseline expects. */
  TRAFFIC(1, "request-rate"),
  /** Requests slow down: the p99 latency is well over its baseline, with enough requests behind. */
  LATENCY(2, "latency-p99");

  private final int code;
  private final String metric;

  ImpactKind(int code, String metric) {
    this.code = code;
    this.metric = metric;
  }

  /** The stable code persisted state holds. */
  public int code() {
    return code;
  }

  /** The metric name impact steps of this kind carry, as anomalies name their series. */
  public String metric() {
    return metric;
  }

  /** The kind of a stable code. */
  public static ImpactKind ofCode(int code) {
    for (ImpactKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown impact kind code " + code);
  }

  /**
   * The size level (0-2) of impact of this kind: for errors the failing share of requests (below
   * 10%, below 25%, more), for latency the p99 over its baseline (below 4x, below 8x, more), for
   * traffic the share of the expected requests lost (below 90%, below 98%, more).
   */
  int sizeLevel(double expected, double observed) {
    return switch (this) {
      case ERRORS -> observed >= 0.25 ? 2 : observed >= 0.10 ? 1 : 0;
      case LATENCY -> {
        double ratio = observed / Math.max(expected, 1e-9);
        yield ratio >= 8 ? 2 : ratio >= 4 ? 1 : 0;
      }
      case TRAFFIC -> {
        double lost = 1 - observed / Math.max(expected, 1e-9);
        yield lost >= 0.98 ? 2 : lost >= 0.9 ? 1 : 0;
      }
    };
  }
}
