package io.logpulse.cloudwatch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import io.logpulse.metrics.LatencySketches;
import io.logpulse.schema.MetricWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a window's delta (see {@code WindowedMetricAggregator.DELTAS}) into CloudWatch datums, one
 * per metric and dimension set of the {@link DimensionPolicy}, all timestamped with the window's
 * start. Every metric is additive, so the deltas of a window's revisions add up in CloudWatch to
 * the window's final values, under any period and any dimension roll-up:
 *
 * <ul>
 *   <li>{@code RequestCount}, {@code LogCount} (Count): statistic sets of n samples of 1, so Sum
 *       and SampleCount are the count;
 *   <li>{@code ErrorCount} (Count): one sample per request, 1 when it failed, so Sum is the error
 *       count and Average the error ratio;
 *   <li>{@code ErrorRate} (Percent): one sample per request, 100 when it failed, so Average is the
 *       error rate in percent, weighted by requests when CloudWatch rolls up windows or accounts;
 *   <li>{@code Latency} (Milliseconds): the DDSketch's buckets as {@code Values}/{@code Counts}
 *       (each bucket's value is within the sketch's 1% relative accuracy of every latency in it),
 *       at most 150 per datum, so CloudWatch computes p50, p99 and any other percentile itself.
 * </ul>
 *
 * Metrics with nothing to count in the delta are not published.
 */
public final class MetricDatumMapper implements FlatMapFunction<MetricWindow, CloudWatchDatum> {

  private final DimensionPolicy policy;

  public MetricDatumMapper(DimensionPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void flatMap(MetricWindow delta, Collector<CloudWatchDatum> out) {
    map(delta).forEach(out::collect);
  }

  /** The datums of one window delta. */
  public List<CloudWatchDatum> map(MetricWindow delta) {
    List<CloudWatchDatum> datums = new ArrayList<>();
    long timestamp = delta.getWindowStart().toEpochMilli();
    long requests = delta.getRequestCount();
    long errors = delta.getErrorCount();
    long logs = delta.getLogCount();
    double[][] buckets = delta.getLatencySketch() == null ? null : buckets(delta);
    for (List<MetricDimension> set : policy.setsFor(delta.getOperation() != null)) {
      List<String[]> dimensions = new ArrayList<>(set.size());
      for (MetricDimension dimension : set) {
        dimensions.add(new String[] {dimension.cloudWatchName(), dimension.valueOf(delta)});
      }
      if (requests > 0) {
        datums.add(count("RequestCount", dimensions, timestamp, requests));
        datums.add(
            CloudWatchDatum.statistics(
                "ErrorCount",
                dimensions,
                timestamp,
                "Count",
                requests,
                errors,
                errors == requests ? 1 : 0,
                errors > 0 ? 1 : 0));
        datums.add(
            CloudWatchDatum.statistics(
                "ErrorRate",
                dimensions,
                timestamp,
                "Percent",
                requests,
                100.0 * errors,
                errors == requests ? 100 : 0,
                errors > 0 ? 100 : 0));
      }
      if (logs > 0) {
        datums.add(count("LogCount", dimensions, timestamp, logs));
      }
      if (buckets != null) {
        for (int from = 0; from < buckets[0].length; from += CloudWatchDatum.MAX_VALUES) {
          int to = Math.min(buckets[0].length, from + CloudWatchDatum.MAX_VALUES);
          datums.add(
              CloudWatchDatum.distribution(
                  "Latency",
                  dimensions,
                  timestamp,
                  Arrays.copyOfRange(buckets[0], from, to),
                  Arrays.copyOfRange(buckets[1], from, to)));
        }
      }
    }
    return datums;
  }

  private static CloudWatchDatum count(
      String name, List<String[]> dimensions, long timestamp, long n) {
    return CloudWatchDatum.statistics(name, dimensions, timestamp, "Count", n, n, 1, 1);
  }

  /** The sketch's non-empty buckets as {values, counts}, ascending; null when it is empty. */
  private static double[][] buckets(MetricWindow delta) {
    DDSketch sketch = LatencySketches.decode(delta.getLatencySketch());
    if (sketch.isEmpty()) {
      return null;
    }
    IndexMapping mapping = sketch.getIndexMapping();
    List<double[]> bins = new ArrayList<>();
    double zeros = sketch.getCount() - sketch.getPositiveValueStore().getTotalCount();
    if (zeros > 0) {
      bins.add(new double[] {0, zeros});
    }
    Iterator<Bin> ascending = sketch.getPositiveValueStore().getAscendingIterator();
    while (ascending.hasNext()) {
      Bin bin = ascending.next();
      bins.add(new double[] {mapping.value(bin.getIndex()), bin.getCount()});
    }
    double[][] result = new double[2][bins.size()];
    for (int i = 0; i < bins.size(); i++) {
      result[0][i] = bins.get(i)[0];
      result[1][i] = bins.get(i)[1];
    }
    return result;
  }
}
