package io.logpulse.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The kinesis-mock server (npm package {@code kinesis-local}) for a test class. The package is
 * installed with npm into {@code target/kinesis-local} on first use, so a clean clone needs only
 * Node.js and npm. It listens on all interfaces; tests connect to 127.0.0.1 only.
 */
public final class KinesisLocal extends LocalServer {

  /** The pinned kinesis-local version. */
  public static final String VERSION = "0.6.2";

  private static final Path INSTALL = Path.of("target", "kinesis-local");

  public KinesisLocal() {
    super("kinesis-local", Duration.ofSeconds(60));
  }

  @Override
  protected List<String> command(int port) throws IOException {
    try {
      return List.of("node", install().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted installing kinesis-local", e);
    }
  }

  @Override
  protected Map<String, String> environment(int port) {
    return Map.of(
        "KINESIS_MOCK_CERT_PATH", main().resolveSibling("server.json").toString(),
        "KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
        "KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()),
        "LOG_LEVEL", "WARN",
        "CREATE_STREAM_DURATION", "100ms",
        "SPLIT_SHARD_DURATION", "200ms",
        "MERGE_SHARDS_DURATION", "200ms",
        "REGISTER_STREAM_CONSUMER_DURATION", "200ms");
  }

  /** A client for setting up streams and putting records. */
  public KinesisClient client() {
    return KinesisClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static Path main() {
    return INSTALL.resolve("node_modules/kinesis-local/main.js").toAbsolutePath();
  }

  private static Path install() throws IOException, InterruptedException {
    Files.createDirectories(INSTALL);
    Path main = main();
    try (FileChannel lockFile =
            FileChannel.open(
                INSTALL.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (!Files.exists(main)) {
        Path log = INSTALL.resolve("npm-install.log");
        Process npm =
            new ProcessBuilder(
                    "npm",
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--no-save",
                    "--prefix",
                    INSTALL.toAbsolutePath().toString(),
                    "kinesis-local@" + VERSION)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (npm.waitFor() != 0 || !Files.exists(main)) {
          throw new IOException("npm install kinesis-local@" + VERSION + " failed; see " + log);
        }
      }
    }
    return main;
  }
}
