package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.IncidentReport.CauseTally;
import io.logpulse.local.IncidentReport.IncidentLine;
import io.logpulse.local.IncidentReport.SuspectLine;
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

class IncidentReportTest {

  private static final String SHOP = "111111111111";
  private static final String PAYMENTS = "222222222222";
  private static final Instant START = Instant.parse("2026-11-22T02:00:00Z");
  private static final PlantedChange DEPLOY =
      new PlantedChange(
          SHOP,
          "ecs.amazonaws.com",
          "UpdateService",
          "checkout",
          "ci-deploy",
          START.minusSeconds(240),
          START.plusSeconds(60));
  private static final Incident PLANTED =
      new Incident(
          "checkout",
          SHOP,
          Incident.Problem.ERRORS,
          Incident.Cause.DEPLOY,
          START,
          START.plusSeconds(600),
          0.2,
          2.5,
          DEPLOY,
          List.of());
  private static final Instant LATER = START.plusSeconds(4 * 3600);
  private static final Incident OUTAGE =
      new Incident(
          "payments-fn",
          PAYMENTS,
          Incident.Problem.ERRORS,
          Incident.Cause.NO_CHANGE,
          LATER,
          LATER.plusSeconds(600),
          0.2,
          2.5,
          null,
          List.of());

  private static GroundTruth truth(List<Incident> planted, NoiseEvent... noise) {
    return new GroundTruth(planted, List.of(noise), 2.5);
  }

  private static IncidentLine incident(
      String account, String service, Instant start, SuspectLine... suspects) {
    return new IncidentLine(
        account + "/" + service + "@" + start,
        account,
        service,
        start,
        start.plusSeconds(120),
        start.plusSeconds(300),
        "CLOSE",
        3,
        2,
        "summary of " + service,
        List.of(suspects));
  }

  private static SuspectLine suspect(String account, String eventName, String... resources) {
    return new SuspectLine("c", account, eventName, List.of(resources), 0.9);
  }

  private static NoiseEvent noise(
      NoiseEvent.Kind kind, String account, String service, Instant start, long seconds) {
    return new NoiseEvent(kind, account, service, start, start.plusSeconds(seconds), 1);
  }

  @Test
  void aPlantedIncidentBlamedOnItsChangeCountsAsRight() {
    IncidentReport report =
        new IncidentReport(
            List.of(
                incident(
                    SHOP,
                    "checkout",
                    START.plusSeconds(60),
                    suspect(
                        SHOP,
                        "UpdateService",
                        "arn:aws:ecs:eu-west-1:" + SHOP + ":service/shop/checkout"),
                    suspect(SHOP, "UpdateService", "recommendations"))));

    IncidentReport.Evaluation e = report.evaluate(truth(List.of(PLANTED)));

    assertThat(e.planted()).isEqualTo(1);
    assertThat(e.found()).isEqualTo(1);
    assertThat(e.topSuspectRight()).isEqualTo(1);
    assertThat(e.falseIncidents()).isZero();
    assertThat(e.recall()).isEqualTo(1.0);
    assertThat(e.topSuspectAccuracy()).isEqualTo(1.0);
    assertThat(e.byCause()).containsExactly(Map.entry("deploy", new CauseTally(1, 1, 1)));
    // Opened 2 minutes after the incident's start, which was a minute after the planted start.
    assertThat(e.delayMinutes()).containsExactly(3.0);
  }

  @Test
  void theSameChangeInAnotherAccountOrAnotherServiceIsWrongAndUnrelatedIncidentsAreFalse() {
    IncidentReport report =
        new IncidentReport(
            List.of(
                incident(SHOP, "checkout", START, suspect(PAYMENTS, "UpdateService", "checkout")),
                incident(SHOP, "checkout", START.plusSeconds(7200)),
                incident(
                    PAYMENTS, "checkout", START, suspect(PAYMENTS, "UpdateService", "checkout"))));

    IncidentReport.Evaluation e = report.evaluate(truth(List.of(PLANTED)));

    assertThat(e.found()).isEqualTo(1);
    assertThat(e.topSuspectRight()).isZero();
    assertThat(e.incidents()).isEqualTo(3);
    assertThat(e.falseIncidents()).isEqualTo(2);
    assertThat(e.falseByNoise()).containsExactly(Map.entry(IncidentReport.UNEXPLAINED, 2));
    assertThat(e.falsePerServiceDay()).isEqualTo(2 / 2.5);
  }

  @Test
  void anIncidentWithNoChangeIsRightOnlyWhenItNamesNoSuspect() {
    IncidentReport silent = new IncidentReport(List.of(incident(PAYMENTS, "payments-fn", LATER)));
    IncidentReport blaming =
        new IncidentReport(
            List.of(
                incident(
                    PAYMENTS,
                    "payments-fn",
                    LATER,
                    suspect(PAYMENTS, "UpdateFunctionCode20150331v2", "reports-fn"))));

    assertThat(silent.evaluate(truth(List.of(OUTAGE))).byCause())
        .containsExactly(Map.entry("no-change", new CauseTally(1, 1, 1)));
    assertThat(blaming.evaluate(truth(List.of(OUTAGE))).byCause())
        .containsExactly(Map.entry("no-change", new CauseTally(1, 1, 0)));
    assertThat(new IncidentReport(List.of()).evaluate(truth(List.of(OUTAGE))).byCause())
        .containsExactly(Map.entry("no-change", new CauseTally(1, 0, 0)));
  }

