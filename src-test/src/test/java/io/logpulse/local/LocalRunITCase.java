package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.DuckDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logpulse run} on the embedded generator, as the README's first command runs it but
 * shorter: it finishes on its own, prints the summary, leaves Parquet that DuckDB reads with Hive
 * partitioning, and accounts for the faults the generator plants.
 */
class LocalRunITCase {

  @TempDir Path dir;

  @Test
  void generatorRunFinishesWithSummaryAndReadableTables() throws Exception {
    Path out = dir.resolve("out");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      exit =
          Logpulse.execute(
              "run",
              "--set",
              "generator.duration=20m",
              "--set",
              "generator.speedup=0",
              "--set",
              "generator.too-late-fraction=0.01",
              "--set",
              "generator.corrupt-fraction=0.01",
              "--set",
              "output.path=" + out,
              "--set",
              "local.web-ui-port=0",
              "--set",
              "local.checkpoint-interval=2s");
    } finally {
      System.setOut(original);
    }
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    assertThat(printed)
        .contains("Flink web UI: http://")
        .contains("100% ")
        // 20 or 21 windows from the run itself; records the generator delivers two hours late are
        // windowed when they arrive before the first watermark, so a run may show one or two more.
        .containsPattern("111111111111\\s+checkout\\s+2[0-3]\\s+\\d+")
        .contains("dead letters by reason:")
        .containsPattern("(?m)^anomalies: (none opened|\\d+ opened, \\d+ closed)$")
        .contains("Parquet tables: ");

    List<Map<String, Object>> services =
        DuckDb.query(
            "SELECT service, sum(request_count) AS requests, count(DISTINCT dt) AS days"
                + " FROM read_parquet('"
                + DuckDb.table(out, "metrics")
                + "', hive_partitioning = 1) WHERE operation IS NULL AND revision = 0"
                + " GROUP BY service");
    assertThat(services).extracting(row -> row.get("service")).contains("checkout", "payments-fn");
    assertThat(services).allSatisfy(row -> assertThat((Long) row.get("days")).isBetween(1L, 2L));

    Map<String, Long> reasons =
        DuckDb.query(
                "SELECT reason, count(*) AS n FROM read_parquet('"
                    + DuckDb.table(out, "dead_letters")
                    + "', hive_partitioning = 1) GROUP BY reason")
            .stream()
            .collect(Collectors.toMap(r -> (String) r.get("reason"), r -> (Long) r.get("n")));
    assertThat(reasons).containsKey("TOO_LATE");
    assertThat(reasons.keySet())
        .containsAnyOf("TRUNCATED_GZIP", "NOT_GZIP", "INVALID_JSON", "CORRUPT_GZIP");
  }
}
