package io.logpulse.detect;

import java.util.Locale;

/**
 * The detectors logpulse runs; their configuration names appear in anomalies and the CLI. Each has
 * a fixed code that persisted detector state names it by: never reuse or change one.
 */
public enum DetectorKind {
  /** Robust residual from a level plus daily and weekly profile. */
  SEASONAL(0),
  /** Thresholded Random Cut Forest over a shingle of recent values. */
  RCF(1),
  /** Multi-window, multi-burn-rate alerting against an SLO target (error rates only). */
  BURN_RATE(2),
  /** Two-sided CUSUM of the seasonal residual: sustained level shifts. */
  CHANGE_POINT(3),
  /** A log template never seen before in a service, once it reaches volume. */
  NEW_PATTERN(4);

  private final int code;

  DetectorKind(int code) {
    this.code = code;
  }

  /** The persisted code, below 32 (a bit of a detector mask). */
  int code() {
    return code;
  }

  /** The detector with this persisted code. */
  static DetectorKind ofCode(int code) {
    for (DetectorKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown detector code " + code + " in restored state");
  }

  /** The configuration spelling, e.g. {@code change-point}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The detector with this configuration name. */
  public static DetectorKind ofConfigName(String name) {
    for (DetectorKind kind : values()) {
      if (kind.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown detector '" + name + "'");
  }
}
