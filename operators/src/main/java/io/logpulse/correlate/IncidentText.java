package io.logpulse.correlate;

import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import java.time.Duration;
import java.util.Locale;

/** The words of incident summaries: how long before, and what the metric did. */
final class IncidentText {

  private IncidentText() {}

  /**
   * The incident's one line: its top suspect and what happened ({@code UpdateFunctionCode on
   * payments-fn by role/ci-deploy 4 min before the error rate rose from 0.2% to 12% on
   * payments-fn}), or that no change made within {@code horizon} before ranks.
   */
  static String summary(Incident incident, Duration horizon) {
    String happened =
        whatHappened(incident.getMetric(), incident.getExpected(), incident.getObserved());
    if (incident.getSuspects().isEmpty()) {
      return "No suspect among the changes in "
          + incident.getAccount()
          + " in the "
          + horizon.toMinutes()
          + " min before "
          + happened
          + " on "
          + incident.getService();
    }
    Suspect top = incident.getSuspects().get(0);
    long before = incident.getStart().toEpochMilli() - top.getTime().toEpochMilli();
    return SuspectRanker.headline(
            top.getEventName(),
            top.getResources().isEmpty() ? null : top.getResources().get(0),
            top.getPrincipal(),
            top.getFailed(),
            null)
        + " "
        + offset(before).replace("after the start", "after")
        + " "
        + happened
        + " on "
        + incident.getService();
  }

  /** {@code 3 min before}, {@code 40 s before}, {@code 1 min after the start}. */
  static String offset(long beforeMillis) {
    long abs = Math.abs(beforeMillis);
    String amount =
        abs < 60_000 ? Math.round(abs / 1000d) + " s" : Math.round(abs / 60_000d) + " min";
    return beforeMillis >= 0 ? amount + " before" : amount + " after the start";
  }

  /**
   * What the incident's strongest anomaly saw: {@code the error rate rose from 0.2% to 12%}, {@code
   * p99 latency rose from 120 ms to 950 ms}; without values, that the metric became anomalous.
   */
  static String whatHappened(String metric, Double expected, Double observed) {
    if (observed == null) {
      return metric + " became anomalous";
    }
    if ("error-pattern".equals(metric)) {
      return "a new error pattern appeared (" + Math.round(observed) + " so far)";
    }
    if (expected == null) {
      return metric + " reached " + number(observed);
    }
    String direction = observed >= expected ? "rose" : "fell";
    return switch (metric) {
      case "error-rate" ->
          "the error rate " + direction + " from " + percent(expected) + " to " + percent(observed);
      case "latency-p99" ->
          "p99 latency "
              + direction
              + " from "
              + number(expected)
              + " ms to "
              + number(observed)
              + " ms";
      case "request-rate" ->
          "requests per window "
              + direction
              + " from "
              + number(expected)
              + " to "
              + number(observed);
      case "error-log-count" ->
          "error logs per window "
              + direction
              + " from "
              + number(expected)
              + " to "
              + number(observed);
      default -> metric + " " + direction + " from " + number(expected) + " to " + number(observed);
    };
  }

  static String percent(double fraction) {
    double p = fraction * 100;
    return (p >= 10 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
        + "%";
  }

  static String number(double value) {
    double abs = Math.abs(value);
    return abs >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, abs >= 10 ? "%.1f" : "%.2f", value);
  }
}
