package io.logpulse.bench;

import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.DetectorKind;
import io.logpulse.detect.MetricKind;
import io.logpulse.detect.SeriesDetector;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-value cost of each detector alone and of the ensemble, on a warmed-up error-rate series, both
 * in memory ({@code update}) and the way the Flink operator pays it ({@code stateRoundTrip}:
 * restore from bytes, update, write back). Not part of the test run; see the README for the
 * command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DetectorBenchmark {

  @Param({"seasonal", "rcf", "burn-rate", "change-point", "ensemble"})
  public String detector;

  private SeriesDetector series;
  private DetectSettings settings;
  private byte[] state;
  private long time;
  private final SplittableRandom random = new SplittableRandom(1);

  @Setup(Level.Trial)
  public void warmUp() {
    DetectSettings all = DetectSettings.defaults();
    settings =
        detector.equals("ensemble")
            ? all
            : all.withDetectors(EnumSet.of(DetectorKind.ofConfigName(detector)));
    series = SeriesDetector.create(MetricKind.ERROR_RATE, settings, 1);
    time = 1_767_571_200_000L;
    for (int i = 0; i < 2_000; i++) {
      series.update(next(), value(), 500);
    }
    state = series.toBytes();
  }

  private long next() {
    time += 60_000L;
    return time;
  }

  private double value() {
    return Math.max(0, 0.002 + 0.0005 * random.nextGaussian());
  }

  @Benchmark
  public SeriesDetector.Result update() {
    return series.update(next(), value(), 500);
  }

  @Benchmark
  public byte[] stateRoundTrip() {
    SeriesDetector restored = SeriesDetector.fromBytes(state, MetricKind.ERROR_RATE, settings, 1);
    restored.update(next(), value(), 500);
    state = restored.toBytes();
    return state;
  }

  /** Runs the benchmark and then prints the state bytes per series per detector. */
  public static void main(String[] args) throws Exception {
    new Runner(new OptionsBuilder().include(DetectorBenchmark.class.getSimpleName()).build()).run();
    DetectorBenchmark sizes = new DetectorBenchmark();
    sizes.detector = "ensemble";
    sizes.warmUp();
    System.out.println("state bytes per detector: " + sizes.series.stateBytesByDetector());
    System.out.println("state bytes of the ensemble: " + sizes.state.length);
  }
}
