package io.logpulse.impact;

/**
 * What the impact judge remembers of one service: its baseline (decayed sums, so old windows fade)
 * and where its impact stands. A Flink POJO: fields can be added with defaults, and the kinds and
 * severities are stored as their stable codes.
 */
public class ImpactState {
  /** Windows judged so far. */
  public long windows;

  /** Start of the last window judged, epoch ms; {@link Long#MIN_VALUE} before the first. */
  public long lastWindowStart = Long.MIN_VALUE;

  /** Start of the last window the service logged anything in, epoch ms. */
  public long lastSeenStart = Long.MIN_VALUE;

  /** Decayed sum of requests per window, and of the windows' weights. */
  public double requestSum;

  public double windowWeight;

  /** Decayed sums of failed requests and of requests, for the baseline error rate. */
  public double failedSum;

  public double requestedSum;

  /** Decayed sums of error log events and log events, for services that log no requests. */
  public double errorLogSum;

  public double logSum;

  /** Decayed sum of ln(p99) and its weight, for the baseline p99. */
  public double logP99Sum;

  public double logP99Weight;

  /** Impacted flags of the latest windows, the latest in bit 0. */
  public int recent;

  /** Whether the service's impact is open (an incident has been opened on it). */
  public boolean open;

  /** Start of the open impact's first impacted window, epoch ms. */
  public long start;

  /** {@link ImpactKind#code()} of the open impact's latest step. */
  public int kind;

  /** {@link Severity#code()} of the highest severity the open impact reached. */
  public int severity;

  /** Consecutive windows without impact while open. */
  public int clean;

  public ImpactState() {}
}
