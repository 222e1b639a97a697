package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.GeneratedRecordings;
import io.logpulse.testing.JobTables;
import io.logpulse.testing.Recordings;
import io.logpulse.testing.Recordings.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any permutation of a recording, split into any number of files of a folder, replays to the tables
 * of the recording in arrival order: metrics, changes, anomalies, incidents (newest revisions) and
 * dead letters, read back with DuckDB.
 */
class BoundedReplayPropertiesITCase {

  private static Path dir;
  private static List<Recorded> inOrder;
  private static JobTables expected;

  @BeforeContainer
  static void replayInArrivalOrder() throws Exception {
    dir = Files.createTempDirectory("bounded-replay-properties");
    inOrder =
        GeneratedRecordings.inArrivalOrder(
            Instant.parse("2026-11-22T02:00:00Z"), Duration.ofMinutes(100), 0.1, 5);
    Path recording = dir.resolve("in-order.json");
    Recordings.writeGetRecords(recording, inOrder);
    expected = replay(recording, dir.resolve("in-order-out"));
    assertThat(expected.of("changes")).isNotEmpty();
    assertThat(expected.of("anomalies")).isNotEmpty();
    assertThat(expected.of("incidents")).isNotEmpty();
  }

  @AfterContainer
  static void removeFiles() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Property(tries = 4)
  void anyPermutationSplitIntoAnyNumberOfFilesGivesTheSameTables(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int files) throws Exception {
    List<Recorded> shuffled = new ArrayList<>(inOrder);
    Random random = new Random(seed);
    Collections.shuffle(shuffled, random);
    Path folder = Files.createDirectories(dir.resolve("run-" + seed + "-" + files));
    List<List<Recorded>> parts = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      parts.add(new ArrayList<>());
    }
    for (Recorded record : shuffled) {
      parts.get(random.nextInt(files)).add(record);
    }
    for (int i = 0; i < files; i++) {
      Recordings.writeGetRecords(folder.resolve("part-" + i + ".json"), parts.get(i));
    }

    assertThat(replay(folder, dir.resolve("out-" + seed + "-" + files))).isEqualTo(expected);
  }

  private static JobTables replay(Path input, Path out) throws Exception {
    int exit =
        Logpulse.execute(
            "replay", input.toString(), "--out", out.toString(), "--set", "local.web-ui-port=0");
    assertThat(exit).isZero();
    return JobTables.read(out);
  }
}
