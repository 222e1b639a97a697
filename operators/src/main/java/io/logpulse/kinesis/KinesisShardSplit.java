package io.logpulse.kinesis;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of one stream: the unit the source assigns to readers. A checkpoint stores it with the
 * sequence number of the last record emitted, so a restore reads exactly the records after it.
 *
 * @param stream stream name or ARN, as configured
 * @param shardId the shard
 * @param parentShardIds parents that must be read to their end before this shard (resharding)
 * @param start where reading starts
 * @param stopAtArrival in bounded mode, records that reached Kinesis after this instant (epoch ms)
 *     are not read; null when unbounded
 */
public record KinesisShardSplit(
    String stream,
    String shardId,
    List<String> parentShardIds,
    StartPosition start,
    Long stopAtArrival)
    implements SourceSplit {

  public KinesisShardSplit {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(shardId, "shardId");
    parentShardIds = List.copyOf(parentShardIds);
    Objects.requireNonNull(start, "start");
  }

  @Override
  public String splitId() {
    return splitId(stream, shardId);
  }

  /** The split id of a shard of a stream. */
  public static String splitId(String stream, String shardId) {
    return stream + "|" + shardId;
  }

  /** The same shard, starting after the given sequence number. */
  public KinesisShardSplit resumingAfter(String sequenceNumber) {
    return sequenceNumber == null
        ? this
        : new KinesisShardSplit(
            stream,
            shardId,
            parentShardIds,
            StartPosition.afterSequenceNumber(sequenceNumber),
            stopAtArrival);
  }
}
