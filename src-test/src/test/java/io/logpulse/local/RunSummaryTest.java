package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.generator.GroundTruth;
import io.logpulse.local.generator.Incident;
import io.logpulse.local.generator.NoiseEvent;
import io.logpulse.local.generator.PlantedChange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  private static final Instant BURST = Instant.parse("2026-11-21T23:26:56Z");
  private static final List<Incident> BURSTS = List.of(incident(Incident.Problem.ERRORS, 0.2, 2.5));

  private static Incident incident(Incident.Problem problem, double errorRate, double factor) {
    Instant change = BURST.minusSeconds(180);
    return new Incident(
        "checkout",
        "111111111111",
        problem,
        Incident.Cause.DEPLOY,
        BURST,
        BURST.plusSeconds(8 * 60),
        errorRate,
        factor,
        new PlantedChange(
            "111111111111",
            "ecs.amazonaws.com",
            "UpdateService",
            "checkout",
            "ci-deploy",
            change,
            change.plusSeconds(720)),
        List.of());
  }

  private static String printed(List<RunSummary.AnomalyLine> anomalies) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new RunSummary(
            List.of(),
            anomalies,
            new IncidentReport(List.of()),
            GroundTruth.NONE,
            0,
            Map.of(),
            "out")
        .printAnomalies(new PrintStream(bytes, true, StandardCharsets.UTF_8), BURSTS);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String planted(List<RunSummary.AnomalyLine> anomalies, Incident incident) {
    return planted(anomalies, incident, List.of());
  }

  private static String planted(
      List<RunSummary.AnomalyLine> anomalies, Incident incident, List<NoiseEvent> noise) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlantedLines.print(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        anomalies,
        new GroundTruth(List.of(incident), noise, 1));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static RunSummary.AnomalyLine anomaly(
      String service, String metric, String start, String end, boolean closed, String template) {
    return anomaly(service, null, metric, start, end, closed, template);
  }

  private static RunSummary.AnomalyLine anomaly(
      String service,
      String operation,
      String metric,
      String start,
      String end,
      boolean closed,
      String template) {
    return new RunSummary.AnomalyLine(
        "111111111111",
        service,
        operation,
        metric,
        Instant.parse(start),
        Instant.parse(end),
        closed,
        template);
  }

  @Test
  void listsEachAnomalyWithThePlantedBurstItFoundThoseThatFoundOneFirst() {
    String text =
        printed(
            List.of(
                anomaly(
                    "checkout",
                    "POST /api/carts/{id}",
                    "error-rate",
                    "2026-11-21T23:26:00Z",
                    "2026-11-21T23:31:00Z",
                    true,
                    null),
                anomaly(
                    "checkout",
                    "error-rate",
                    "2026-11-21T23:27:00Z",
                    "2026-11-21T23:35:00Z",
                    true,
                    null),
                anomaly(
                    "orders",
                    "latency-p99",
                    "2026-11-21T23:10:00Z",
                    "2026-11-21T23:11:00Z",
                    false,
                    null),
                anomaly(
                    "checkout",
                    "error-pattern",
                    "2026-11-21T23:28:00Z",
                    "2026-11-21T23:44:00Z",
                    true,
                    "Cannot reserve <*>")));

    assertThat(text.split(System.lineSeparator()))
        .containsExactly(
            "anomalies: 4 opened, 3 closed",
            "  111111111111 checkout error-rate 23:27..23:35 (planted burst 23:26:56 for 8 min)",
            "  111111111111 checkout error-pattern 23:28..23:44 (planted burst 23:26:56 for 8"
                + " min): Cannot reserve <*>",
            "  111111111111 checkout POST /api/carts/{id} error-rate 23:26..23:31 (planted burst"
                + " 23:26:56 for 8 min)",
            "  111111111111 orders latency-p99 23:10..23:11 (open) (no planted burst)");
  }

  @Test
  void anAnomalyLongBeforeOrAfterTheBurstDidNotFindIt() {
    assertThat(
            printed(
                List.of(
                    anomaly(
                        "checkout",
                        "error-rate",
                        "2026-11-21T23:45:00Z",
                        "2026-11-21T23:50:00Z",
                        true,
                        null))))
        .contains("(no planted burst)");
    assertThat(
            printed(
                List.of(
                    anomaly(
                        "checkout",
                        "error-pattern",
                        "2026-11-21T23:13:00Z",
                        "2026-11-21T23:30:00Z",
                        true,
                        "Disk full"))))
        .contains("(no planted burst)");
    assertThat(printed(List.of())).isEqualTo("anomalies: none opened" + System.lineSeparator());
  }

  @Test
  void aLatencyIncidentIsFoundOnlyByAP99LatencyAnomaly() {
    Incident latency = incident(Incident.Problem.LATENCY, 0.003, 4.2);
    RunSummary.AnomalyLine errors =
        anomaly(
            "checkout", "error-rate", "2026-11-21T23:27:00Z", "2026-11-21T23:35:00Z", true, null);
    RunSummary.AnomalyLine p99 =
        anomaly(
            "checkout", "latency-p99", "2026-11-21T23:27:00Z", "2026-11-21T23:35:00Z", true, null);

    assertThat(errors.plantedBurst(List.of(latency))).isNull();
    assertThat(p99.plantedBurst(List.of(latency))).isEqualTo(latency);
    assertThat(p99.plantedBurst(BURSTS)).isEqualTo(BURSTS.get(0));
    assertThat(planted(List.of(errors), latency)).contains(": no anomaly");
    assertThat(planted(List.of(p99), latency)).contains(": found");
  }

  @Test
  void eachPlantedIncidentIsListedWithItsKindAndPlantedChange() {
    assertThat(planted(List.of(), incident(Incident.Problem.LATENCY, 0.003, 4.2)))
        .isEqualTo(
            "incidents the generator planted:"
                + System.lineSeparator()
                + "  111111111111 checkout LATENCY 2026-11-21T23:26:56Z for 8 min at 4.2x latency,"
                + " deploy: after UpdateService checkout by ci-deploy at 23:23:56 (delivered 12 min"
                + " later): no anomaly"
                + System.lineSeparator());
    assertThat(planted(List.of(), BURSTS.get(0)))
        .contains(" ERRORS ", " at 20% errors, deploy: after ");
  }

  @Test
  void anOutageSaysItsRightAnswerIsNoSuspectAndThePlantedNoiseIsCountedByKind() {
    Incident outage =
        new Incident(
            "payments-fn",
            "222222222222",
            Incident.Problem.ERRORS,
            Incident.Cause.NO_CHANGE,
            BURST,
            BURST.plusSeconds(600),
            0.2,
            2.5,
            null,
            List.of());
    NoiseEvent blip =
        new NoiseEvent(
            NoiseEvent.Kind.LATENCY_BLIP,
            "111111111111",
            "checkout",
            BURST,
            BURST.plusSeconds(30),
            8);

    assertThat(planted(List.of(), outage, List.of(blip, blip)))
        .contains(
            "at 20% errors, no-change: no change before it (right answer: no suspect): no anomaly",
            "noise the generator planted (normal, not incidents): {latency-blip=2}");
  }
}
