package io.logpulse.kinesis;

import io.logpulse.aws.AwsErrors;
import io.logpulse.aws.AwsService;
import io.logpulse.schema.SourceRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads the shards assigned to one subtask with GetRecords. Each shard is called at most once per
 * {@code pollInterval} (Kinesis allows 5 calls/s per shard, shared by all polling consumers), less
 * often while it is empty; the batch size adapts as {@link BatchLimit} says, shrinking when a call
 * times out; throttling, timeouts and other transient errors back off per shard exponentially with
 * full jitter and are counted in {@link ShardMetrics}; errors that cannot heal fail the job without
 * restarts ({@link AwsErrors}); an expired iterator is renewed after the last record read. A shard
 * is finished when Kinesis says it is closed and read, or, in bounded mode, when the read caught up
 * with the tip or passed the bound.
 */
final class PollingShardReader implements SplitReader<SourceRecord, KinesisShardSplit> {

  private static final Logger LOG = LoggerFactory.getLogger(PollingShardReader.class);

  private final KinesisSourceSettings settings;
  private final KinesisClient client;
  private final MetricGroup metricGroup;
  private final ReaderLag lag;
  private final Map<String, ShardCursor> cursors = new HashMap<>();
  private final Deque<String> order = new ArrayDeque<>();
  private final Object wakeUp = new Object();
  private boolean wakeUpRequested;

  PollingShardReader(KinesisSourceSettings settings, KinesisClient client, MetricGroup group) {
    this.settings = settings;
    this.client = client;
    this.metricGroup = group;
    this.lag = new ReaderLag(group);
  }

  @Override
  public RecordsWithSplitIds<SourceRecord> fetch() throws IOException {
    RecordsBySplits.Builder<SourceRecord> batch = new RecordsBySplits.Builder<>();
    ShardCursor cursor = nextDue();
    if (cursor == null) {
      return batch.build();
    }
    try {
      poll(cursor, batch);
    } catch (ExpiredIteratorException e) {
      cursor.iterator = null;
    } catch (SdkException e) {
      failed(cursor, e);
    }
    return batch.build();
  }

  /** Backs a shard off after a failed call, or fails the job when the error cannot heal. */
  private void failed(ShardCursor cursor, SdkException e) {
    AwsErrors.Kind kind = AwsErrors.classify(AwsService.KINESIS, e);
    if (kind == AwsErrors.Kind.FATAL) {
      throw KinesisUnrecoverableException.of(
          e, "GetRecords", cursor.split.stream(), cursor.split.shardId());
    }
    cursor.metrics.failed(kind);
    if (kind == AwsErrors.Kind.TIMEOUT) {
      cursor.limit.timedOut();
    }
    cursor.failures++;
    long backoff = KinesisClients.READER_RETRIES.backoffMillis(cursor.failures);
    cursor.nextCallAt = System.currentTimeMillis() + backoff;
    if (kind == AwsErrors.Kind.THROTTLED) {
      LOG.debug("GetRecords on {} throttled; retrying in {} ms", cursor.split.splitId(), backoff);
    } else {
      LOG.warn(
          "GetRecords on {} failed ({}, {} in a row); retrying in {} ms with limit {}: {}",
          cursor.split.splitId(),
          kind,
          cursor.failures,
          backoff,
          cursor.limit.limit(),
          e.getMessage());
    }
  }

  /** The shard whose turn it is, waiting (interruptibly) until it may be called. */
  private ShardCursor nextDue() throws IOException {
    ShardCursor due = null;
    for (String id : order) {
      ShardCursor cursor = cursors.get(id);
      if (due == null || cursor.nextCallAt < due.nextCallAt) {
        due = cursor;
      }
    }
    long wait = due == null ? 100 : due.nextCallAt - System.currentTimeMillis();
    if (wait > 0) {
      synchronized (wakeUp) {
        if (!wakeUpRequested) {
          try {
            wakeUp.wait(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the next GetRecords call", e);
          }
        }
        wakeUpRequested = false;
      }
      return null;
    }
    order.remove(due.split.splitId());
    order.addLast(due.split.splitId());
    return due;
  }

  private void poll(ShardCursor cursor, RecordsBySplits.Builder<SourceRecord> batch) {
    String splitId = cursor.split.splitId();
    if (cursor.iterator == null) {
      cursor.iterator = iterator(cursor);
    }
    GetRecordsResponse response =
        client.getRecords(r -> r.shardIterator(cursor.iterator).limit(cursor.limit.limit()));
    cursor.failures = 0;
    ShardRecords.Appended appended = ShardRecords.append(response.records(), cursor.split, batch);
    if (appended.lastSequenceNumber() != null) {
      cursor.lastSequenceNumber = appended.lastSequenceNumber();
    }
    boolean pastBound = appended.pastBound();
    cursor.metrics.read(response.records().size(), appended.bytes(), response.millisBehindLatest());
    cursor.iterator = response.nextShardIterator();
    int count = response.records().size();
    cursor.limit.answered(count);
    // Servers that do not report millisBehindLatest (local ones) count as caught up when empty.
    boolean caughtUp =
        count == 0 && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
    boolean shardEnded = cursor.iterator == null;
    if (shardEnded || pastBound || (cursor.split.stopAtArrival() != null && caughtUp)) {
      batch.addFinishedSplit(splitId);
      cursor.metrics.finished();
      cursors.remove(splitId);
      order.remove(splitId);
      return;
    }
    long interval =
        count == 0 ? settings.idlePollInterval().toMillis() : settings.pollInterval().toMillis();
    cursor.nextCallAt = System.currentTimeMillis() + interval;
  }

  private String iterator(ShardCursor cursor) {
    GetShardIteratorRequest.Builder request =
        GetShardIteratorRequest.builder().shardId(cursor.split.shardId());
    if (cursor.split.stream().startsWith("arn:")) {
      request.streamARN(cursor.split.stream());
    } else {
      request.streamName(cursor.split.stream());
    }
    if (cursor.lastSequenceNumber != null) {
      request
          .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
          .startingSequenceNumber(cursor.lastSequenceNumber);
    } else {
      StartPosition start = cursor.split.start();
      request.shardIteratorType(ShardIteratorType.fromValue(start.type().name()));
      if (start.sequenceNumber() != null) {
        request.startingSequenceNumber(start.sequenceNumber());
      }
      if (start.timestamp() != null) {
        request.timestamp(start.timestamp());
      }
    }
    return client.getShardIterator(request.build()).shardIterator();
  }

  @Override
  public void handleSplitsChanges(SplitsChange<KinesisShardSplit> changes) {
    if (!(changes instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unsupported split change " + changes);
    }
    for (KinesisShardSplit split : changes.splits()) {
      ShardCursor cursor =
          new ShardCursor(
              split,
              new ShardMetrics(metricGroup, split.shardId(), lag),
              new BatchLimit(settings.maxRecordsPerCall()));
      cursors.put(split.splitId(), cursor);
      order.addLast(split.splitId());
    }
  }

  @Override
  public void wakeUp() {
    synchronized (wakeUp) {
      wakeUpRequested = true;
      wakeUp.notifyAll();
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** The read position and pacing of one shard. */
  private static final class ShardCursor {
    final KinesisShardSplit split;
    final ShardMetrics metrics;
    String iterator;
    String lastSequenceNumber;
    final BatchLimit limit;
    long nextCallAt;
    int failures;

    ShardCursor(KinesisShardSplit split, ShardMetrics metrics, BatchLimit limit) {
      this.split = split;
      this.metrics = metrics;
      this.limit = limit;
      metrics.batchLimit(limit);
    }
  }
}
