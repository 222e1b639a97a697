package io.logpulse.cloudwatch;

import static io.logpulse.testing.ServiceEvents.failedRequest;
import static io.logpulse.testing.ServiceEvents.logLine;
import static io.logpulse.testing.ServiceEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.logpulse.metrics.LatencySketches;
import io.logpulse.metrics.SeriesAggregate;
import io.logpulse.schema.MetricWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricDatumMapperTest {

  private static final long MINUTE = 60_000L;
  private static final long T0 = 1_763_700_000_000L - 1_763_700_000_000L % MINUTE;
  private static final String ACCOUNT = "111111111111";

  private static MetricDatumMapper mapper(String policy) {
    return new MetricDatumMapper(DimensionPolicy.parse(policy));
  }

  private static List<String> dimensionSets(List<CloudWatchDatum> datums) {
    return datums.stream().map(d -> String.join(",", d.dimensionNames)).distinct().toList();
  }

  private static List<CloudWatchDatum> named(List<CloudWatchDatum> datums, String metric) {
    return datums.stream().filter(d -> d.metricName.equals(metric)).toList();
  }

  @Test
  void aServiceWindowIsPublishedUnderEverySetWithoutOperationAndOnlyThose() {
    SeriesAggregate window = new SeriesAggregate(ACCOUNT, "checkout", null, T0);
    window.add(request("checkout", T0 + 1, 10));

    List<CloudWatchDatum> datums =
        mapper("Account,Service;Service;Account,Service,Operation")
            .map(window.toMetricWindow(MINUTE, 0));

    assertThat(dimensionSets(datums)).containsExactly("Account,Service", "Service");
    assertThat(datums)
        .filteredOn(d -> d.dimensionNames.length == 2)
        .allSatisfy(d -> assertThat(d.dimensionValues).containsExactly(ACCOUNT, "checkout"));
    assertThat(datums).allSatisfy(d -> assertThat(d.timestamp).isEqualTo(T0));
  }

  @Test
  void anOperationWindowIsPublishedOnlyUnderSetsWithOperation() {
    SeriesAggregate window = new SeriesAggregate(ACCOUNT, "checkout", "GET /cart", T0);
    window.add(request("checkout", T0 + 1, 10));
    MetricWindow delta = window.toMetricWindow(MINUTE, 0);

    List<CloudWatchDatum> datums = mapper("Service;Account,Service,Operation").map(delta);

    assertThat(dimensionSets(datums)).containsExactly("Account,Service,Operation");
    assertThat(datums)
        .allSatisfy(
            d -> assertThat(d.dimensionValues).containsExactly(ACCOUNT, "checkout", "GET /cart"));
    assertThat(mapper(DimensionPolicy.DEFAULT).map(delta))
        .as("the default policy publishes no operations")
        .isEmpty();
  }

  @Test
  void countsAreStatisticSetsWhoseSumsAreTheCounts() {
    SeriesAggregate window = new SeriesAggregate(ACCOUNT, "checkout", null, T0);
    for (int i = 0; i < 7; i++) {
      window.add(request("checkout", T0 + i, 10));
    }
    window.add(failedRequest("checkout", T0 + 8, 10));
    window.add(failedRequest("checkout", T0 + 9, 10));
    window.add(logLine("checkout", T0 + 10, "WARN"));

    List<CloudWatchDatum> datums = mapper("Service").map(window.toMetricWindow(MINUTE, 0));

    assertThat(named(datums, "RequestCount"))
        .singleElement()
        .satisfies(d -> assertStatistics(d, "Count", 9, 9, 1, 1));
    assertThat(named(datums, "ErrorCount"))
        .singleElement()
        .satisfies(d -> assertStatistics(d, "Count", 9, 2, 0, 1));
    assertThat(named(datums, "ErrorRate"))
        .singleElement()
        .satisfies(d -> assertStatistics(d, "Percent", 9, 200, 0, 100));
    assertThat(named(datums, "LogCount"))
        .singleElement()
        .satisfies(d -> assertStatistics(d, "Count", 10, 10, 1, 1));
  }

  private static void assertStatistics(
      CloudWatchDatum datum, String unit, double n, double sum, double min, double max) {
    assertThat(datum.isDistribution()).isFalse();
    assertThat(datum.unit).isEqualTo(unit);
    assertThat(new double[] {datum.sampleCount, datum.sum, datum.minimum, datum.maximum})
        .containsExactly(n, sum, min, max);
  }

  @Test
  void latencyIsTheSketchsBucketsAtMost150ValuesPerDatumFromWhichPercentilesFollowWithin1Percent() {
    SeriesAggregate window = new SeriesAggregate(ACCOUNT, "checkout", null, T0);
    SplittableRandom random = new SplittableRandom(7);
    double[] latencies = new double[20_000];
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = i < 20 ? 0 : Math.exp(random.nextDouble(Math.log(0.5), Math.log(60_000)));
      window.add(request("checkout", T0 + i % MINUTE, latencies[i]));
    }
    MetricWindow delta = window.toMetricWindow(MINUTE, 0);
    DDSketch sketch = LatencySketches.decode(delta.getLatencySketch());

    List<CloudWatchDatum> latency = named(mapper("Service").map(delta), "Latency");

    assertThat(latency).hasSizeGreaterThan(2);
    assertThat(latency)
        .allSatisfy(
            d -> {
              assertThat(d.isDistribution()).isTrue();
              assertThat(d.unit).isEqualTo("Milliseconds");
              assertThat(d.values).hasSizeBetween(1, 150).hasSameSizeAs(d.counts);
            });
    assertThat(latency.subList(0, latency.size() - 1))
        .allSatisfy(d -> assertThat(d.values).hasSize(150));
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (CloudWatchDatum datum : latency) {
      for (int i = 0; i < datum.values.length; i++) {
        assertThat(buckets.put(datum.values[i], datum.counts[i])).as("value split twice").isNull();
      }
    }
    assertThat(buckets.values().stream().mapToDouble(Double::doubleValue).sum())
        .isEqualTo(latencies.length);
    Arrays.sort(latencies);
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      double published = valueAtQuantile(buckets, q);
      double exact = latencies[(int) (q * (latencies.length - 1))];
      assertThat(published)
          .as("p%s against the sketch", q * 100)
          .isCloseTo(sketch.getValueAtQuantile(q), within(0.01 * sketch.getValueAtQuantile(q)));
      assertThat(published)
          .as("p%s against the input", q * 100)
          .isCloseTo(exact, within(0.01 * exact));
    }
  }

  /** What CloudWatch computes from Values/Counts: the value at rank q × (n - 1). */
  private static double valueAtQuantile(TreeMap<Double, Double> buckets, double q) {
    double n = buckets.values().stream().mapToDouble(Double::doubleValue).sum();
    double rank = q * (n - 1);
    double seen = 0;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      seen += bucket.getValue();
      if (seen > rank) {
        return bucket.getKey();
      }
    }
    throw new AssertionError("rank " + rank + " beyond " + n);
  }

  @Test
  void aDeltaWithoutRequestsOrLatenciesPublishesOnlyItsLogCount() {
    SeriesAggregate window = new SeriesAggregate(ACCOUNT, "checkout", null, T0);
    window.add(logLine("checkout", T0 + 1, "INFO"));

    List<CloudWatchDatum> datums =
        mapper(DimensionPolicy.DEFAULT).map(window.toMetricWindow(MINUTE, 1));

    assertThat(datums).extracting(d -> d.metricName).containsOnly("LogCount").hasSize(2);
    assertThat(new ArrayList<>(datums)).allSatisfy(d -> assertThat(d.sum).isEqualTo(1));
  }
}
