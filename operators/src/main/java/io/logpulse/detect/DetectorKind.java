package io.logpulse.detect;

import java.util.Locale;

/** The detectors logpulse runs; their configuration names appear in anomalies and the CLI. */
public enum DetectorKind {
  /** Robust residual from a level plus daily and weekly profile. */
  SEASONAL,
  /** Thresholded Random Cut Forest over a shingle of recent values. */
  RCF,
  /** Multi-window, multi-burn-rate alerting against an SLO target (error rates only). */
  BURN_RATE,
  /** Two-sided CUSUM of the seasonal residual: sustained level shifts. */
  CHANGE_POINT,
  /** A log template never seen before in a service, once it reaches volume. */
  NEW_PATTERN;

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
