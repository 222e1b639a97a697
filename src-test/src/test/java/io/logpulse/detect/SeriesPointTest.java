package io.logpulse.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.metrics.SeriesAggregate;
import io.logpulse.schema.MetricWindow;
import io.logpulse.testing.ServiceEvents;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which values of a window reach the detectors. */
class SeriesPointTest {

  private static MetricWindow windowWithRequests(int requests, int revision) {
    SeriesAggregate aggregate = new SeriesAggregate("111111111111", "checkout", null, 0L);
    for (int i = 0; i < requests; i++) {
      aggregate.add(ServiceEvents.request("checkout", i, 10 + i));
    }
    return aggregate.toMetricWindow(60_000L, revision);
  }

  @Test
  void p99FromTooFewLatenciesIsLeftOutButTheErrorRateIsKept() {
    var points =
        SeriesPoint.of(
            windowWithRequests(10, 0), Set.of(MetricKind.LATENCY_P99, MetricKind.ERROR_RATE), 50);

    assertThat(points).extracting(SeriesPoint::metric).containsExactly(MetricKind.ERROR_RATE);
  }

  @Test
  void p99FromEnoughLatenciesIsScoredWithItsSampleCountAsWeight() {
    var points = SeriesPoint.of(windowWithRequests(60, 0), Set.of(MetricKind.LATENCY_P99), 50);

    assertThat(points).singleElement().satisfies(p -> assertThat(p.weight()).isEqualTo(60.0));
  }

  @Test
  void correctionsAreNotScoredAgain() {
    assertThat(SeriesPoint.of(windowWithRequests(60, 1), Set.of(MetricKind.LATENCY_P99), 50))
        .isEmpty();
  }
}
