package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.local.generator.Incident;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.IncidentQueue;
import io.logpulse.testing.MotoServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the generator with {@code eventbridge.enabled}, against moto_server: every
 * incident step the incidents table holds also arrives, through a bus and a rule, at an SQS queue,
 * and the latest revision of each planted incident names the planted change first (no suspect for
 * an outage with no change).
 */
@Timeout(300)
class IncidentsToEventBridgeITCase {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  /**
   * The simulated hours are fixed: the generator's traffic follows the hour of day, so a run that
   * ends "now" would see different traffic, and different detections, depending on when it runs.
   */
  private static final String START = "2026-11-21T01:00:00Z";

  @TempDir Path dir;

  @Test
  void incidentsReachTheBusNamingThePlantedChanges() throws Exception {
    try (IncidentQueue queue = new IncidentQueue(MOTO.endpoint(), "logpulse-incidents")) {
      Path out = dir.resolve("out");
      LogpulseConfig config =
          LogpulseConfig.of(
              Map.of(
                  "generator.duration", "3h",
                  "generator.start", START,
                  "generator.speedup", "0",
                  "output.path", out.toString(),
                  "local.web-ui-port", "0",
                  "local.checkpoint-interval", "5s",
                  "eventbridge.enabled", "true",
                  "eventbridge.bus", queue.bus(),
                  "eventbridge.endpoint", MOTO.endpoint(),
                  "eventbridge.region", "us-east-1"),
              LocalOptions.allKeys());

      RunSummary summary =
          new LocalRunner(config, new PrintStream(OutputStream.nullOutputStream()), false).run();

      long steps = DuckDb.count(out, "incidents");
      List<JsonNode> events = queue.receive((int) steps, Duration.ofSeconds(60));
      assertThat(steps).isPositive();
      assertThat(events).hasSize((int) steps);

      Map<String, JsonNode> latest = new HashMap<>();
      for (JsonNode event : events) {
        JsonNode detail = event.get("detail");
        latest.merge(
            detail.get("incident_id").asText(),
            detail,
            (a, b) -> a.get("revision").asInt() >= b.get("revision").asInt() ? a : b);
      }
      assertThat(summary.planted()).hasSize(3);
      for (Incident planted : summary.planted()) {
        IncidentReport.IncidentLine line =
            summary.incidents().incidents().stream()
                .filter(i -> i.planted(List.of(planted)) != null)
                .findFirst()
                .orElseThrow();
        JsonNode published = latest.get(line.incidentId());
        assertThat(published).as(line.incidentId()).isNotNull();
        assertThat(published.get("revision").asInt()).isEqualTo(line.revision());
        if (planted.plantedChange() == null) {
          assertThat(published.get("suspects")).as("an outage with no change").isEmpty();
        } else {
          JsonNode top = published.get("suspects").get(0);
          assertThat(top).as(planted.change()).isNotNull();
          assertThat(top.get("account").asText()).isEqualTo(planted.plantedChange().account());
          assertThat(top.get("event_name").asText()).isEqualTo(planted.plantedChange().eventName());
        }
        assertThat(published.get("summary").asText()).isEqualTo(line.summary());
      }
    }
  }
}
