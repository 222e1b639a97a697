package io.logpulse.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A local server process a test starts on free loopback ports and always stops. */
public final class LocalProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private LocalProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command}, logging to {@code log}, and waits until {@code port} accepts. */
  public static LocalProcess start(
      List<String> command, Map<String, String> environment, Path log, int port, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    LocalProcess started = new LocalProcess(builder.start(), log);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!accepts(port)) {
      if (!started.process.isAlive()) {
        throw new IOException(command + " exited early; see " + log);
      }
      if (System.nanoTime() > deadline) {
        started.close();
        throw new IOException(command + " did not listen on " + port + " in " + timeout);
      }
      Thread.sleep(100);
    }
    return started;
  }

  /** A port nothing listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
