package io.logpulse.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpulse.job.JobSinks;
import io.logpulse.testing.CloudWatchReadBack;
import io.logpulse.testing.CloudWatchReadBack.Totals;
import io.logpulse.testing.FaultInjectingProxy;
import io.logpulse.testing.MotoServer;
import io.logpulse.testing.RecentWorkload;
import io.logpulse.testing.RecentWorkload.Expected;
import io.logpulse.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job publishing to moto_server: what GetMetricData reads back equals what the input holds,
 * counted independently (counts exactly, latency sums and maxima within the sketch's 1%), for the
 * per-account and the rolled-up per-service dimension sets, including late corrections (published
 * as deltas), across a restart from a checkpoint in on-checkpoint mode, and across a CloudWatch
 * endpoint answering 5xx and throttling for a while, in both delivery modes (immediate delivery
 * repeats datums only across restarts, and the fault tests have none). Under faults the proxy also
 * checks that no request body CloudWatch accepted was sent again, whichever layer (our retries, the
 * SDK, the HTTP client) would re-send it.
 */
class CloudWatchSinkITCase {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  @TempDir Path dir;

  private static CloudWatchSettings settings(
      String endpoint, String namespace, Delivery delivery, Path markers) {
    return new CloudWatchSettings(
        endpoint,
        null,
        namespace,
        DimensionPolicy.parse(DimensionPolicy.DEFAULT),
        delivery,
        1000,
        2,
        6,
        Duration.ofMillis(50),
        Duration.ofMillis(500),
        Duration.ofMinutes(2),
        markers.toUri().toString());
  }

  @Test
  @Timeout(180)
  void onCheckpointDeliveryPublishesEveryDatumOnceAcrossARestartFromACheckpoint() throws Exception {
    RecentWorkload workload = new RecentWorkload(1);
    CloudWatchSettings settings =
        settings(MOTO.endpoint(), "on-checkpoint", Delivery.ON_CHECKPOINT, dir.resolve("markers"));
    Path out = dir.resolve("out");

    TestJobs.run(
        TestJobs.config(Map.of()),
        workload.source(120, workload.records().size() / 2),
        JobSinks.parquet(out.toUri().toString(), "part", 1L << 27, 900_000)
            .withCloudWatch(settings));

    assertThat(RecentWorkload.INJECTED_FAILURES.get()).isEqualTo(1);
    assertReadBackEqualsInput(settings, workload);
  }

  @Test
  @Timeout(180)
  void throttlingAndServerErrorsForAWhileLoseAndRepeatNothingAndTheJobRecoversOnItsOwn()
      throws Exception {
    RecentWorkload workload = new RecentWorkload(2);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(MOTO.endpoint())) {
      proxy.failNext(15);

      TestJobs.run(
          TestJobs.config(Map.of()),
          workload.source(120, -1),
          JobSinks.parquet(dir.resolve("out").toUri().toString(), "part", 1L << 27, 900_000)
              .withCloudWatch(
                  settings(
                      proxy.endpoint(), "faults", Delivery.ON_CHECKPOINT, dir.resolve("markers"))));

      assertThat(proxy.failed()).isEqualTo(15);
      assertThat(proxy.bodiesAcceptedMoreThanOnce())
          .as("requests CloudWatch accepted twice")
          .isEmpty();
      assertReadBackEqualsInput(
          settings(MOTO.endpoint(), "faults", Delivery.ON_CHECKPOINT, dir), workload);
    }
  }

  @Test
  @Timeout(180)
  void immediateDeliveryThroughFaultsWithoutARestartLosesAndRepeatsNothing() throws Exception {
    RecentWorkload workload = new RecentWorkload(3);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(MOTO.endpoint())) {
      proxy.failNext(15);

      TestJobs.run(
          TestJobs.config(Map.of()),
          workload.source(120, -1),
          JobSinks.parquet(dir.resolve("out").toUri().toString(), "part", 1L << 27, 900_000)
              .withCloudWatch(settings(proxy.endpoint(), "immediate", Delivery.IMMEDIATE, dir)));

      assertThat(proxy.failed()).isEqualTo(15);
      assertThat(proxy.bodiesAcceptedMoreThanOnce())
          .as("requests CloudWatch accepted twice")
          .isEmpty();
      assertReadBackEqualsInput(
          settings(MOTO.endpoint(), "immediate", Delivery.IMMEDIATE, dir), workload);
    }
  }

  private static void assertReadBackEqualsInput(
      CloudWatchSettings settings, RecentWorkload workload) {
    Instant from = workload.start();
    Instant to = workload.end();
    try (CloudWatchReadBack readBack = new CloudWatchReadBack(settings)) {
      for (String service : RecentWorkload.SERVICES) {
        for (String account : RecentWorkload.ACCOUNTS) {
          Map<String, String> dimensions = Map.of("Account", account, "Service", service);
          assertSeries(readBack, dimensions, workload.total(account, service), from, to);
        }
        assertSeries(readBack, Map.of("Service", service), workload.total(null, service), from, to);
      }
    }
  }

  private static void assertSeries(
      CloudWatchReadBack readBack,
      Map<String, String> dimensions,
      Expected expected,
      Instant from,
      Instant to) {
    String series = dimensions.toString();
    Totals requests = readBack.totals("RequestCount", dimensions, from, to);
    assertThat(requests.sum()).as(series + " RequestCount").isEqualTo(expected.requests);
    assertThat(requests.datapoints()).as(series + " windows").isEqualTo(6);
    Totals errors = readBack.totals("ErrorCount", dimensions, from, to);
    assertThat(errors.sum()).as(series + " ErrorCount").isEqualTo(expected.errors);
    assertThat(errors.sampleCount())
        .as(series + " ErrorCount samples")
        .isEqualTo(expected.requests);
    Totals rate = readBack.totals("ErrorRate", dimensions, from, to);
    assertThat(rate.sum() / rate.sampleCount())
        .as(series + " ErrorRate average")
        .isCloseTo(100.0 * expected.errors / expected.requests, within(1e-9));
    Totals latency = readBack.totals("Latency", dimensions, from, to);
    assertThat(latency.sampleCount()).as(series + " Latency count").isEqualTo(expected.requests);
    assertThat(latency.sum())
        .as(series + " Latency sum")
        .isCloseTo(expected.latencySum, within(expected.latencySum * 0.01));
    assertThat(latency.maximum())
        .as(series + " Latency max")
        .isCloseTo(expected.latencyMax, within(expected.latencyMax * 0.01));
  }
}
