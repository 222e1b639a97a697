package io.logpulse.local.cli;

import io.logpulse.kinesis.KinesisSource;
import io.logpulse.kinesis.KinesisSourceSettings;
import io.logpulse.kinesis.StartPosition;
import io.logpulse.local.generator.GeneratorSettings;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.local.kinesis.ReadMeter;
import io.logpulse.local.kinesis.StreamFiller;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code logpulse bench-kinesis}: records/s and MB/s of one shard reader, polling and enhanced
 * fan-out, reading a one-shard stream filled with generated records to its end.
 */
@Command(
    name = "bench-kinesis",
    description =
        "Measures one shard reader (polling and enhanced fan-out) against a Kinesis endpoint,"
            + " usually a local server.")
final class BenchKinesisCommand implements Callable<Integer> {

  @Option(names = "--endpoint", required = true, description = "e.g. http://127.0.0.1:4568")
  URI endpoint;

  @Option(
      names = "--duration",
      description = "Simulated time of generated records to read (default ${DEFAULT-VALUE}).")
  String duration = "2h";

  @Override
  public Integer call() throws Exception {
    String stream = "logpulse-bench-" + System.currentTimeMillis();
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.endingNow(Durations.parse(duration), Clock.systemUTC()));
    try (KinesisClient client =
        KinesisClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint).build()) {
      StreamFiller filler = new StreamFiller(client);
      filler.ensureStream(stream, 1);
      long bytes = filler.fill(stream, generator);
      System.out.printf(
          "bench-kinesis: %,d records (%.1f MB) in one shard of %s%n",
          generator.recordCount(), bytes / 1e6, stream);
    }
    System.out.printf("%-22s %12s %10s%n", "reader", "records/s", "MB/s");
    for (KinesisSourceSettings.ReaderType reader : KinesisSourceSettings.ReaderType.values()) {
      ReadMeter.reset();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(1);
      env.fromSource(
              new KinesisSource<>(settings(stream, reader), new ReadMeter()),
              WatermarkStrategy.noWatermarks(),
              "kinesis")
          .sinkTo(new DiscardingSink<>());
      env.execute("bench-kinesis " + reader);
      System.out.printf(
          "%-22s %,12.0f %10.1f%n",
          reader.name().toLowerCase(),
          ReadMeter.records() / ReadMeter.seconds(),
          ReadMeter.bytes() / ReadMeter.seconds() / 1e6);
    }
    return 0;
  }

  private KinesisSourceSettings settings(String stream, KinesisSourceSettings.ReaderType reader) {
    return new KinesisSourceSettings(
        List.of(stream),
        "us-east-1",
        endpoint.toString(),
        true,
        reader,
        StartPosition.trimHorizon(),
        true,
        null,
        "logpulse-bench",
        null,
        Duration.ofSeconds(10),
        10_000,
        Duration.ofMillis(200),
        Duration.ofMillis(200),
        Duration.ofSeconds(10));
  }
}
