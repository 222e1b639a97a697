package io.logpulse.testing;

import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Incident steps for the EventBridge tests: whole lifecycles with suspects in every field. */
public final class Incidents {

  /** When the first incident of {@link #lifecycles} starts. */
  public static final Instant START = Instant.parse("2026-03-01T10:15:00.250Z");

  private Incidents() {}

  /**
   * {@code incidents} incidents of {@code revisions} steps each (OPEN, UPDATE..., CLOSE), ordered
   * by incident and then revision; incident {@code i} starts {@code i} minutes after {@link
   * #START}.
   */
  public static List<Incident> lifecycles(int incidents, int revisions) {
    List<Incident> steps = new ArrayList<>();
    for (int i = 0; i < incidents; i++) {
      Instant start = START.plusSeconds(60L * i);
      String id = "111111111111/checkout-" + i + "@" + start;
      for (int r = 1; r <= revisions; r++) {
        String state = r == 1 ? "OPEN" : r == revisions ? "CLOSE" : "UPDATE";
        steps.add(step(id, r, state, start, start.plusSeconds(60L * r), 1 + (i + r) % 3));
      }
    }
    return steps;
  }

  /** One step of incident {@code id} with {@code suspects} suspects, best first. */
  public static Incident step(
      String id, int revision, String state, Instant start, Instant time, int suspects) {
    List<Suspect> ranked = new ArrayList<>();
    for (int k = 0; k < suspects; k++) {
      ranked.add(suspect(id + "#change-" + k, start.minusSeconds(180L + 60L * k), 0.9 - 0.2 * k));
    }
    return Incident.newBuilder()
        .setIncidentId(id)
        .setRevision(revision)
        .setState(state)
        .setAccount("111111111111")
        .setService("checkout")
        .setStart(start)
        .setTime(time)
        .setMetric("ErrorRate")
        .setScore(0.97)
        .setExpected(0.2)
        .setObserved(12.5)
        .setAnomalyIds(List.of(id + "/ErrorRate", id + "/Latency"))
        .setSummary(
            "UpdateFunctionCode on checkout-fn by role/ci 3 min before the error rate rose from"
                + " 0.2% to 12% (revision "
                + revision
                + ")")
        .setSuspects(ranked)
        .build();
  }

  /** A deploy of checkout-fn by role/ci at {@code time}. */
  public static Suspect suspect(String changeId, Instant time, double score) {
    return Suspect.newBuilder()
        .setChangeId(changeId)
        .setAccount("111111111111")
        .setRegion("eu-west-1")
        .setTime(time)
        .setEventSource("lambda.amazonaws.com")
        .setEventName("UpdateFunctionCode20150331v2")
        .setChangeKind("deploy")
        .setFailed(false)
        .setPrincipal("arn:aws:sts::111111111111:assumed-role/ci/session")
        .setAgent("ci")
        .setResources(
            List.of("arn:aws:lambda:eu-west-1:111111111111:function:checkout-fn", "checkout-fn"))
        .setScore(score)
        .setMinutesBefore(3.0)
        .setExplanation("UpdateFunctionCode on checkout-fn by role/ci 3 min before the rise")
        .build();
  }
}
