package io.logpulse.testing;

import io.logpulse.cloudwatch.CloudWatchClients;
import io.logpulse.cloudwatch.CloudWatchSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/** Reads metrics back from a CloudWatch endpoint with GetMetricData, summed over time. */
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

  /**
   * The metric's totals with exactly these dimensions (name to value, in any order), read with
   * GetMetricData, which matches dimension sets exactly (moto's GetMetricStatistics also matches
   * datums that carry more dimensions).
   */
  public Totals totals(String metric, Map<String, String> dimensions, Instant from, Instant to) {
    List<Dimension> filter = new ArrayList<>();
    dimensions.forEach(
        (name, value) -> filter.add(Dimension.builder().name(name).value(value).build()));
    List<String> statistics = List.of("SampleCount", "Sum", "Minimum", "Maximum");
    List<MetricDataQuery> queries = new ArrayList<>();
    for (String statistic : statistics) {
      queries.add(
          MetricDataQuery.builder()
              .id(statistic.toLowerCase(Locale.ROOT))
              .metricStat(
                  s ->
                      s.metric(m -> m.namespace(namespace).metricName(metric).dimensions(filter))
                          .period(60)
                          .stat(statistic))
              .build());
    }
    Map<String, List<Double>> values = new HashMap<>();
    for (MetricDataResult result :
        client
            .getMetricData(r -> r.metricDataQueries(queries).startTime(from).endTime(to))
            .metricDataResults()) {
      values.put(result.id(), result.values());
    }
    List<Double> sums = values.get("sum");
    return new Totals(
        values.get("samplecount").stream().mapToDouble(Double::doubleValue).sum(),
        sums.stream().mapToDouble(Double::doubleValue).sum(),
        values.get("minimum").stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
        values.get("maximum").stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
        sums.size());
  }

  @Override
  public void close() {
    client.close();
  }
}
