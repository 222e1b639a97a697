package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logpulse record} writes the generator's records, its late, very late and damaged ones
 * included, as an NDJSON recording; replayed as a batch, nothing of it is too late, and only the
 * damaged records are dead letters.
 */
class RecordCommandITCase {

  @TempDir Path dir;

  @Test
  void aRecordedRunReplaysWithNothingTooLate() throws Exception {
    Path recording = dir.resolve("fleet.ndjson");
    assertThat(
            Logpulse.execute(
                "record",
                "--out",
                recording.toString(),
                "--duration",
                "40m",
                "--start",
                "2026-11-22T01:00:00Z"))
        .isZero();
    long records;
    try (var lines = Files.lines(recording)) {
      records = lines.count();
    }
    assertThat(records).isPositive();

    Path out = dir.resolve("out");
    assertThat(
            Logpulse.execute(
                "replay",
                recording.toString(),
                "--out",
                out.toString(),
                "--set",
                "local.web-ui-port=0"))
        .isZero();

    List<Map<String, Object>> reasons =
        DuckDb.query(
            "SELECT DISTINCT reason FROM read_parquet('"
                + DuckDb.table(out, "dead_letters")
                + "', hive_partitioning = 1)");
    assertThat(reasons)
        .extracting(row -> (String) row.get("reason"))
        .isNotEmpty()
        .doesNotContain("TOO_LATE")
        .allMatch(reason -> reason.contains("GZIP") || reason.equals("INVALID_JSON"));
    assertThat(DuckDb.count(out, "metrics")).isPositive();
  }
}
