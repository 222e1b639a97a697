package io.logpulse.testing;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@code moto_server} (moto's local AWS server: Kinesis, CloudWatch Logs with subscription
 * filters, CloudWatch, S3, ...) on a free loopback port for a test class, and stops it after.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {

  private LocalProcess server;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    port = LocalProcess.freePort();
    server =
        LocalProcess.start(
            List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)),
            Map.of(),
            Files.createTempFile("moto", ".log"),
            port,
            Duration.ofSeconds(30));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }
}
