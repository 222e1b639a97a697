package io.logpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local server process a test class starts on a free 127.0.0.1 port before its tests and always
 * stops after them. Register a subclass with {@code @RegisterExtension static}.
 */
public abstract class LocalServer implements BeforeAllCallback, AfterAllCallback {

  private final String name;
  private final Duration startTimeout;
  private Process process;
  private Path log;
  private int port;

  protected LocalServer(String name, Duration startTimeout) {
    this.name = name;
    this.startTimeout = startTimeout;
  }

  /** The command line that starts the server on {@code port}. */
  protected abstract List<String> command(int port) throws IOException;

  /** Environment variables for the server started on {@code port}. */
  protected Map<String, String> environment(int port) {
    return Map.of();
  }

  /** The server's base URL, such as {@code http://127.0.0.1:5123}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    port = freePort();
    log = Files.createTempFile(name, ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command(port)).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment(port));
    process = builder.start();
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String output = Files.readString(log);
        stop();
        throw new IllegalStateException(name + " did not start on port " + port + ":\n" + output);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  private void stop() throws IOException, InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }

  private boolean answers() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException notYet) {
      return false;
    }
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
