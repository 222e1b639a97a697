package io.logpulse.kinesis;

import io.logpulse.aws.AwsErrors;
import io.logpulse.common.JobMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-shard reader metrics in the {@code kinesisanalytics} group with a {@code ShardId} dimension:
 * how far behind the tip the shard is, what was read, and the failed calls the reader rode out:
 * throttled, timed out, and other transient errors (server errors, broken connections), each
 * counted once.
 */
final class ShardMetrics {

  private final Counter records;
  private final Counter bytes;
  private final Counter throttles;
  private final Counter timeouts;
  private final Counter transientErrors;
  private final MetricGroup group;
  private final ReaderLag lag;
  private final String shardId;
  private volatile long millisBehindLatest = -1;

  ShardMetrics(MetricGroup readerGroup, String shardId, ReaderLag lag) {
    group = readerGroup.addGroup(JobMetrics.GROUP).addGroup("ShardId", shardId);
    this.lag = lag;
    this.shardId = shardId;
    records = group.counter("recordsRead");
    bytes = group.counter("bytesRead");
    throttles = group.counter("throttledCalls");
    timeouts = group.counter("timedOutCalls");
    transientErrors = group.counter("transientErrors");
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

  /** Counts a failed call that is tried again, by its kind. */
  void failed(AwsErrors.Kind kind) {
    switch (kind) {
      case THROTTLED -> throttles.inc();
      case TIMEOUT -> timeouts.inc();
      default -> transientErrors.inc();
    }
  }

  /** Publishes the shard's current GetRecords limit (polling only). */
  void batchLimit(BatchLimit limit) {
    group.gauge("getRecordsLimit", limit::limit);
  }
}
