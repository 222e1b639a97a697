package io.logpulse.local.cli;

import io.logpulse.common.Bytes;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.schema.SourceRecord;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logpulse record}: writes the generator's records as a recording {@code logpulse replay}
 * reads (NDJSON, one Kinesis record a line, in the generator's order), so replays, backfills and
 * their cost can be tried without a Kinesis stream.
 */
@Command(
    name = "record",
    description =
        "Writes generated CloudWatch Logs subscription records as an NDJSON recording (one Kinesis"
            + " record a line) that logpulse replay reads.")
final class RecordCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The recording.")
  Path out;

  @Mixin GeneratorOptions generation;

  @Override
  public Integer call() throws Exception {
    WorkloadGenerator generator = generation.generator();
    Base64.Encoder base64 = Base64.getEncoder();
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (long i = 0; i < generator.recordCount(); i++) {
        SourceRecord record = generator.record(i);
        writer.write("{\"SequenceNumber\":\"");
        writer.write(Long.toString(i + 1));
        writer.write("\",\"ApproximateArrivalTimestamp\":");
        writer.write(BigDecimal.valueOf(record.getArrivalTime(), 3).toPlainString());
        writer.write(",\"PartitionKey\":\"generator\",\"Data\":\"");
        writer.write(base64.encodeToString(Bytes.toArray(record.getData())));
        writer.write("\"}\n");
      }
    }
    System.out.printf(
        "logpulse record: wrote %,d records from %s (%s, seed %d) to %s%n",
        generator.recordCount(),
        generator.settings().start(),
        generator.settings().duration(),
        generator.settings().seed(),
        out);
    return 0;
  }
}
