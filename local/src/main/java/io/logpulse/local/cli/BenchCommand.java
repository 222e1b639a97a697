package io.logpulse.local.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpulse.common.Bytes;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.decode.DecodeListener;
import io.logpulse.decode.DecoderSettings;
import io.logpulse.decode.SubscriptionEnvelopeDecoder;
import io.logpulse.local.generator.GeneratorSettings;
import io.logpulse.local.generator.WorkloadGenerator;
import io.logpulse.metrics.SeriesBuffer;
import io.logpulse.parse.LogEventParser;
import io.logpulse.parse.ParserSettings;
import io.logpulse.schema.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code logpulse bench}: single-core throughput of decode + parse + aggregate on generated
 * records, measured in the same run as the ceiling of gunzip + JSON parsing of the same records, so
 * the ratio holds whatever the machine.
 */
@Command(
    name = "bench",
    description =
        "Measures decode + parse + aggregate throughput on one core against the gunzip + JSON"
            + " parsing ceiling of the same data.")
final class BenchCommand implements Callable<Integer> {

  private static final JsonFactory JSON = new JsonFactory();

  @Option(
      names = "--records",
      description = "Generated records per pass (default ${DEFAULT-VALUE}).")
  int records = 20_000;

  @Option(names = "--warmup", description = "Unmeasured passes of each (default ${DEFAULT-VALUE}).")
  int warmup = 3;

  @Option(names = "--passes", description = "Measured passes of each (default ${DEFAULT-VALUE}).")
  int passes = 7;

  @Override
  public Integer call() {
    WorkloadGenerator generator =
        new WorkloadGenerator(
            GeneratorSettings.endingNow(Duration.ofHours(24), Clock.systemUTC())
                .withLateFraction(0)
                .withTooLateFraction(0)
                .withCorruptFraction(0)
                .withControlMessageFraction(0));
    int count = (int) Math.min(records, generator.recordCount());
    byte[][] payloads = new byte[count][];
    for (int i = 0; i < count; i++) {
      payloads[i] = Bytes.toArray(generator.record(i).getData());
    }
    long compressed = Arrays.stream(payloads).mapToLong(p -> p.length).sum();
    Workload workload = new Workload(payloads);
    long decompressed = workload.ceilingPass().bytes;
    long events = workload.pipelinePass().events;
    System.out.printf(
        "bench: %,d records, %,d log events, %.1f MB gzip, %.1f MB decompressed, 1 thread%n",
        count, events, compressed / 1e6, decompressed / 1e6);

    for (int i = 0; i < warmup; i++) {
      workload.ceilingPass();
      workload.pipelinePass();
    }
    double[] ceiling = new double[passes];
    double[] pipeline = new double[passes];
    for (int i = 0; i < passes; i++) {
      ceiling[i] = timed(workload::ceilingPass);
      pipeline[i] = timed(workload::pipelinePass);
    }
    double ceilingSeconds = median(ceiling);
    double pipelineSeconds = median(pipeline);
    System.out.printf(
        "%-34s %14s %12s %18s%n",
        "median of " + passes + " passes", "events/s", "MB/s", "range events/s");
    print("ceiling: gunzip + JSON parse", events, decompressed, ceilingSeconds, ceiling);
    print("pipeline: decode + parse + aggregate", events, decompressed, pipelineSeconds, pipeline);
    System.out.printf(
        "pipeline reaches %.0f%% of the ceiling (target: at least 50%%)%n",
        100 * ceilingSeconds / pipelineSeconds);
    return 0;
  }

  private static void print(
      String name, long events, long bytes, double seconds, double[] allSeconds) {
    double slowest = Arrays.stream(allSeconds).max().orElse(seconds);
    double fastest = Arrays.stream(allSeconds).min().orElse(seconds);
    System.out.printf(
        "%-34s %,14.0f %12.1f %,8.0f-%,-9.0f%n",
        name, events / seconds, bytes / seconds / 1e6, events / slowest, events / fastest);
  }

  private static double timed(Runnable pass) {
    long start = System.nanoTime();
    pass.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The two passes over the same payloads. */
  private static final class Workload {
    private final byte[][] payloads;
    private final SubscriptionEnvelopeDecoder decoder =
        new SubscriptionEnvelopeDecoder(DecoderSettings.defaults());
    private final LogEventParser parser = new LogEventParser(ParserSettings.defaults());
    private final SeriesBuffer buffer = new SeriesBuffer(60_000);
    private byte[] inflated = new byte[1 << 20];

    Workload(byte[][] payloads) {
      this.payloads = payloads;
    }

    /** Gunzips each payload and walks every JSON token, materializing strings. */
    Result ceilingPass() {
      Result result = new Result();
      for (byte[] payload : payloads) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload), 8192)) {
          int length = 0;
          int n;
          while ((n = in.read(inflated, length, inflated.length - length)) > 0) {
            length += n;
            if (length == inflated.length) {
              inflated = Arrays.copyOf(inflated, length * 2);
            }
          }
          result.bytes += length;
          try (JsonParser json = JSON.createParser(inflated, 0, length)) {
            JsonToken token;
            while ((token = json.nextToken()) != null) {
              if (token == JsonToken.VALUE_STRING) {
                result.events += json.getText().length() & 1;
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return result;
    }

    /** Decodes, parses and aggregates each payload as the job does. */
    Result pipelinePass() {
      Result result = new Result();
      DecodeListener listener =
          new DecodeListener() {
            @Override
            public void logEvent(LogEvent event) {
              result.events++;
              buffer.add(parser.parse(event));
            }

            @Override
            public void controlMessage() {}

            @Override
            public void recordRejected(DeadLetterReason reason, String detail) {
              throw new IllegalStateException("generated record rejected: " + detail);
            }

            @Override
            public void eventRejected(RejectedEvent rejected) {
              throw new IllegalStateException("generated event rejected: " + rejected.detail());
            }
          };
      long now = System.currentTimeMillis();
      for (byte[] payload : payloads) {
        decoder.decode(payload, null, now, listener);
      }
      buffer.flushAll(aggregate -> result.bytes += aggregate.logs());
      return result;
    }
  }

  private static final class Result {
    long events;
    long bytes;
  }
}
