package io.logpulse.local;

import io.logpulse.local.RunSummary.AnomalyLine;
import io.logpulse.local.generator.GroundTruth;
import io.logpulse.local.generator.Incident;
import io.logpulse.local.generator.PlantedChange;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run summary's lines about what the generator planted: each incident with its kind of cause
 * and planted change, whether an anomaly found it, and the planted noise counted by kind, so that a
 * user reading the summary knows what the job should have found and what it should have ignored.
 */
final class PlantedLines {

  private PlantedLines() {}

  /**
   * One line per planted incident: what went wrong, its kind of cause, the change planted before it
   * (and how late CloudTrail delivered it) or that there was none, and whether an anomaly found it;
   * then the planted noise counted by kind.
   */
  static void print(PrintStream out, List<AnomalyLine> anomalies, GroundTruth truth) {
    List<Incident> bursts = truth.incidents();
    if (bursts.isEmpty()) {
      return;
    }
    out.println("incidents the generator planted:");
    for (Incident burst : bursts) {
      boolean found = anomalies.stream().anyMatch(a -> a.plantedBurst(List.of(burst)) != null);
      PlantedChange change = burst.plantedChange();
      out.printf(
          "  %s %s %s %s for %d min %s, %s: %s: %s%n",
          burst.account(),
          burst.service(),
          burst.problem(),
          burst.start(),
          Duration.between(burst.start(), burst.end()).toMinutes(),
          burst.problem() == Incident.Problem.ERRORS
              ? String.format("at %.0f%% errors", burst.errorRate() * 100)
              : String.format("at %.1fx latency", burst.latencyFactor()),
          burst.cause().label(),
          change == null
              ? "no change before it (right answer: no suspect)"
              : String.format(
                  "after %s by %s at %s (delivered %d min later)",
                  burst.change(),
                  change.role(),
                  RunSummary.SECONDS.format(change.time()),
                  change.deliveryLag().toMinutes()),
          found ? "found" : "no anomaly");
    }
    Map<String, Long> noise = new TreeMap<>();
    truth.noise().forEach(e -> noise.merge(e.kind().label(), 1L, Long::sum));
    if (!noise.isEmpty()) {
      out.println("noise the generator planted (normal, not incidents): " + noise);
    }
  }
}
