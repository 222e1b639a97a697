package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.config.CloudWatchOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.CloudWatchReadBack;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.GeneratedRecordings;
import io.logpulse.testing.IncidentQueue;
import io.logpulse.testing.MotoServer;
import io.logpulse.testing.Recordings;
import io.logpulse.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sinks that talk to AWS in a batch run, against moto_server: a replay with CloudWatch
 * (on-checkpoint delivery, committed at the end of a batch) and EventBridge publishes every
 * service's requests exactly once, as the metrics table counts them, and every incident step the
 * incidents table holds.
 */
@Timeout(300)
class BatchSinksITCase {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  @TempDir Path dir;

  @Test
  void aReplayPublishesEachWindowOnceAndEveryIncidentStep() throws Exception {
    // CloudWatch takes datums of the last two weeks only: recent traffic.
    Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
    Path recording = dir.resolve("recording.json");
    Recordings.writeGetRecords(
        recording, GeneratedRecordings.inArrivalOrder(start, Duration.ofMinutes(100), 0.1, 5));
    Path out = dir.resolve("out");
    try (IncidentQueue queue = new IncidentQueue(MOTO.endpoint(), "batch-incidents")) {
      Map<String, String> settings =
          Map.of(
              "cloudwatch.enabled", "true",
              "cloudwatch.endpoint", MOTO.endpoint(),
              "cloudwatch.region", "us-east-1",
              "cloudwatch.namespace", "logpulse-batch",
              "cloudwatch.dimensions", "Service",
              "eventbridge.enabled", "true",
              "eventbridge.bus", queue.bus(),
              "eventbridge.endpoint", MOTO.endpoint(),
              "eventbridge.region", "us-east-1",
              "local.web-ui-port", "0");
      String[] args = {"replay", recording.toString(), "--out", out.toString()};
      List<String> command = new ArrayList<>(List.of(args));
      settings.forEach(
          (key, value) -> {
            command.add("--set");
            command.add(key + "=" + value);
          });
      assertThat(Logpulse.execute(command.toArray(String[]::new))).isZero();

      long steps = DuckDb.count(out, "incidents");
      assertThat(steps).isPositive();
      List<JsonNode> events = queue.receive((int) steps, Duration.ofSeconds(60));
      assertThat(events).hasSize((int) steps);

      LogpulseConfig config = TestJobs.config(settings);
      Map<String, Long> requests = new HashMap<>();
      for (Map<String, Object> row :
          DuckDb.query(
              "SELECT service, sum(request_count) AS requests FROM read_parquet('"
                  + DuckDb.table(out, "metrics")
                  + "', hive_partitioning = 1) WHERE operation IS NULL GROUP BY service")) {
        requests.put((String) row.get("service"), ((Number) row.get("requests")).longValue());
      }
      try (CloudWatchReadBack cloudWatch =
          new CloudWatchReadBack(CloudWatchOptions.settings(config, out.toUri().toString()))) {
        for (Map.Entry<String, Long> service : requests.entrySet()) {
          assertThat(
                  cloudWatch
                      .totals(
                          "RequestCount",
                          Map.of("Service", service.getKey()),
                          start.minus(Duration.ofHours(1)),
                          Instant.now().plus(Duration.ofHours(1)))
                      .sum())
              .as(service.getKey())
              .isEqualTo((double) service.getValue());
        }
      }
    }
  }
}
