package io.logpulse.impact;

import io.logpulse.config.ImpactOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.metrics.LatencySketches;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.MetricWindow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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
 * What judging impact costs per whole-service window: decoding its latency sketch and judging it
 * ({@code judgeWindow}; a window with a p99 over the latency floor also pays the slow-request
 * count), and the state a service takes. Not part of the test run; see the README for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ImpactBenchmark {

  private static final long MINUTE = 60_000;

  private final ImpactJudge judge =
      new ImpactJudge(
          ImpactOptions.settings(LogpulseConfig.of(Map.of(), ImpactOptions.ALL)), MINUTE);
  private final List<MetricWindow> windows = new ArrayList<>();
  private ImpactState state;
  private int next;
  private long start;

  @Setup(Level.Trial)
  public void warmUp() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1_000; i++) {
      // Every tenth window has a few very slow requests, so its p99 is over the latency floor.
      windows.add(window(i * MINUTE, 500, i % 10 == 0 ? 8 : 0, random));
    }
    state = new ImpactState();
    for (MetricWindow window : windows) {
      judge.judge(state, "111111111111", "checkout", ServiceWindow.of(window));
    }
    start = windows.size() * MINUTE;
  }

  /** One window of 500 requests: its sketch decoded, then judged. */
  @Benchmark
  public List<Anomaly> judgeWindow() {
    MetricWindow window = windows.get(next++ % windows.size());
    start += MINUTE;
    window.setWindowStart(java.time.Instant.ofEpochMilli(start));
    return judge.judge(state, "111111111111", "checkout", ServiceWindow.of(window));
  }

  static MetricWindow window(long start, int requests, int slow, SplittableRandom random) {
    var sketch = LatencySketches.create();
    for (int i = 0; i < requests; i++) {
      double latency = 80 * Math.exp(0.5 * random.nextGaussian());
      sketch.accept(i < slow ? latency * 20 : latency);
    }
    return MetricWindow.newBuilder()
        .setAccount("111111111111")
        .setService("checkout")
        .setWindowStart(java.time.Instant.ofEpochMilli(start))
        .setWindowEnd(java.time.Instant.ofEpochMilli(start + MINUTE))
        .setRevision(0)
        .setRequestCount(requests)
        .setErrorCount(1)
        .setLogCount(requests)
        .setErrorLogCount(1)
        .setLevelCounts(Map.of())
        .setColdStarts(0)
        .setLatencyCount(requests)
        .setLatencyP99Ms(sketch.getValueAtQuantile(0.99))
        .setLatencySumMs(0)
        .setLatencySketch(ByteBuffer.wrap(LatencySketches.encode(sketch)))
        .build();
  }

  /** Bytes of one service's state as Flink's POJO serializer writes it. */
  static int stateBytes(ImpactState state) throws Exception {
    TypeSerializer<ImpactState> serializer =
        TypeInformation.of(ImpactState.class)
            .createSerializer(new ExecutionConfig().getSerializerConfig());
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(state, out);
    return out.length();
  }

  public static void main(String[] args) throws Exception {
    ImpactBenchmark benchmark = new ImpactBenchmark();
    benchmark.warmUp();
    System.out.printf("state per service: %d bytes%n", stateBytes(benchmark.state));
    new Runner(new OptionsBuilder().include(ImpactBenchmark.class.getSimpleName()).build()).run();
  }
}
