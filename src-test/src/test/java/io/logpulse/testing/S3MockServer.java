package io.logpulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * S3Mock (the runnable jar Maven copies to {@code target/servers/s3mock.jar}) in its own JVM, with
 * one bucket, started per test class. It speaks S3 with multipart uploads, which Flink's S3
 * recoverable writer needs.
 */
public final class S3MockServer extends LocalServer {

  private final String bucket;

  public S3MockServer(String bucket) {
    super("s3mock", Duration.ofSeconds(90));
    this.bucket = bucket;
  }

  @Override
  protected List<String> command(int port) throws IOException {
    Path jar = Path.of("target", "servers", "s3mock.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " missing; run the build through mvn");
    }
    Path root = Files.createTempDirectory("s3mock");
    root.toFile().deleteOnExit();
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-XX:TieredStopAtLevel=1",
        "-jar",
        jar.toString(),
        "--http.port=" + port,
        "--server.port=" + freePort(),
        "--server.address=127.0.0.1",
        "--com.adobe.testing.s3mock.store.initial-buckets=" + bucket,
        "--com.adobe.testing.s3mock.store.root=" + root);
  }

  /** The bucket the server was started with. */
  public String bucket() {
    return bucket;
  }
}
