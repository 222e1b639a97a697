package io.logpulse.kinesis;

import io.logpulse.common.JobMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.MetricGroup;

/**
 * The reader's {@code millisBehindLatest} without a shard dimension: the largest lag among its
 * shards, which an alarm on the application's dimensions alone can watch.
 */
final class ReaderLag {

  private final Map<String, Long> byShard = new ConcurrentHashMap<>();

  ReaderLag(MetricGroup readerGroup) {
    readerGroup
        .addGroup(JobMetrics.GROUP)
        .gauge(
            "millisBehindLatest",
            () -> byShard.values().stream().mapToLong(Long::longValue).max().orElse(0L));
  }

  void update(String shardId, long millisBehindLatest) {
    byShard.put(shardId, millisBehindLatest);
  }

  void remove(String shardId) {
    byShard.remove(shardId);
  }
}
