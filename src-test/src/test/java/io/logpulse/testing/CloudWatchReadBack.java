package io.logpulse.testing;

import io.logpulse.cloudwatch.CloudWatchClients;
import io.logpulse.cloudwatch.CloudWatchSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Reads metrics back from a CloudWatch endpoint with GetMetricStatistics, summed over time. */
public final class CloudWatchReadBack implements AutoCloseable {

  private final CloudWatchClient client;
  private final String namespace;

  public CloudWatchReadBack(CloudWatchSettings settings) {
    this.client = CloudWatchClients.create(settings);
    this.namespace = settings.namespace();
  }

  /**
   * One metric's statistics between two instants, over all its datapoints.
   *
   * @param sampleCount total SampleCount
   * @param sum total Sum
   * @param minimum smallest Minimum, NaN without data
   * @param maximum largest Maximum, NaN without data
   * @param datapoints how many one-minute datapoints there were
   */
  public record Totals(
      double sampleCount, double sum, double minimum, double maximum, int datapoints) {}

  /** The metric's totals with exactly these dimensions (name to value, in any order). */
  public Totals totals(String metric, Map<String, String> dimensions, Instant from, Instant to) {
    List<Dimension> filter = new ArrayList<>();
    dimensions.forEach(
        (name, value) -> filter.add(Dimension.builder().name(name).value(value).build()));
    List<Datapoint> datapoints =
        client
            .getMetricStatistics(
                r ->
                    r.namespace(namespace)
                        .metricName(metric)
                        .dimensions(filter)
                        .startTime(from)
                        .endTime(to)
                        .period(60)
                        .statistics(
                            Statistic.SAMPLE_COUNT,
                            Statistic.SUM,
                            Statistic.MINIMUM,
                            Statistic.MAXIMUM))
            .datapoints();
    double sampleCount = 0;
    double sum = 0;
    double minimum = Double.NaN;
    double maximum = Double.NaN;
    for (Datapoint point : datapoints) {
      sampleCount += point.sampleCount();
      sum += point.sum();
      minimum = Double.isNaN(minimum) ? point.minimum() : Math.min(minimum, point.minimum());
      maximum = Double.isNaN(maximum) ? point.maximum() : Math.max(maximum, point.maximum());
    }
    return new Totals(sampleCount, sum, minimum, maximum, datapoints.size());
  }

  @Override
  public void close() {
    client.close();
  }
}
