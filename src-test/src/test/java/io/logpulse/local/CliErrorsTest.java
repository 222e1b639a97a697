package io.logpulse.local;

import static io.logpulse.local.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.local.Cli.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that cannot start, or a run that fails, says why and what to do, with exit code 2 for a
 * usage or configuration error and 1 for a failed run.
 */
class CliErrorsTest {

  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  @TempDir Path dir;

  @Test
  void invalidJsonConfigurationGivesTheParsersMessageWithLineAndColumn() throws Exception {
    Path file = dir.resolve("logpulse.json");
    Files.writeString(file, "{\n  \"window\": {\"size\": \"2m\"\n}");

    Run result = run("run", "--config", file.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .contains("configuration error: configuration file " + file + " is not valid JSON (line 3,")
        .contains("Unexpected end-of-input")
        .doesNotContain("UncheckedIOException", "\tat ");
  }

  @Test
  void aMissingConfigurationFileIsAUsageErrorThatSaysSo() {
    Path file = dir.resolve("absent.properties");

    Run result = run("run", "--config", file.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo("logpulse: configuration error: configuration file " + file + ": no such file");
  }

  @Test
  void aConfigurationFileWithAByteOrderMarkLoads() throws Exception {
    Path config = dir.resolve("logpulse.json");
    Files.write(config, concat(BOM, "{\"parse\": {\"error-status-min\": 400}}"));
    Path lines = dir.resolve("access.log");
    Files.writeString(
        lines, "10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] \"GET /cart HTTP/1.1\" 404 12\n");

    Run result = run("parse", "--config", config.toString(), lines.toString());

    assertThat(result.exit()).isZero();
    assertThat(result.lines().get(0).get("error").asBoolean()).isTrue();
  }

  @Test
  void anUnknownKeyInAPropertiesFileWithAByteOrderMarkIsNamedWithoutTheMark() throws Exception {
    Path config = dir.resolve("logpulse.properties");
    Files.write(config, concat(BOM, "window.sise=2m\n"));

    Run result = run("run", "--config", config.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .contains("unknown configuration key 'window.sise'; did you mean 'window.size'?");
  }

  @Test
  void anOverflowingDurationNamesTheKeyAndTheAcceptedRange() {
    Run result = run("run", "--set", "window.size=999999999999d");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .contains("invalid value '999999999999d' for window.size: more than 3650d")
        .contains("at most 3650d")
        .doesNotContain("ArithmeticException");
  }

  @Test
  void anOverflowingDurationOptionIsAUsageError() {
    Run result = run("fill-kinesis", "--stream", "s", "--duration", "999999999999d");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("invalid duration '999999999999d'").contains("at most 3650d");
  }

  private static byte[] concat(byte[] prefix, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(body, 0, all, prefix.length, body.length);
    return all;
  }
}
