package io.logpulse.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.GeneratedRecordings;
import io.logpulse.testing.JobTables;
import io.logpulse.testing.KinesisLocal;
import io.logpulse.testing.Recordings;
import io.logpulse.testing.Recordings.Recorded;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded read of a kinesis-local stream with four shards, whose records were put in shuffled
 * order under random partition keys, gives the tables of a replay of the same records in arrival
 * order: a bounded Kinesis read is a batch job too.
 */
@Timeout(300)
class KinesisBoundedReadITCase {

  @RegisterExtension static final KinesisLocal KINESIS = new KinesisLocal();

  @TempDir Path dir;

  @Test
  void shuffledRecordsOverFourShardsGiveTheTablesOfTheInOrderReplay() throws Exception {
    // Recent traffic: Kinesis stamps its own arrival times, and events older than
    // decode.max-event-age relative to them would be dead-lettered.
    Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
    List<Recorded> inOrder =
        GeneratedRecordings.inArrivalOrder(start, Duration.ofMinutes(45), 0.1, 17);
    Path recording = dir.resolve("in-order.json");
    Recordings.writeGetRecords(recording, inOrder);
    Path replayed = dir.resolve("replayed");
    assertThat(
            Logpulse.execute(
                "replay",
                recording.toString(),
                "--out",
                replayed.toString(),
                "--set",
                "local.web-ui-port=0"))
        .isZero();

    List<byte[]> shuffled = new ArrayList<>();
    inOrder.forEach(record -> shuffled.add(record.payload()));
    Collections.shuffle(shuffled, new Random(5));
    KinesisStreams streams = new KinesisStreams(KINESIS.client());
    streams.create("shuffled", 4);
    streams.putPayloads("shuffled", shuffled);
    Path read = dir.resolve("read");
    assertThat(
            Logpulse.execute(
                "run",
                "--set",
                "source.type=kinesis",
                "--set",
                "source.kinesis.streams=shuffled",
                "--set",
                "source.kinesis.endpoint=" + KINESIS.endpoint(),
                "--set",
                "source.kinesis.start-position=trim-horizon",
                "--set",
                "source.kinesis.bounded=true",
                "--set",
                "output.path=" + read,
                "--set",
                "local.web-ui-port=0"))
        .isZero();

    JobTables expected = JobTables.read(replayed);
    assertThat(expected.of("metrics")).isNotEmpty();
    assertThat(expected.of("changes")).isNotEmpty();
    assertThat(JobTables.read(read)).isEqualTo(expected);
  }
}
