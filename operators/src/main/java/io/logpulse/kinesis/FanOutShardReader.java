package io.logpulse.kinesis;

import io.logpulse.aws.AwsErrors;
import io.logpulse.aws.AwsService;
import io.logpulse.schema.SourceRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.MetricGroup;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Reads the shards assigned to one subtask with enhanced fan-out: one SubscribeToShard subscription
 * per shard over HTTP/2, each event requested only after the previous one was handed to Flink
 * (backpressure). Subscriptions end after five minutes by design and are renewed from the last
 * record read. Throttling, timeouts and other transient errors renew them after an exponential
 * backoff with full jitter, each counted in {@link ShardMetrics}; errors that cannot heal (see
 * {@link AwsErrors}) fail the job without restarts.
 */
final class FanOutShardReader implements SplitReader<SourceRecord, KinesisShardSplit> {

  private static final Logger LOG = LoggerFactory.getLogger(FanOutShardReader.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KinesisAsyncClient client;
  private final ConsumerArns consumers;
  private final MetricGroup metricGroup;
  private final ReaderLag lag;
  private final Map<String, ShardSubscription> shards = new HashMap<>();
  private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

  FanOutShardReader(KinesisAsyncClient client, ConsumerArns consumers, MetricGroup metricGroup) {
    this.client = client;
    this.consumers = consumers;
    this.metricGroup = metricGroup;
    this.lag = new ReaderLag(metricGroup);
  }

  @Override
  public RecordsWithSplitIds<SourceRecord> fetch() throws IOException {
    RecordsBySplits.Builder<SourceRecord> batch = new RecordsBySplits.Builder<>();
    resubscribeDue();
    Signal signal;
    try {
      signal = signals.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for fan-out events", e);
    }
    while (signal != null) {
      handle(signal, batch);
      signal = signals.poll();
    }
    return batch.build();
  }

  private void handle(Signal signal, RecordsBySplits.Builder<SourceRecord> batch) {
    ShardSubscription shard = signal.shard;
    if (shard == null || shards.get(shard.split.splitId()) != shard) {
      return;
    }
    if (signal.generation != shard.generation) {
      return;
    }
    if (signal.error != null) {
      failed(shard, signal.error);
      return;
    }
    if (signal.event == null) {
      shard.resubscribeAt = System.currentTimeMillis();
      return;
    }
    shard.failures = 0;
    if (emit(shard, signal.event, batch)) {
      batch.addFinishedSplit(shard.split.splitId());
      shard.metrics.finished();
      shards.remove(shard.split.splitId());
      shard.cancel();
      return;
    }
    shard.requestNext();
  }

  /** Renews a failed subscription after a backoff, or fails the job when the error cannot heal. */
  private void failed(ShardSubscription shard, Throwable error) {
    AwsErrors.Kind kind = AwsErrors.classify(AwsService.KINESIS, error);
    if (kind == AwsErrors.Kind.FATAL) {
      throw KinesisUnrecoverableException.of(
          error, "SubscribeToShard", shard.split.stream(), shard.split.shardId());
    }
    shard.metrics.failed(kind);
    shard.failures++;
    long backoff = KinesisClients.READER_RETRIES.backoffMillis(shard.failures);
    shard.resubscribeAt = System.currentTimeMillis() + backoff;
    LOG.warn(
        "SubscribeToShard on {} failed ({}, {} in a row); subscribing again in {} ms: {}",
        shard.split.splitId(),
        kind,
        shard.failures,
        backoff,
        error.toString());
  }

  /** Emits an event's records; true when the shard is finished. */
  private boolean emit(
      ShardSubscription shard,
      SubscribeToShardEvent event,
      RecordsBySplits.Builder<SourceRecord> batch) {
    Long stopAt = shard.split.stopAtArrival();
    ShardRecords.Appended appended = ShardRecords.append(event.records(), shard.split, batch);
    if (appended.lastSequenceNumber() != null) {
      shard.lastSequenceNumber = appended.lastSequenceNumber();
    }
    if (appended.pastBound()) {
      return true;
    }
    shard.metrics.read(event.records().size(), appended.bytes(), event.millisBehindLatest());
    if (event.continuationSequenceNumber() == null) {
      return true;
    }
    shard.continuationSequenceNumber = event.continuationSequenceNumber();
    boolean caughtUp =
        event.records().isEmpty()
            && event.millisBehindLatest() != null
            && event.millisBehindLatest() == 0;
    return stopAt != null && caughtUp;
  }

  private void resubscribeDue() {
    long now = System.currentTimeMillis();
    for (ShardSubscription shard : shards.values()) {
      if (shard.resubscribeAt != null && shard.resubscribeAt <= now) {
        shard.resubscribeAt = null;
        shard.subscribe();
      }
    }
  }

  @Override
  public void handleSplitsChanges(SplitsChange<KinesisShardSplit> changes) {
    if (!(changes instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unsupported split change " + changes);
    }
    for (KinesisShardSplit split : changes.splits()) {
      ShardSubscription shard =
          new ShardSubscription(split, new ShardMetrics(metricGroup, split.shardId(), lag));
      shards.put(split.splitId(), shard);
      shard.subscribe();
    }
  }

  @Override
  public void wakeUp() {
    signals.add(new Signal(null, 0, null, null));
  }

  @Override
  public void close() {
    shards.values().forEach(ShardSubscription::cancel);
    client.close();
  }

  /** Something that happened to a subscription, handed from the HTTP threads to the fetcher. */
  private record Signal(
      ShardSubscription shard, long generation, SubscribeToShardEvent event, Throwable error) {}

  /** The subscription of one shard and where it resumes. */
  private final class ShardSubscription {
    final KinesisShardSplit split;
    final ShardMetrics metrics;
    String lastSequenceNumber;
    String continuationSequenceNumber;
    long generation;
    int failures;
    Long resubscribeAt;
    volatile Subscription subscription;

    ShardSubscription(KinesisShardSplit split, ShardMetrics metrics) {
      this.split = split;
      this.metrics = metrics;
    }

    void subscribe() {
      cancel();
      long current = ++generation;
      SubscribeToShardRequest request =
          SubscribeToShardRequest.builder()
              .consumerARN(consumers.arnFor(split.stream()))
              .shardId(split.shardId())
              .startingPosition(startingPosition())
              .build();
      SubscribeToShardResponseHandler handler =
          SubscribeToShardResponseHandler.builder()
              .onError(e -> signals.add(new Signal(this, current, null, e)))
              .onEventStream(publisher -> publisher.subscribe(new EventSubscriber(current)))
              .build();
      client
          .subscribeToShard(request, handler)
          .whenComplete(
              (ignored, e) -> {
                if (e == null) {
                  signals.add(new Signal(this, current, null, null));
                }
              });
    }

    private StartingPosition startingPosition() {
      String after =
          continuationSequenceNumber != null ? continuationSequenceNumber : lastSequenceNumber;
      if (after != null) {
        return StartingPosition.builder()
            .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
            .sequenceNumber(after)
            .build();
      }
      StartPosition start = split.start();
      return StartingPosition.builder()
          .type(ShardIteratorType.fromValue(start.type().name()))
          .sequenceNumber(start.sequenceNumber())
          .timestamp(start.timestamp())
          .build();
    }

    void requestNext() {
      Subscription current = subscription;
      if (current != null) {
        current.request(1);
      }
    }

    void cancel() {
      Subscription current = subscription;
      subscription = null;
      if (current != null) {
        current.cancel();
      }
    }

    /** Receives one subscription's events and asks for the next only when told to. */
    private final class EventSubscriber implements Subscriber<SubscribeToShardEventStream> {
      private final long generationOfThis;

      EventSubscriber(long generation) {
        this.generationOfThis = generation;
      }

      @Override
      public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(1);
      }

      @Override
      public void onNext(SubscribeToShardEventStream item) {
        if (item instanceof SubscribeToShardEvent event) {
          signals.add(new Signal(ShardSubscription.this, generationOfThis, event, null));
        } else {
          requestNext();
        }
      }

      @Override
      public void onError(Throwable t) {
        signals.add(new Signal(ShardSubscription.this, generationOfThis, null, t));
      }

      @Override
      public void onComplete() {}
    }
  }
}
