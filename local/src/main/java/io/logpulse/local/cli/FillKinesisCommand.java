package io.logpulse.local.cli;

import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.local.kinesis.StreamFiller;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code logpulse fill-kinesis}: puts generated CloudWatch Logs subscription records into a Kinesis
 * stream (a local server, usually), so the job can be tried with {@code source.type=kinesis}.
 */
@Command(
    name = "fill-kinesis",
    description =
        "Puts generated CloudWatch Logs subscription records into a Kinesis stream (creating it"
            + " if needed), for trying source.type=kinesis against a local server.")
final class FillKinesisCommand implements Callable<Integer> {

  @Option(names = "--stream", required = true, description = "Stream name.")
  String stream;

  @Option(names = "--endpoint", description = "Endpoint override, e.g. http://127.0.0.1:4568.")
  URI endpoint;

  @Option(names = "--region", description = "Region (default ${DEFAULT-VALUE}).")
  String region = "us-east-1";

  @Option(names = "--shards", description = "Shards of a new stream (default ${DEFAULT-VALUE}).")
  int shards = 2;

  @Mixin GeneratorOptions generation;

  @Override
  public Integer call() throws Exception {
    WorkloadGenerator generator = generation.generator();
    var builder = KinesisClient.builder().region(Region.of(region));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    try (KinesisClient client = builder.build()) {
      StreamFiller filler = new StreamFiller(client);
      filler.ensureStream(stream, shards);
      long bytes = filler.fill(stream, generator);
      System.out.printf(
          "logpulse fill-kinesis: put %,d records (%.1f MB) into %s%n",
          generator.recordCount(), bytes / 1e6, stream);
    }
    return 0;
  }
}
