package io.logpulse.impact;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.logpulse.config.ImpactOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.metrics.LatencySketches;
import io.logpulse.schema.MetricWindow;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/** Impact settings as the job reads them, and whole-service windows to judge. */
final class ImpactFixtures {

  static final long MINUTE = 60_000;
  static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private ImpactFixtures() {}

  /** The deployed defaults, with {@code overrides}. */
  static ImpactSettings settings(Map<String, String> overrides) {
    return ImpactOptions.settings(LogpulseConfig.of(overrides, ImpactOptions.ALL));
  }

  /**
   * A window of {@code requests} requests, {@code failed} of them failed, with log-normal latencies
   * around {@code medianMs} (sigma 0.4, so p99 is about 2.5 times the median), {@code slow} of them
   * {@code slowFactor} times slower.
   */
  static ServiceWindow window(
      long start,
      long requests,
      long failed,
      double medianMs,
      long slow,
      double slowFactor,
      SplittableRandom random) {
    DDSketch sketch = LatencySketches.create();
    for (long i = 0; i < requests; i++) {
      double latency = medianMs * Math.exp(0.4 * gaussian(random));
      sketch.accept(i < slow ? latency * slowFactor : latency);
    }
    double p99 = requests == 0 ? Double.NaN : sketch.getValueAtQuantile(0.99);
    return new ServiceWindow(
        start, requests, failed, requests, failed, requests, p99, requests == 0 ? null : sketch);
  }

  /** The whole-service metric window of {@code service} with these counts and no latencies. */
  static MetricWindow metricWindow(String service, long start, long requests, long failed) {
    return MetricWindow.newBuilder()
        .setAccount("111111111111")
        .setService(service)
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(start + MINUTE))
        .setRevision(0)
        .setRequestCount(requests)
        .setErrorCount(failed)
        .setErrorRate(requests == 0 ? null : (double) failed / requests)
        .setLogCount(requests)
        .setErrorLogCount(failed)
        .setLevelCounts(Map.of())
        .setColdStarts(0)
        .setLatencyCount(0)
        .setLatencySumMs(0)
        .build();
  }

  /** A window of a service that logs no requests: {@code logs} events, {@code errors} errors. */
  static ServiceWindow logsOnly(long start, long logs, long errors) {
    return new ServiceWindow(start, 0, 0, logs, errors, 0, Double.NaN, null);
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
