package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.Recordings;
import io.logpulse.testing.Recordings.Recorded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logpulse replay} over a recording in {@code aws kinesis get-records} form: the per-window
 * request and error counts DuckDB reads from the Parquet output equal counts computed here,
 * independently of logpulse's decoder and parsers, from the same recording.
 */
class ReplayITCase {

  private static final long MINUTE = 60_000L;
  private static final long START = 1_763_697_600_000L;

  @TempDir Path dir;

  @Test
  void replayedCountsEqualIndependentCountsOfTheRecording() throws Exception {
    Path recording = dir.resolve("get-records.json");
    Recordings.writeGetRecords(recording, recording());
    Path out = dir.resolve("out");

    int exit =
        Logpulse.execute(
            "replay",
            recording.toString(),
            "--out",
            out.toString(),
            "--set",
            "local.web-ui-port=0",
            "--set",
            "local.checkpoint-interval=1s");

    assertThat(exit).isZero();
    Map<String, long[]> expected = independentCounts(recording);
    Map<String, long[]> actual = new HashMap<>();
    for (Map<String, Object> row :
        DuckDb.query(
            "SELECT account, service, epoch_ms(window_start) AS ws, request_count, error_count,"
                + " CAST(dt AS VARCHAR) = strftime(window_start, '%Y-%m-%d') AS dt_matches,"
                + " CAST(hr AS INTEGER) = hour(window_start) AS hr_matches"
                + " FROM (SELECT *, row_number() OVER (PARTITION BY account, service,"
                + " window_start ORDER BY revision DESC) AS newest FROM read_parquet('"
                + DuckDb.table(out, "metrics")
                + "', hive_partitioning = 1) WHERE operation IS NULL) WHERE newest = 1")) {
      assertThat(row.get("dt_matches")).isEqualTo(true);
      assertThat(row.get("hr_matches")).isEqualTo(true);
      long requests = (Long) row.get("request_count");
      long errors = (Long) row.get("error_count");
      if (requests > 0) {
        actual.put(
            row.get("account") + "/" + row.get("service") + "/" + row.get("ws"),
            new long[] {requests, errors});
      }
    }
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (window, counts) -> assertThat(actual.get(window)).as(window).containsExactly(counts));

    List<Map<String, Object>> deadLetters =
        DuckDb.query(
            "SELECT reason, count(*) AS n FROM read_parquet('"
                + DuckDb.table(out, "dead_letters")
                + "', hive_partitioning = 1) GROUP BY reason");
    assertThat(deadLetters).containsExactly(Map.of("reason", "TRUNCATED_GZIP", "n", 1L));
  }

  /**
   * Ten minutes of three services in two accounts: JSON request logs with a status, Lambda REPORT
   * lines (some with a timeout status) and plain text lines that are not requests; records arrive
   * slightly out of order, some a couple of minutes late (corrections), one is truncated, one is a
   * control message.
   */
  private static List<Recorded> recording() {
    SplittableRandom random = new SplittableRandom(7);
    List<Recorded> records = new ArrayList<>();
    long id = 1;
    for (long tick = START; tick < START + 10 * MINUTE; tick += 5_000L) {
      for (String account : List.of("111111111111", "222222222222")) {
        ObjectNode checkout = Envelopes.data(account, "/ecs/checkout", "ecs/checkout/1");
        ObjectNode payments =
            Envelopes.data(account, "/aws/lambda/payments-fn", "2025/11/21/[$LATEST]a");
        ObjectNode inventory = Envelopes.data(account, "/ecs/inventory", "ecs/inventory/1");
        for (int i = 0; i < 5; i++) {
          long t = tick + random.nextInt(5_000);
          int status = random.nextInt(100) < 8 ? 503 : (random.nextInt(10) == 0 ? 404 : 200);
          Envelopes.event(
              checkout,
              Long.toString(id++),
              t,
              "{\"level\":\""
                  + (status >= 500 ? "ERROR" : "INFO")
                  + "\",\"method\":\"GET\","
                  + "\"path\":\"/cart/"
                  + random.nextInt(1000)
                  + "\",\"status\":"
                  + status
                  + ",\"latency_ms\":"
                  + (5 + random.nextInt(200))
                  + "}");
          String requestId = "c0ffee00-0000-4000-8000-" + String.format("%012d", id);
          Envelopes.event(
              payments,
              Long.toString(id++),
              t,
              "START RequestId: " + requestId + " Version: $LATEST");
          boolean timeout = random.nextInt(100) < 5;
          Envelopes.event(
              payments,
              Long.toString(id++),
              t + 1,
              "REPORT RequestId: "
                  + requestId
                  + "\tDuration: "
                  + (10 + random.nextInt(900))
                  + ".25 ms"
                  + "\tBilled Duration: 900 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB"
                  + (timeout ? "\tStatus: timeout" : ""));
          Envelopes.event(
              inventory,
              Long.toString(id++),
              t,
              "2025-11-21T04:00:00.000Z "
                  + (random.nextInt(10) == 0 ? "ERROR" : "INFO")
                  + " [main] c.e.Inventory - reserved items");
        }
        long delay = random.nextInt(50) == 0 ? 2 * MINUTE : random.nextInt(20_000);
        for (ObjectNode envelope : List.of(checkout, payments, inventory)) {
          records.add(new Recorded(Envelopes.gzip(envelope), tick + 5_000 + delay));
        }
      }
    }
    records.sort((a, b) -> Long.compare(a.arrivalMillis(), b.arrivalMillis()));
    byte[] good = records.get(7).payload();
    records.add(20, new Recorded(Arrays.copyOf(good, good.length - 10), START + 2 * MINUTE));
    records.add(30, new Recorded(Envelopes.gzip(Envelopes.control()), START + 3 * MINUTE));
    return records;
  }

  /** Requests and errors per account/service/window, read from the recording with plain Jackson. */
  private static Map<String, long[]> independentCounts(Path recording) throws IOException {
    Map<String, long[]> counts = new HashMap<>();
    JsonNode document = Envelopes.JSON.readTree(recording.toFile());
    for (JsonNode record : document.get("Records")) {
      byte[] payload = Base64.getDecoder().decode(record.get("Data").asText());
      JsonNode envelope;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
        envelope = Envelopes.JSON.readTree(in.readAllBytes());
      } catch (IOException truncated) {
        continue;
      }
      if (!"DATA_MESSAGE".equals(envelope.get("messageType").asText())) {
        continue;
      }
      String group = envelope.get("logGroup").asText();
      String service = group.substring(group.lastIndexOf('/') + 1);
      for (JsonNode event : envelope.get("logEvents")) {
        String message = event.get("message").asText();
        boolean request;
        boolean error;
        if (message.startsWith("{")) {
          int status = Envelopes.JSON.readTree(message).get("status").asInt();
          request = true;
          error = status >= 500;
        } else if (message.startsWith("REPORT ")) {
          request = true;
          error = message.contains("Status: timeout");
        } else {
          continue;
        }
        long timestamp = event.get("timestamp").asLong();
        String key =
            envelope.get("owner").asText() + "/" + service + "/" + (timestamp - timestamp % MINUTE);
        long[] c = counts.computeIfAbsent(key, k -> new long[2]);
        c[0] += request ? 1 : 0;
        c[1] += error ? 1 : 0;
      }
    }
    return counts;
  }
}
