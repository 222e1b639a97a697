package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.GeneratedRecordings;
import io.logpulse.testing.JobTables;
import io.logpulse.testing.Recordings;
import io.logpulse.testing.Recordings.Recorded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logpulse replay} as a batch: two hours of the generator's fleet (with planted incidents
 * and their CloudTrail changes), replayed in arrival order, shuffled, as a folder of per-shard
 * files and as log streams appended one after another, gives the same tables every time; those of a
 * live (streaming) run over the in-order recording; and per-window event counts equal to counts
 * taken from the recording with plain Jackson.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedReplayITCase {

  static final Instant START = Instant.parse("2026-11-22T01:00:00Z");
  static final Duration DURATION = Duration.ofMinutes(150);
  static final double TRAFFIC = 0.25;

  @TempDir static Path dir;

  private List<Recorded> inOrder;
  private JobTables expected;

  @BeforeAll
  void replayInArrivalOrder() throws Exception {
    inOrder = GeneratedRecordings.inArrivalOrder(START, DURATION, TRAFFIC, 11);
    Path recording = dir.resolve("in-order.json");
    Recordings.writeGetRecords(recording, inOrder);
    expected = replay(recording, "batch-in-order");
  }

  @Test
  void theInOrderBatchHasIncidentsChangesAndNoLateEvents() throws Exception {
    assertThat(expected.of("incidents")).isNotEmpty();
    assertThat(expected.of("changes")).isNotEmpty();
    assertThat(expected.of("dead_letters")).noneMatch(row -> row.contains("TOO_LATE"));
    assertThat(perWindowLogCounts(dir.resolve("batch-in-order")))
        .isEqualTo(independentLogCounts(inOrder));
  }

  @Test
  void aLiveRunOverTheInOrderRecordingGivesTheSameTables() throws Exception {
    Path recording = dir.resolve("in-order.json");
    JobTables live = replay(recording, "streaming-in-order", "execution.mode=streaming");
    assertThat(live).isEqualTo(expected);
  }

  @Test
  void aShuffledRecordingGivesTheSameTables() throws Exception {
    List<Recorded> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new Random(3));
    Path recording = dir.resolve("shuffled.json");
    Recordings.writeGetRecords(recording, shuffled);
    assertThat(replay(recording, "batch-shuffled")).isEqualTo(expected);
  }

  @Test
  void streamsAppendedOneAfterAnotherGiveTheSameTables() throws Exception {
    List<Recorded> byStream = new ArrayList<>(inOrder);
    Map<Recorded, String> stream = new HashMap<>();
    for (Recorded record : byStream) {
      JsonNode envelope = envelope(record);
      String group = envelope.get("logGroup").asText();
      // CloudTrail last: its changes come after every anomaly they explain.
      stream.put(
          record,
          (group.contains("cloudtrail") ? "1" : "0")
              + group
              + "/"
              + envelope.get("logStream").asText());
    }
    byStream.sort(
        Comparator.comparing((Recorded r) -> stream.get(r))
            .thenComparingLong(Recorded::arrivalMillis));
    Path recording = dir.resolve("by-stream.json");
    Recordings.writeGetRecords(recording, byStream);
    assertThat(replay(recording, "batch-by-stream")).isEqualTo(expected);
  }

  @Test
  void aFolderOfPerShardFilesGivesTheSameTables() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("shards"));
    List<List<Recorded>> shards = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Recorded record : inOrder) {
      shards
          .get(Math.floorMod(envelope(record).get("logStream").asText().hashCode(), 3))
          .add(record);
    }
    Recordings.writeGetRecords(folder.resolve("shard-0.json"), shards.get(0));
    Recordings.writeGetRecords(folder.resolve("shard-1.json"), shards.get(1));
    Path plain = dir.resolve("shard-2.json");
    Recordings.writeGetRecords(plain, shards.get(2));
    try (OutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(folder.resolve("shard-2.json.gz")))) {
      Files.copy(plain, gz);
    }
    // Marker files that writers leave are hidden, as for Flink's own file sources: skipped.
    Files.writeString(folder.resolve("_SUCCESS"), "not a recording");
    assertThat(replay(folder, "batch-folder")).isEqualTo(expected);
  }

  private JobTables replay(Path input, String name, String... settings) throws Exception {
    Path out = dir.resolve(name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "replay",
                input.toString(),
                "--out",
                out.toString(),
                "--set",
                "local.web-ui-port=0",
                "--set",
                "local.checkpoint-interval=1s"));
    for (String setting : settings) {
      args.add("--set");
      args.add(setting);
    }
    assertThat(Logpulse.execute(args.toArray(String[]::new))).isZero();
    return JobTables.read(out);
  }

  private static JsonNode envelope(Recorded record) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(record.payload()))) {
      return Envelopes.JSON.readTree(in.readAllBytes());
    }
  }

  /** Log events per account and minute, outside CloudTrail, read from the records themselves. */
  private static Map<String, Long> independentLogCounts(List<Recorded> records) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (Recorded record : records) {
      JsonNode envelope = envelope(record);
      if (!"DATA_MESSAGE".equals(envelope.get("messageType").asText())
          || envelope.get("logGroup").asText().contains("cloudtrail")) {
        continue;
      }
      for (JsonNode event : envelope.get("logEvents")) {
        long timestamp = event.get("timestamp").asLong();
        counts.merge(
            envelope.get("owner").asText() + "/" + (timestamp - Math.floorMod(timestamp, 60_000L)),
            1L,
            Long::sum);
      }
    }
    return counts;
  }

  private static Map<String, Long> perWindowLogCounts(Path out) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    for (Map<String, Object> row :
        DuckDb.query(
            "SELECT account, epoch_ms(window_start) AS ws, sum(log_count) AS logs FROM"
                + " read_parquet('"
                + DuckDb.table(out, "metrics")
                + "', hive_partitioning = 1) WHERE operation IS NULL GROUP BY ALL")) {
      counts.put(row.get("account") + "/" + row.get("ws"), ((Number) row.get("logs")).longValue());
    }
    return counts;
  }
}
