package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code logpulse run} that fails ends with exit code 1 and its root cause in plain words, with
 * what to do, instead of Flink's "Job execution failed.". Each run is a real one, in its own JVM
 * (about ten seconds, mostly the AWS SDK's retries).
 */
class CliRunFailureITCase {

  @TempDir Path dir;

  /**
   * A real run against Kinesis fails without credentials, and with credentials against a port
   * nothing listens on. It runs in a fresh JVM whose environment holds no AWS settings, so neither
   * the developer's credentials nor the test JVM's system properties change the outcome.
   */
  @Test
  void aFailedRunEndsWithItsRootCauseAndWhatToDo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;

    Launched noCredentials = logpulseProcess(Map.of(), endpoint);
    Launched refused =
        logpulseProcess(
            Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"), endpoint);

    Finished withoutCredentials = finish(noCredentials);
    assertThat(withoutCredentials.exit()).isEqualTo(1);
    assertThat(withoutCredentials.last(3))
        .satisfiesExactly(
            cause ->
                assertThat(cause)
                    .startsWith(
                        "logpulse: run failed: cannot list the shards of [s]: Unable to load"
                            + " credentials"),
            hint ->
                assertThat(hint)
                    .isEqualTo(
                        "logpulse: hint: set AWS credentials"
                            + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) or AWS_PROFILE"),
            debug -> assertThat(debug).isEqualTo("(set LOGPULSE_DEBUG=1 for the stack trace)"));
    assertThat(String.join("\n", withoutCredentials.lines()))
        .doesNotContain("JobExecutionException", "\tat ");

    Finished connectionRefused = finish(refused);
    assertThat(connectionRefused.exit()).isEqualTo(1);
    assertThat(connectionRefused.last(3))
        .satisfiesExactly(
            cause ->
                assertThat(cause)
                    .startsWith("logpulse: run failed: cannot list the shards of [s]: ")
                    .contains("Connection refused"),
            hint ->
                assertThat(hint)
                    .isEqualTo(
                        "logpulse: hint: nothing answers at "
                            + endpoint
                            + ": check source.kinesis.endpoint"),
            debug -> assertThat(debug).isEqualTo("(set LOGPULSE_DEBUG=1 for the stack trace)"));
  }

  /** A {@code logpulse run} in its own JVM, and the file its output goes to. */
  private record Launched(Process process, Path output) {}

  private Launched logpulseProcess(Map<String, String> awsEnvironment, String endpoint)
      throws Exception {
    Path home = Files.createTempDirectory(dir, "home");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx512m",
            "-Daws.disableEc2Metadata=true",
            "-Daws.sharedCredentialsFile=" + home.resolve("credentials"),
            "-Daws.configFile=" + home.resolve("config"),
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "io.logpulse.local.cli.Logpulse",
            "run",
            "--set",
            "source.type=kinesis",
            "--set",
            "source.kinesis.streams=s",
            "--set",
            "source.kinesis.endpoint=" + endpoint,
            "--set",
            "local.web-ui-port=0",
            "--set",
            "output.path=" + home.resolve("out")));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("AWS_") || name.equals("LOGPULSE_DEBUG"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(awsEnvironment);
    builder.redirectOutput(home.resolve("output.txt").toFile());
    builder.directory(home.toFile());
    return new Launched(builder.start(), home.resolve("output.txt"));
  }

  /** Waits for the run to end; its exit code and its output's lines. */
  private static Finished finish(Launched run) throws Exception {
    if (!run.process().waitFor(120, TimeUnit.SECONDS)) {
      run.process().destroyForcibly();
      throw new AssertionError("logpulse run did not end within 120 s");
    }
    return new Finished(run.process().exitValue(), Files.readAllLines(run.output()));
  }

  private record Finished(int exit, List<String> lines) {
    List<String> last(int count) {
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }
  }
}
