package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.local.cli.Logpulse;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.Recordings;
import io.logpulse.testing.Recordings.Recorded;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code decode}, {@code parse} and {@code config} commands follow DESIGN.md's contract. */
class CliCommandsTest {

  private static final long T0 = 1_763_700_000_000L;

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          nodes.add(Envelopes.JSON.readTree(line));
        }
      }
      return nodes;
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = Logpulse.execute(args);
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  @Test
  void decodePrintsOneLineOfTheContractFieldsPerEventAndReportsBadRecords() throws Exception {
    ObjectNode envelope = Envelopes.data("111111111111", "/ecs/checkout", "stream-1");
    Envelopes.event(envelope, "1", T0, "hello");
    Envelopes.event(envelope, "2", T0 + 1, "line with \"quotes\"\nand a newline");
    byte[] good = Envelopes.gzip(envelope);
    Path file = dir.resolve("records.json");
    Recordings.writeGetRecords(
        file,
        List.of(
            new Recorded(good, T0 + 5),
            new Recorded(Arrays.copyOf(good, good.length - 5), T0 + 6),
            new Recorded(Envelopes.gzip(Envelopes.control()), T0 + 7)));

    Run result = run("decode", file.toString());

    assertThat(result.exit()).isZero();
    List<JsonNode> lines = result.lines();
    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(first.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("owner", "logGroup", "logStream", "id", "timestamp", "message");
    assertThat(first.get("owner").asText()).isEqualTo("111111111111");
    assertThat(first.get("timestamp").asLong()).isEqualTo(T0);
    assertThat(lines.get(1).get("message").asText())
        .isEqualTo("line with \"quotes\"\nand a newline");
    assertThat(result.err())
        .contains("record 2: TRUNCATED_GZIP")
        .contains("3 records, 2 log events, 1 control messages, 1 rejected");
  }

  @Test
  void decodeOfAMissingFileIsAUsageError() {
    assertThat(run("decode", dir.resolve("absent.json").toString()).exit()).isEqualTo(2);
  }

  @Test
  void parseWritesTheNormalizedFieldsAndReportsBinaryLines() throws Exception {
    Path file = dir.resolve("lines.log");
    Files.writeString(
        file,
        "{\"level\":\"error\",\"status\":503,\"latency_ms\":12.5,\"method\":\"GET\",\"path\":\"/cart\"}\n"
            + "bin\u0000ary\n"
            + "10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 512\n",
        StandardCharsets.UTF_8);

    Run result = run("parse", "--log-group", "/ecs/checkout", file.toString());

    assertThat(result.exit()).isZero();
    List<JsonNode> lines = result.lines();
    assertThat(lines).hasSize(2);
    JsonNode json = lines.get(0);
    assertThat(json.properties())
        .extracting(java.util.Map.Entry::getKey)
        .startsWith(
            "format",
            "timestamp",
            "level",
            "error",
            "status",
            "latency_ms",
            "method",
            "path",
            "request_id",
            "service");
    assertThat(json.get("format").asText()).isEqualTo("json");
    assertThat(json.get("error").asBoolean()).isTrue();
    assertThat(json.get("status").asInt()).isEqualTo(503);
    assertThat(json.get("latency_ms").asDouble()).isEqualTo(12.5);
    assertThat(json.get("service").asText()).isEqualTo("checkout");
    assertThat(lines.get(1).get("status").asInt()).isEqualTo(200);
    assertThat(result.err())
        .contains("line 2: BINARY_MESSAGE")
        .contains("3 lines, 2 parsed, 1 rejected");
  }

  @Test
  void configPrintsEveryKeyAndTheReadmeHoldsTheSameTable() throws Exception {
    Run result = run("config");

    assertThat(result.out()).contains("| `window.size` | `1m` |");
    Path readme = Path.of("..", "README.md");
    assertThat(Files.readString(readme)).contains(result.out().strip());
  }

  @Test
  void unknownConfigurationKeyFailsWithASuggestion() {
    Run result = run("run", "--set", "window.sise=2m");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .contains("unknown configuration key 'window.sise'")
        .contains("did you mean 'window.size'");
  }

  @Test
  void invalidValueNamesTheKeyAndTheAcceptedValues() {
    Run result = run("run", "--set", "source.type=kafka");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("source.type").contains("generator | replay");
  }
}
