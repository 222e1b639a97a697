package io.logpulse.testing;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * moto_server, the local AWS server for CloudWatch, started per test class. The AWS SDK finds its
 * (dummy) credentials in the system properties this extension sets, as the default chain would find
 * real ones.
 */
public final class MotoServer extends LocalServer {

  public MotoServer() {
    super("moto_server", Duration.ofSeconds(30));
  }

  @Override
  protected List<String> command(int port) {
    return List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    super.beforeAll(context);
  }
}
