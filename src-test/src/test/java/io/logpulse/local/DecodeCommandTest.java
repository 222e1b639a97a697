package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.testing.Envelopes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logpulse decode} on folders and on records that used to stop it. */
class DecodeCommandTest {

  private static final long T0 = 1_763_700_000_000L;

  @TempDir Path dir;

  private static Cli.Run decode(Path input) {
    return Cli.run("decode", input.toString());
  }

  private static String line(String id, String arrival) {
    byte[] payload =
        Envelopes.gzip(
            Envelopes.event(Envelopes.data("111111111111", "/ecs/a", "s"), id, T0, "hello " + id));
    return "{\"Data\":\""
        + Base64.getEncoder().encodeToString(payload)
        + "\",\"ApproximateArrivalTimestamp\":"
        + arrival
        + "}\n";
  }

  @Test
  void aFolderIsReadByTheReplayRuleGzipIncludedHiddenFilesReported() throws Exception {
    Files.writeString(dir.resolve("a.json"), line("1", "1763700000.5"));
    Files.write(
        dir.resolve("b.json.gz"),
        Envelopes.gzip(line("2", "1763700000.5").getBytes(StandardCharsets.UTF_8)));
    Files.writeString(dir.resolve("_c.json"), line("3", "1763700000.5"));
    Files.write(dir.resolve("d.json.gz"), "not gzip at all".getBytes(StandardCharsets.UTF_8));

    Cli.Run result = decode(dir);

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("hello 1", "hello 2").doesNotContain("hello 3");
    assertThat(result.err())
        .contains("skipped 1 hidden file or folder (names starting with _ or .): _c.json")
        .contains("d.json.gz: UNREADABLE_RECORD");
  }

  @Test
  void anArrivalTimestampOutOfRangeIsAWarningNotAFailure() throws Exception {
    Path file = dir.resolve("r.json");
    Files.writeString(file, line("1", "1e400") + line("2", "\"1e999999999\""));

    Cli.Run result = decode(file);

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("hello 1", "hello 2");
    assertThat(result.err()).contains("2 log events").contains("2 warnings");
  }
}