  @Test
  void eachFalseIncidentIsExplainedByTheNoiseOfItsServiceAroundItsStart() {
    Instant t = START.plusSeconds(3 * 3600);
    NoiseEvent blip = noise(NoiseEvent.Kind.LATENCY_BLIP, SHOP, "checkout", t, 30);
    NoiseEvent change = noise(NoiseEvent.Kind.HARMLESS_CHANGE, SHOP, "checkout", t, 0);
    NoiseEvent single = noise(NoiseEvent.Kind.SINGLE_ERROR, SHOP, "returns", t, 1);
    NoiseEvent surge = noise(NoiseEvent.Kind.TRAFFIC_SURGE, PAYMENTS, "orders-api", t, 600);
    IncidentReport report =
        new IncidentReport(
            List.of(
                // Opens with the blip, after the harmless change: the blip explains it.
                incident(SHOP, "checkout", t.plusSeconds(60)),
                // Starts within the lead before the single error.
                incident(SHOP, "returns", t.minusSeconds(240)),
                // Within the slack after the surge's end.
                incident(PAYMENTS, "orders-api", t.plusSeconds(600 + 540)),
                // The surge was in another account.
                incident(SHOP, "orders-api", t.plusSeconds(60)),
                // Too long after the blip and the change.
                incident(SHOP, "checkout", t.plusSeconds(30 + 11 * 60)),
                // The planted incident is not false, whatever noise is near it.
                incident(SHOP, "checkout", START)));

    IncidentReport.Evaluation e =
        report.evaluate(truth(List.of(PLANTED), blip, change, single, surge));

    assertThat(e.falseIncidents()).isEqualTo(5);
    assertThat(e.falseByNoise())
        .containsExactly(
            Map.entry("latency-blip", 1),
            Map.entry("single-error", 1),
            Map.entry("traffic-surge", 1),
            Map.entry(IncidentReport.UNEXPLAINED, 2));
    assertThat(report.incidents().get(0).noiseClass(List.of(change))).isEqualTo("harmless-change");
  }

  @Test
  void evaluationsOfSeveralRunsAddUpAndGiveRatesOverTheirSum() {
    IncidentReport.Evaluation first =
        new IncidentReport(List.of(incident(SHOP, "checkout", START), incident(SHOP, "web", LATER)))
            .evaluate(truth(List.of(PLANTED)));
    IncidentReport.Evaluation second =
        new IncidentReport(List.of(incident(PAYMENTS, "payments-fn", LATER.plusSeconds(300))))
            .evaluate(truth(List.of(OUTAGE, PLANTED)));

    IncidentReport.Evaluation total = IncidentReport.Evaluation.EMPTY.plus(first).plus(second);

    assertThat(total.planted()).isEqualTo(3);
    assertThat(total.found()).isEqualTo(2);
    assertThat(total.topSuspectRight()).isEqualTo(1);
    assertThat(total.recall()).isEqualTo(2 / 3.0);
    assertThat(total.topSuspectAccuracy()).isEqualTo(0.5);
    assertThat(total.serviceDays()).isEqualTo(5.0);
    assertThat(total.falsePerServiceDay()).isEqualTo(1 / 5.0);
    assertThat(total.byCause())
        .containsExactly(
            Map.entry("deploy", new CauseTally(2, 1, 0)),
            Map.entry("no-change", new CauseTally(1, 1, 1)));
    assertThat(second.plus(first).byCause().keySet())
        .as("kinds of cause in their order, whatever the order of the runs")
        .containsExactly("deploy", "no-change");
    assertThat(total.delayMinutes()).containsExactly(2.0, 7.0);
    assertThat(total.medianDelayMinutes()).isEqualTo(4.5);
    assertThat(total.maxDelayMinutes()).isEqualTo(7.0);
  }

  @Test
  void printsEachIncidentWithItsSummaryAndTheEvaluation() {
    NoiseEvent blip =
        noise(NoiseEvent.Kind.LATENCY_BLIP, SHOP, "web-nginx", START.minusSeconds(3620), 40);
    IncidentReport report =
        new IncidentReport(
            List.of(
                incident(SHOP, "web-nginx", START.minusSeconds(3600)),
                incident(
                    SHOP, "checkout", START, suspect(SHOP, "UpdateService", "shop/checkout"))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    report.print(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), truth(List.of(PLANTED), blip));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "incidents: 2 opened, 0 still open at the end",
                "  111111111111 checkout 02:00..02:05, 2 anomalies, rev 3: summary of checkout"
                    + " [planted cause named first]",
                "  111111111111 web-nginx 01:00..01:05, 2 anomalies, rev 3: summary of web-nginx"
                    + " [noise: latency-blip]",
                "correlation: 1 of 1 planted incidents found, top suspect right for 1 of 1; 1 of 2"
                    + " incidents match nothing planted",
                "false incidents: 0.40 per service-day (1 in 2.50 service-days): latency-blip 1",
                "detection delay: median 2.0 min, max 2.0 min",
                ""));
  }
}
