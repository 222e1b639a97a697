package io.logpulse.kinesis;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** Lists the shards of a stream (by name or ARN), following pagination. */
final class ShardDiscovery {

  private final KinesisClient client;

  ShardDiscovery(KinesisClient client) {
    this.client = client;
  }

  /** A shard as the enumerator needs it. */
  record DiscoveredShard(String stream, String shardId, List<String> parents, boolean closed) {}

  List<DiscoveredShard> shards(String stream) {
    List<DiscoveredShard> shards = new ArrayList<>();
    String nextToken = null;
    do {
      ListShardsRequest.Builder request = ListShardsRequest.builder();
      if (nextToken != null) {
        request.nextToken(nextToken);
      } else if (stream.startsWith("arn:")) {
        request.streamARN(stream);
      } else {
        request.streamName(stream);
      }
      ListShardsResponse response = client.listShards(request.build());
      for (Shard shard : response.shards()) {
        List<String> parents = new ArrayList<>(2);
        if (shard.parentShardId() != null) {
          parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
          parents.add(shard.adjacentParentShardId());
        }
        boolean closed =
            shard.sequenceNumberRange() != null
                && shard.sequenceNumberRange().endingSequenceNumber() != null;
        shards.add(new DiscoveredShard(stream, shard.shardId(), parents, closed));
      }
      nextToken = response.nextToken();
    } while (nextToken != null);
    return shards;
  }
}
