package io.logpulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code logpulse} command in a JVM of its own, as a user starts it, so a test can kill it with
 * SIGKILL, or stop it with SIGINT or SIGTERM, like a terminal, an OOM killer or a reboot would. It
 * starts with SIGINT at its default disposition ({@code env --default-signal=INT}): a process
 * started in the background inherits SIGINT ignored, and the JVM then never sees Ctrl-C.
 */
public final class LogpulseProcess implements AutoCloseable {

  private final Process process;
  private final Path output;

  private LogpulseProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code logpulse args...} in {@code home} (its working folder and HOME), its output in
   * {@code home/output-N.txt}, with the test JVM's AWS credentials as system properties.
   */
  public static LogpulseProcess start(Path home, List<String> args) throws IOException {
    Files.createDirectories(home);
    Path output;
    int n = 0;
    do {
      output = home.resolve("output-" + n++ + ".txt");
    } while (Files.exists(output));
    List<String> command = new ArrayList<>();
    command.addAll(List.of("env", "--default-signal=INT"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx768m",
            "-Daws.disableEc2Metadata=true",
            "-Daws.accessKeyId=testing",
            "-Daws.secretAccessKey=testing",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "io.logpulse.local.cli.Logpulse"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(Map.of("AWS_REGION", "us-east-1"));
    builder.redirectOutput(output.toFile());
    builder.directory(home.toFile());
    return new LogpulseProcess(builder.start(), output);
  }

  /** What it printed so far. */
  public List<String> lines() throws IOException {
    return Files.readAllLines(output);
  }

  /** Waits until a printed line matches; fails when the process ends first or time is up. */
  public String awaitLine(Predicate<String> matches, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        if (matches.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("logpulse ended first:\n" + String.join("\n", lines()));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no such line in time:\n" + String.join("\n", lines()));
  }

  /** Sends a signal by name (INT, TERM). */
  public void signal(String name) throws Exception {
    new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  /** Kills it with SIGKILL, as the OOM killer or a power cut would, and waits for it to be gone. */
  public void kill() throws Exception {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for it to end and returns its exit code; fails after {@code timeout}. */
  public int exit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "logpulse did not end within " + timeout + ":\n" + String.join("\n", lines()));
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
