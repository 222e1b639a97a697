package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.DuckDb;
import io.logpulse.testing.KinesisLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * As the README tells a newcomer: fill a local Kinesis stream with {@code logpulse fill-kinesis},
 * then {@code logpulse run} with the Kinesis source in bounded mode reads it all, finishes on its
 * own and leaves committed Parquet.
 */
@Timeout(240)
class KinesisRunITCase {

  @RegisterExtension static final KinesisLocal KINESIS = new KinesisLocal();

  @TempDir Path dir;

  @Test
  void boundedKinesisRunReadsTheWholeStreamAndCommitsParquet() throws Exception {
    String stream = "cli-run";
    String filled =
        run(
            "fill-kinesis",
            "--stream",
            stream,
            "--endpoint",
            KINESIS.endpoint(),
            "--shards",
            "2",
            "--duration",
            "10m");
    Matcher put = Pattern.compile("put ([\\d,]+) records").matcher(filled);
    assertThat(put.find()).as(filled).isTrue();
    Path out = dir.resolve("out");

    String printed =
        run(
            "run",
            "--set",
            "source.type=kinesis",
            "--set",
            "source.kinesis.streams=" + stream,
            "--set",
            "source.kinesis.endpoint=" + KINESIS.endpoint(),
            "--set",
            "source.kinesis.start-position=trim-horizon",
            "--set",
            "source.kinesis.bounded=true",
            "--set",
            "output.path=" + out,
            "--set",
            "local.web-ui-port=0",
            "--set",
            "local.checkpoint-interval=1s");

    assertThat(printed).contains("reading Kinesis cli-run up to its tip");
    assertThat(printed).contains("records " + put.group(1) + ",");
    List<Map<String, Object>> rows =
        DuckDb.query(
            "SELECT count(*) AS windows, sum(request_count) AS requests FROM read_parquet('"
                + DuckDb.table(out, "metrics")
                + "', hive_partitioning = 1) WHERE operation IS NULL AND revision = 0");
    assertThat((Long) rows.get(0).get("windows")).isPositive();
    assertThat(((Number) rows.get(0).get("requests")).longValue()).isPositive();
  }

  private static String run(String... args) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      exit = Logpulse.execute(args);
    } finally {
      System.setOut(original);
    }
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    return printed;
  }
}
