package io.logpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.job.JobSinks;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.TestJobs;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed corpus replayed by the job in a MiniCluster through {@link RecordingFileSource}:
 * the run succeeds, and the log events in the metrics table plus the dead letters are exactly what
 * the corpus holds.
 */
class MalformedCorpusReplayITCase {

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void aReplayOfTheCorpusSucceedsAndAccountsForEveryEvent() throws Exception {
    Path recordings = dir.resolve("recordings");
    java.nio.file.Files.createDirectories(recordings);
    MalformedCorpus corpus = MalformedCorpus.write(recordings);
    Path out = dir.resolve("out");

    TestJobs.run(
        TestJobs.config(Map.of()),
        RecordingFileSource.of(recordings.toUri().toString()),
        JobSinks.parquet(out.toUri().toString(), "part", 1L << 27, 900_000));

    long events =
        (Long)
            DuckDb.query(
                    "SELECT CAST(sum(log_count) AS BIGINT) AS n FROM (SELECT *, row_number() OVER"
                        + " (PARTITION BY account, service, window_start ORDER BY revision DESC)"
                        + " AS newest FROM read_parquet('"
                        + DuckDb.table(out, "metrics")
                        + "', hive_partitioning = 1) WHERE operation IS NULL) WHERE newest = 1")
                .get(0)
                .get("n");
    Map<String, Long> deadLetters = new TreeMap<>();
    for (Map<String, Object> row :
        DuckDb.query(
            "SELECT reason, count(*) AS n FROM read_parquet('"
                + DuckDb.table(out, "dead_letters")
                + "', hive_partitioning = 1) GROUP BY reason")) {
      deadLetters.put((String) row.get("reason"), (Long) row.get("n"));
    }

    assertThat(deadLetters).isEqualTo(corpus.deadLetters);
    assertThat(events).isEqualTo(corpus.events);
  }
}
