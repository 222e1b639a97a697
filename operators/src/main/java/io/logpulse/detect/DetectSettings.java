package io.logpulse.detect;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the detectors run.
 *
 * @param detectors the detectors of the ensemble (the burn rate only ever runs on error rates, the
 *     forest only where {@code rcfMetrics} say)
 * @param rcfMetrics the metrics whose service-level series get a Random Cut Forest
 * @param warmupPoints values a series needs before it may alarm
 * @param sloTarget the availability target of the burn-rate detector, e.g. 0.999
 * @param openThreshold ensemble score at which an anomaly opens
 * @param closeThreshold score below which an open anomaly counts towards closing
 * @param closeAfterPoints consecutive values below {@code closeThreshold} that close it
 * @param stateTtl how long a series without values keeps its state
 * @param rcfShingle values per Random Cut Forest point
 * @param rcfTrees trees per forest
 * @param rcfSampleSize points each tree keeps
 * @param falseAlarmsPerDay the target rate of alarms (scores crossing 0.5) per series-day on a
 *     series without anomalies: what the ensemble's score 0.5 means
 */
public record DetectSettings(
    Set<DetectorKind> detectors,
    Set<MetricKind> rcfMetrics,
    int warmupPoints,
    double sloTarget,
    double openThreshold,
    double closeThreshold,
    int closeAfterPoints,
    Duration stateTtl,
    int rcfShingle,
    int rcfTrees,
    int rcfSampleSize,
    double falseAlarmsPerDay)
    implements Serializable {

  public DetectSettings {
    detectors = Set.copyOf(detectors);
    rcfMetrics = Set.copyOf(rcfMetrics);
    if (closeThreshold > openThreshold) {
      throw new IllegalArgumentException(
          "close threshold " + closeThreshold + " is above open threshold " + openThreshold);
    }
    if (!(falseAlarmsPerDay > 0)) {
      throw new IllegalArgumentException(
          "false alarms per day must be positive: " + falseAlarmsPerDay);
    }
  }

  /** The defaults: every numeric detector, forests on error rate and p99 latency. */
  public static DetectSettings defaults() {
    return new DetectSettings(
        EnumSet.of(
            DetectorKind.SEASONAL,
            DetectorKind.RCF,
            DetectorKind.BURN_RATE,
            DetectorKind.CHANGE_POINT),
        EnumSet.of(MetricKind.ERROR_RATE, MetricKind.LATENCY_P99),
        60,
        0.999,
        0.5,
        0.3,
        3,
        Duration.ofHours(6),
        8,
        30,
        256,
        0.1);
  }

  /** A copy running only {@code only}, the way {@code logpulse detect --detector} does. */
  public DetectSettings withDetectors(Set<DetectorKind> only) {
    return new DetectSettings(
        only,
        rcfMetrics,
        warmupPoints,
        sloTarget,
        openThreshold,
        closeThreshold,
        closeAfterPoints,
        stateTtl,
        rcfShingle,
        rcfTrees,
        rcfSampleSize,
        falseAlarmsPerDay);
  }

  /** A copy where the forest runs on {@code metrics}. */
  public DetectSettings withRcfMetrics(Set<MetricKind> metrics) {
    return new DetectSettings(
        detectors,
        metrics,
        warmupPoints,
        sloTarget,
        openThreshold,
        closeThreshold,
        closeAfterPoints,
        stateTtl,
        rcfShingle,
        rcfTrees,
        rcfSampleSize,
        falseAlarmsPerDay);
  }

  /** A copy that targets {@code perDay} false alarms per series-day. */
  public DetectSettings withFalseAlarmsPerDay(double perDay) {
    return new DetectSettings(
        detectors,
        rcfMetrics,
        warmupPoints,
        sloTarget,
        openThreshold,
        closeThreshold,
        closeAfterPoints,
        stateTtl,
        rcfShingle,
        rcfTrees,
        rcfSampleSize,
        perDay);
  }
}
