package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.IncidentReport.IncidentLine;
import io.logpulse.local.IncidentReport.SuspectLine;
import io.logpulse.local.generator.Incident;
import io.logpulse.local.generator.PlantedChange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
          START,
          START.plusSeconds(600),
          0.2,
          2.5,
          DEPLOY,
          List.of());

  private static IncidentLine incident(
      String account, String service, Instant start, SuspectLine... suspects) {
    return new IncidentLine(
        account + "/" + service + "@" + start,
        account,
        service,
        start,
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

    IncidentReport.Evaluation e = report.evaluate(List.of(PLANTED));

    assertThat(e).isEqualTo(new IncidentReport.Evaluation(1, 1, 1, 1, 0));
    assertThat(e.topSuspectAccuracy()).isEqualTo(1.0);
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

    IncidentReport.Evaluation e = report.evaluate(List.of(PLANTED));

    assertThat(e).isEqualTo(new IncidentReport.Evaluation(1, 1, 0, 3, 2));
    assertThat(e.falseIncidentRate()).isEqualTo(2 / 3.0);
  }

  @Test
  void printsEachIncidentWithItsSummaryAndTheEvaluation() {
    IncidentReport report =
        new IncidentReport(
            List.of(
                incident(SHOP, "web-nginx", START.minusSeconds(3600)),
                incident(
                    SHOP, "checkout", START, suspect(SHOP, "UpdateService", "shop/checkout"))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(PLANTED));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "incidents: 2 opened, 0 still open at the end",
                "  111111111111 checkout 02:00..02:05, 2 anomalies, rev 3: summary of checkout"
                    + " [planted cause named first]",
                "  111111111111 web-nginx 01:00..01:05, 2 anomalies, rev 3: summary of web-nginx",
                "correlation: 1 of 1 planted incidents found, top suspect right for 1 of 1; 1 of 2"
                    + " incidents match nothing planted",
                ""));
  }
}
