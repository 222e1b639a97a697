package io.logpulse.kinesis;

import io.logpulse.aws.AwsErrors;
import io.logpulse.aws.AwsService;
import io.logpulse.kinesis.ShardDiscovery.DiscoveredShard;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Discovers shards and hands them to readers. A shard is assigned only once every parent it has is
 * read to its end (or has expired from the stream), so records of one partition key are read in
 * order across splits and merges. Shards found at the first start begin at the configured position;
 * shards that appear later are children and begin at their first record. Each shard always goes to
 * the same reader subtask (a hash of its id), which keeps assignment stable across restarts.
 */
public final class KinesisSourceEnumerator
    implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceEnumerator.class);

  private final SplitEnumeratorContext<KinesisShardSplit> context;
  private final KinesisSourceSettings settings;
  private final Set<String> assigned;
  private final Set<String> finished;
  // Readers told there are no more splits. Telling one again after it has finished fails the job
  // (Flink reports the event as lost and fails over).
  private final Set<Integer> toldNoMoreSplits = new HashSet<>();
  private final Map<String, KinesisShardSplit> pending = new HashMap<>();
  private final boolean firstStart;
  private Long boundedAt;
  private KinesisClient client;
  private ShardDiscovery discovery;
  private boolean discoveredOnce;

  KinesisSourceEnumerator(
      SplitEnumeratorContext<KinesisShardSplit> context,
      KinesisSourceSettings settings,
      KinesisEnumeratorState restored) {
    this.context = context;
    this.settings = settings;
    this.firstStart = restored == null;
    this.assigned = new LinkedHashSet<>(restored == null ? Set.of() : restored.assigned());
    this.finished = new LinkedHashSet<>(restored == null ? Set.of() : restored.finished());
    if (restored != null) {
      restored.pending().forEach(split -> pending.put(split.splitId(), split));
      this.boundedAt = restored.boundedAt();
    }
  }

  @Override
  public void start() {
    client = KinesisClients.sync(settings);
    discovery = new ShardDiscovery(client);
    if (settings.reader() == KinesisSourceSettings.ReaderType.EFO) {
      try {
        new ConsumerArns(settings, client).registerMissing();
      } catch (RuntimeException e) {
        throw failure(e, "cannot register the enhanced fan-out consumer on ");
      }
    }
    if (settings.bounded() && boundedAt == null) {
      boundedAt = System.currentTimeMillis();
    }
    if (settings.bounded()) {
      context.callAsync(this::discover, this::onDiscovery);
    } else {
      context.callAsync(
          this::discover, this::onDiscovery, 0, settings.discoveryInterval().toMillis());
    }
  }

  private List<DiscoveredShard> discover() {
    List<DiscoveredShard> shards = new ArrayList<>();
    for (String stream : settings.streams()) {
      shards.addAll(discovery.shards(stream));
    }
    return shards;
  }

  private void onDiscovery(List<DiscoveredShard> shards, Throwable error) {
    if (error != null) {
      if (!discoveredOnce
          || AwsErrors.classify(AwsService.KINESIS, error) == AwsErrors.Kind.FATAL) {
        throw failure(error, "cannot list the shards of ");
      }
      LOG.warn("Shard discovery failed; trying again at the next interval", error);
      return;
    }
    Set<String> known = new LinkedHashSet<>();
    shards.forEach(s -> known.add(KinesisShardSplit.splitId(s.stream(), s.shardId())));
    for (DiscoveredShard shard : shards) {
      String id = KinesisShardSplit.splitId(shard.stream(), shard.shardId());
      if (assigned.contains(id) || finished.contains(id) || pending.containsKey(id)) {
        continue;
      }
      boolean initial = firstStart && !discoveredOnce;
      if (initial && settings.start().type() == StartPosition.Type.LATEST && shard.closed()) {
        finished.add(id);
        continue;
      }
      List<String> parents = new ArrayList<>();
      for (String parent : shard.parents()) {
        String parentId = KinesisShardSplit.splitId(shard.stream(), parent);
        if (known.contains(parentId)) {
          parents.add(parentId);
        }
      }
      pending.put(
          id,
          new KinesisShardSplit(
              shard.stream(),
              shard.shardId(),
              parents,
              initial ? initialPosition() : StartPosition.trimHorizon(),
              boundedAt));
    }
    discoveredOnce = true;
    assignReady();
  }

  /**
   * What the job fails with: a failure the restart strategy may retry, or, when the error cannot
   * heal (a missing stream, denied access, no credentials), one that suppresses restarts.
   */
  private RuntimeException failure(Throwable error, String what) {
    IllegalStateException failure = new IllegalStateException(what + settings.streams(), error);
    return AwsErrors.classify(AwsService.KINESIS, error) == AwsErrors.Kind.FATAL
        ? new SuppressRestartsException(failure)
        : failure;
  }

  private StartPosition initialPosition() {
    StartPosition configured = settings.start();
    return configured.type() == StartPosition.Type.LATEST
        ? StartPosition.atTimestamp(Instant.now())
        : configured;
  }

  private void assignReady() {
    Set<Integer> readers = context.registeredReaders().keySet();
    Iterator<KinesisShardSplit> candidates = pending.values().iterator();
    while (candidates.hasNext()) {
      KinesisShardSplit split = candidates.next();
      if (!finished.containsAll(split.parentShardIds())) {
        continue;
      }
      int owner = owner(split);
      if (readers.contains(owner)) {
        context.assignSplit(split, owner);
        assigned.add(split.splitId());
        candidates.remove();
      }
    }
    if (settings.bounded() && discoveredOnce && pending.isEmpty()) {
      for (int reader : readers) {
        if (toldNoMoreSplits.add(reader)) {
          context.signalNoMoreSplits(reader);
        }
      }
    }
  }

  private int owner(KinesisShardSplit split) {
    return Math.floorMod(split.splitId().hashCode(), context.currentParallelism());
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {}

  @Override
  public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
    for (KinesisShardSplit split : splits) {
      assigned.remove(split.splitId());
      pending.put(split.splitId(), split);
    }
    assignReady();
  }

  @Override
  public void addReader(int subtaskId) {
    toldNoMoreSplits.remove(subtaskId);
    if (discoveredOnce) {
      assignReady();
    }
  }

  @Override
  public void handleSourceEvent(int subtaskId, SourceEvent event) {
    if (event instanceof ShardsFinishedEvent done) {
      finished.addAll(done.splitIds());
      assignReady();
    }
  }

  @Override
  public KinesisEnumeratorState snapshotState(long checkpointId) {
    return new KinesisEnumeratorState(
        new LinkedHashSet<>(assigned),
        new LinkedHashSet<>(finished),
        new ArrayList<>(pending.values()),
        boundedAt);
  }

  @Override
  public void close() throws IOException {
    if (client != null) {
      client.close();
    }
  }
}
