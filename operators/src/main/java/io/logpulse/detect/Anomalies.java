package io.logpulse.detect;

import io.logpulse.schema.Anomaly;
import java.time.Instant;
import java.util.List;

/** Builds the {@link Anomaly} records the job writes and hands to correlation. */
public final class Anomalies {

  private Anomalies() {}

  /** The record of one lifecycle step of a series' anomaly. */
  public static Anomaly of(SeriesPoint point, AnomalyEvent event) {
    return Anomaly.newBuilder()
        .setAnomalyId(point.seriesKey() + "@" + Instant.ofEpochMilli(event.start()))
        .setAccount(point.account())
        .setService(point.service())
        .setOperation(point.operation())
        .setMetric(point.metric().configName())
        .setState(event.state().name())
        .setStart(Instant.ofEpochMilli(event.start()))
        .setTime(Instant.ofEpochMilli(event.time()))
        .setScore(event.score())
        .setDetectors(event.detectors().stream().map(DetectorKind::configName).toList())
        .setExpected(finite(event.expected()))
        .setObserved(finite(event.observed()))
        .build();
  }

  /**
   * A step of a new-pattern anomaly: a log template first seen in a service at {@code start} that
   * reached volume (OPEN) or has gone quiet again (CLOSE).
   *
   * @param templateId the template's number in the service's miner, which keeps the ids of two
   *     templates first seen at the same millisecond apart
   * @param count occurrences of the template so far, as the observed value
   */
  public static Anomaly newPattern(
      String account,
      String service,
      int templateId,
      AnomalyEvent.State state,
      long start,
      long time,
      long count,
      String template,
      String example) {
    return Anomaly.newBuilder()
        .setAnomalyId(
            account
                + "/"
                + service
                + "//"
                + ERROR_PATTERN
                + "@"
                + Instant.ofEpochMilli(start)
                + "#"
                + templateId)
        .setAccount(account)
        .setService(service)
        .setMetric(ERROR_PATTERN)
        .setState(state.name())
        .setStart(Instant.ofEpochMilli(start))
        .setTime(Instant.ofEpochMilli(time))
        .setScore(1)
        .setDetectors(List.of(DetectorKind.NEW_PATTERN.configName()))
        .setExpected(0.0)
        .setObserved((double) count)
        .setTemplate(template)
        .setExample(example)
        .build();
  }

  /** The metric name of new-pattern anomalies. */
  public static final String ERROR_PATTERN = "error-pattern";

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
