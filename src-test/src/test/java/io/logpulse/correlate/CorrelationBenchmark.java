package io.logpulse.correlate;

import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Suspect;
import io.logpulse.testing.DeployedSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What correlation costs: ranking one change against one incident (an incident opening in an
 * account with {@code n} changes in its horizon pays {@code n} of these), and the state a change
 * takes per account. Not part of the test run; see the README for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CorrelationBenchmark {

  private static final long T = 1_767_225_600_000L;

  private final SuspectRanker ranker = new SuspectRanker(DeployedSettings.correlate());
  private final List<ChangeEvent> changes = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void changes() {
    for (int i = 0; i < 1_000; i++) {
      changes.add(change(i).build());
    }
  }

  static ChangeEvent.Builder change(int i) {
    return Changes.deploy(
        "3f1c2e8b-7d4f-40a1-b2c3-" + String.format("%012d", i),
        Changes.SHOP,
        T - (i % 30) * 60_000L,
        "arn:aws:lambda:eu-west-1:111111111111:function:service-" + (i % 40),
        "artifacts-example/service-" + (i % 40) + "/build.zip");
  }

  /** One change ranked against an incident of one of the 40 services. */
  @Benchmark
  public Suspect rankOne() {
    ChangeEvent change = changes.get(next++ % changes.size());
    return ranker.rank(change, "service-" + (next % 40), T);
  }

  /** Avro binary size of a typical change, as keyed state holds it. */
  static int serializedBytes(SpecificRecord record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return bytes.size();
  }

  public static void main(String[] args) throws Exception {
    ChangeEvent change = change(7).build();
    System.out.printf(
        "one change in state: %d bytes (Avro binary); %d changes per account: %d KB%n",
        serializedBytes(change),
        DeployedSettings.correlate().maxChangesPerAccount(),
        serializedBytes(change) * DeployedSettings.correlate().maxChangesPerAccount() / 1024);
    new Runner(new OptionsBuilder().include(CorrelationBenchmark.class.getSimpleName()).build())
        .run();
  }
}
