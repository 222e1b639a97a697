package io.logpulse.local;

import static io.logpulse.local.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpulse.local.Cli.Run;
import io.logpulse.testing.Envelopes;
import io.logpulse.testing.Recordings;
import io.logpulse.testing.Recordings.Recorded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code decode}, {@code parse}, {@code detect}, {@code evaluate-detectors} and {@code config}
 * commands follow the contract the README's CLI table states.
 */
class CliCommandsTest {

  private static final long T0 = 1_763_700_000_000L;

  @TempDir Path dir;

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
  void parseAppliesTheParseSettingsGivenWithSet() throws Exception {
    Path file = dir.resolve("trail.log");
    Files.writeString(
        file,
        "{\"eventVersion\":\"1.09\",\"eventTime\":\"2026-11-21T10:00:00Z\","
            + "\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"PutParameter\","
            + "\"awsRegion\":\"eu-west-1\",\"requestParameters\":{\"name\":\"/checkout/flag\"},"
            + "\"readOnly\":false,\"eventType\":\"AwsApiCall\","
            + "\"recipientAccountId\":\"123456789012\"}\n",
        StandardCharsets.UTF_8);

    Run builtIn = run("parse", file.toString());
    Run ruled =
        run(
            "parse",
            "--set",
            "parse.cloudtrail.change-kinds=ssm:PutParameter=deploy",
            file.toString());

    assertThat(builtIn.lines().get(0).get("change_kind").asText()).isEqualTo("configuration");
    assertThat(ruled.exit()).isZero();
    assertThat(ruled.lines().get(0).get("change_kind").asText()).isEqualTo("deploy");
    assertThat(ruled.lines().get(0).get("resources").get(0).asText()).isEqualTo("/checkout/flag");
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

  @Test
  void detectWritesOneAlignedRowPerInputRowScoresAPlantedSpikeAndReportsBadRows() throws Exception {
    java.util.Random noise = new java.util.Random(7);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double value = i == 300 ? 1000 : 100 + noise.nextGaussian() * 3;
      rows.add(
          java.time.Instant.ofEpochMilli(T0 + i * 300_000L)
              + ","
              + String.format(java.util.Locale.ROOT, "%.3f", value));
    }
    rows.set(150, "not-a-time,5");
    rows.set(151, java.time.Instant.ofEpochMilli(T0 + 151 * 300_000L) + ",abc");
    rows.set(152, "");
    Path csv = dir.resolve("series.csv");
    Files.writeString(csv, "timestamp,value\n" + String.join("\n", rows) + "\n");

    Run result = run("detect", csv.toString());

    assertThat(result.exit()).isZero();
    List<String> out = List.of(result.out().split("\n", -1));
    assertThat(out.get(0)).isEqualTo("timestamp,value,anomaly_score");
    List<String> scored = out.subList(1, out.size() - 1);
    assertThat(scored).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] input = rows.get(i).split(",", -1);
      String[] output = scored.get(i).split(",", -1);
      assertThat(output).as("row %d", i).hasSize(3);
      assertThat(output[0]).as("row %d", i).isEqualTo(input[0]);
      assertThat(output[1]).as("row %d", i).isEqualTo(input.length > 1 ? input[1] : "");
    }
    assertThat(Double.parseDouble(scored.get(300).split(",")[2])).isGreaterThanOrEqualTo(0.5);
    assertThat(scored.subList(150, 153)).allSatisfy(row -> assertThat(row).endsWith(","));
    assertThat(scored.subList(60, 150))
        .allSatisfy(row -> assertThat(Double.parseDouble(row.split(",")[2])).isLessThan(0.5));
    assertThat(result.err()).contains("line 152:", "line 153:", "line 154:", "3 unreadable");
  }

  @Test
  void evaluateDetectorsOfAnUnknownFamilyIsAUsageError() {
    Run result = run("evaluate-detectors", "--families", "no-such-family");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("no scenario of the families [no-such-family]");
  }

  @Test
  void evaluateDetectorsPrintsPrecisionRecallAndDelayPerDetectorAndPerFamily() {
    Run result = run("evaluate-detectors", "--seeds", "101", "--families", "spikes");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains("Per detector (1 series, seeds [101]):", "Ensemble per scenario family:")
        .containsPattern(
            "(?m)^\\| seasonal \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| [01]\\.\\d\\d \\|")
        .containsPattern("(?m)^\\| ensemble \\|")
        .containsPattern("(?m)^\\| spikes \\| \\d+ \\| [1-9]\\d* \\|");
  }

  @Test
  void evaluateOfAnInvalidDurationIsAUsageError() {
    Run result = run("evaluate", "--duration", "a while");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("invalid duration 'a while'");
  }
}
