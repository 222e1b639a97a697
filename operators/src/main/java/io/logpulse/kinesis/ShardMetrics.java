package io.logpulse.kinesis;

import io.logpulse.common.JobMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-shard reader metrics in the {@code kinesisanalytics} group with a {@code ShardId} dimension:
 * how far behind the tip the shard is, what was read, and how often Kinesis throttled.
 */
final class ShardMetrics {

  private final Counter records;
  private final Counter bytes;
  private final Counter throttles;
  private final ReaderLag lag;
  private final String shardId;
  private volatile long millisBehindLatest = -1;

  ShardMetrics(MetricGroup readerGroup, String shardId, ReaderLag lag) {
    MetricGroup group = readerGroup.addGroup(JobMetrics.GROUP).addGroup("ShardId", shardId);
    this.lag = lag;
    this.shardId = shardId;
    records = group.counter("recordsRead");
    bytes = group.counter("bytesRead");
    throttles = group.counter("throttledCalls");
    group.gauge("millisBehindLatest", () -> millisBehindLatest);
  }

  void read(int count, long byteCount, Long behind) {
    records.inc(count);
    bytes.inc(byteCount);
    if (behind != null) {
      millisBehindLatest = behind;
      lag.update(shardId, behind);
    }
  }

  /** The shard is done: it no longer counts towards the reader's lag. */
  void finished() {
    lag.remove(shardId);
  }

  void throttled() {
    throttles.inc();
  }
}
