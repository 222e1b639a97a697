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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Runs the kinesis-mock server (npm package {@code kinesis-local}) for a test class. The package is
 * installed with npm into {@code target/kinesis-local} on first use, so a clean clone needs only
 * Node.js and npm; the server listens on free loopback ports and is stopped after the class.
 */
public final class KinesisLocal implements BeforeAllCallback, AfterAllCallback {

  /** The pinned kinesis-local version. */
  public static final String VERSION = "0.6.2";

  private static final Path INSTALL = Path.of("target", "kinesis-local");

  private LocalProcess server;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path main = install();
    port = LocalProcess.freePort();
    int tlsPort = LocalProcess.freePort();
    server =
        LocalProcess.start(
            List.of("node", main.toString()),
            Map.of(
                "KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString(),
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort),
                "LOG_LEVEL", "WARN",
                "CREATE_STREAM_DURATION", "100ms",
                "SPLIT_SHARD_DURATION", "200ms",
                "MERGE_SHARDS_DURATION", "200ms",
                "REGISTER_STREAM_CONSUMER_DURATION", "200ms"),
            Files.createTempFile("kinesis-local", ".log"),
            port,
            Duration.ofSeconds(60));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  /** The plain-HTTP endpoint, on 127.0.0.1 (the server listens on all interfaces). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A client for setting up streams and putting records. */
  public KinesisClient client() {
    return KinesisClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  /** An HTTP/2 client, as enhanced fan-out uses. */
  public KinesisAsyncClient asyncClient() {
    return KinesisAsyncClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
        .build();
  }

  private static Path install() throws IOException, InterruptedException {
    Files.createDirectories(INSTALL);
    Path main = INSTALL.resolve("node_modules/kinesis-local/main.js").toAbsolutePath();
    try (FileChannel lockFile =
            FileChannel.open(
                INSTALL.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (!Files.exists(main)) {
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
                .redirectOutput(INSTALL.resolve("npm-install.log").toFile())
                .start();
        if (npm.waitFor() != 0 || !Files.exists(main)) {
          throw new IOException(
              "npm install kinesis-local@"
                  + VERSION
                  + " failed; see "
                  + INSTALL.resolve("npm-install.log"));
        }
      }
    }
    return main;
  }
}
