package io.logpulse.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Stream set-up for Kinesis source tests: create, put keyed records, reshard, wait. */
final class KinesisStreams {

  private final KinesisClient client;

  KinesisStreams(KinesisClient client) {
    this.client = client;
  }

  void create(String stream, int shards) throws InterruptedException {
    client.createStream(r -> r.streamName(stream).shardCount(shards));
    awaitActive(stream);
  }

  void awaitActive(String stream) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client
            .describeStreamSummary(r -> r.streamName(stream))
            .streamDescriptionSummary()
            .streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(stream + " did not become ACTIVE");
      }
      Thread.sleep(100);
    }
  }

  /**
   * Puts {@code perKey} records for each of {@code keys} keys, numbered from {@code from}; each
   * record's data is {@code key:number}. Returns the data in put order.
   */
  List<String> put(String stream, int keys, int from, int perKey) {
    List<String> data = new ArrayList<>();
    List<PutRecordsRequestEntry> batch = new ArrayList<>();
    for (int n = from; n < from + perKey; n++) {
      for (int k = 0; k < keys; k++) {
        String value = "k" + k + ":" + n;
        data.add(value);
        batch.add(
            PutRecordsRequestEntry.builder()
                .partitionKey("k" + k)
                .data(SdkBytes.fromString(value, StandardCharsets.UTF_8))
                .build());
        if (batch.size() == 500) {
          flush(stream, batch);
        }
      }
    }
    flush(stream, batch);
    return data;
  }

  /** Puts each payload, in the given order, under a partition key of its own. */
  void putPayloads(String stream, List<byte[]> payloads) {
    List<PutRecordsRequestEntry> batch = new ArrayList<>();
    int n = 0;
    for (byte[] payload : payloads) {
      batch.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("p" + n++)
              .data(SdkBytes.fromByteArray(payload))
              .build());
      if (batch.size() == 500) {
        flush(stream, batch);
      }
    }
    flush(stream, batch);
  }

  private void flush(String stream, List<PutRecordsRequestEntry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    PutRecordsResponse response = client.putRecords(r -> r.streamName(stream).records(batch));
    if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
      throw new IllegalStateException(response.failedRecordCount() + " records were not put");
    }
    batch.clear();
  }

  List<Shard> openShards(String stream) {
    return client.listShards(r -> r.streamName(stream)).shards().stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
        .toList();
  }

  /** Splits an open shard in the middle of its hash range. */
  void split(String stream, Shard shard) throws InterruptedException {
    BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
    String middle = start.add(end).shiftRight(1).toString();
    client.splitShard(
        r -> r.streamName(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle));
    awaitActive(stream);
  }

  /** Merges two open shards with adjacent hash ranges. */
  void mergeAdjacent(String stream) throws InterruptedException {
    List<Shard> open = new ArrayList<>(openShards(stream));
    open.sort(
        (a, b) ->
            new BigInteger(a.hashKeyRange().startingHashKey())
                .compareTo(new BigInteger(b.hashKeyRange().startingHashKey())));
    Shard first = open.get(open.size() - 2);
    Shard second = open.get(open.size() - 1);
    client.mergeShards(
        r ->
            r.streamName(stream)
                .shardToMerge(first.shardId())
                .adjacentShardToMerge(second.shardId()));
    awaitActive(stream);
  }

  /** Record numbers per key, in the order the records were read. */
  static Map<String, List<Integer>> byKey(List<String> read) {
    Map<String, List<Integer>> byKey = new TreeMap<>();
    for (String value : read) {
      int colon = value.indexOf(':');
      byKey
          .computeIfAbsent(value.substring(0, colon), k -> new ArrayList<>())
          .add(Integer.parseInt(value.substring(colon + 1)));
    }
    return byKey;
  }
}
