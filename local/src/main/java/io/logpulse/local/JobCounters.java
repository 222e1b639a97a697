package io.logpulse.local;

import io.logpulse.common.JobMetrics;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Sums the job's own counters (the {@code kinesisanalytics} group, the same ones Managed Service
 * for Apache Flink forwards to CloudWatch) across subtasks, so the local console shows what a
 * deployed job would report. Flink instantiates the reporter inside the MiniCluster, in this JVM;
 * the runner reads the totals through the static {@link #totals()}.
 */
public final class JobCounters implements MetricReporter {

  private static final Map<String, Map<Counter, Boolean>> LIVE = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> RETIRED = new ConcurrentHashMap<>();

  /** Forgets everything counted so far, before a new run. */
  public static void reset() {
    LIVE.clear();
    RETIRED.clear();
  }

  /**
   * Current totals by counter name; dead letters both as {@code deadLetters} and per reason as
   * {@code deadLetters.<REASON>}.
   */
  public static Map<String, Long> totals() {
    Map<String, Long> totals = new TreeMap<>();
    RETIRED.forEach((name, value) -> totals.merge(name, value.get(), Long::sum));
    LIVE.forEach(
        (name, counters) ->
            counters.keySet().forEach(c -> totals.merge(name, c.getCount(), Long::sum)));
    return totals;
  }

  /** The current total of one counter. */
  public static long total(String name) {
    return totals().getOrDefault(name, 0L);
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    String name = name(metricName, group);
    if (name != null && metric instanceof Counter counter) {
      LIVE.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(counter, Boolean.TRUE);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    String name = name(metricName, group);
    if (name != null && metric instanceof Counter counter) {
      Map<Counter, Boolean> counters = LIVE.get(name);
      if (counters != null && counters.remove(counter) != null) {
        RETIRED.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(counter.getCount());
      }
    }
  }

  private static String name(String metricName, MetricGroup group) {
    String[] scope = group.getScopeComponents();
    int index = Arrays.asList(scope).indexOf(JobMetrics.GROUP);
    if (index < 0) {
      return null;
    }
    StringBuilder name = new StringBuilder(metricName);
    for (int i = index + 1; i < scope.length; i++) {
      if (!scope[i].equals("Reason")) {
        name.append('.').append(scope[i]);
      }
    }
    return name.toString();
  }

  /** Creates the reporter; named in the MiniCluster's configuration. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(java.util.Properties properties) {
      return new JobCounters();
    }
  }
}
