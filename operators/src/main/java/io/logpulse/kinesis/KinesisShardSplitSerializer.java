package io.logpulse.kinesis;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes shard splits into checkpoints. */
public final class KinesisShardSplitSerializer
    implements SimpleVersionedSerializer<KinesisShardSplit> {

  public static final KinesisShardSplitSerializer INSTANCE = new KinesisShardSplitSerializer();

  private static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(KinesisShardSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(128);
    write(split, out);
    return out.getCopyOfBuffer();
  }

  @Override
  public KinesisShardSplit deserialize(int version, byte[] bytes) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown Kinesis split serialization version " + version);
    }
    return read(new DataInputDeserializer(bytes));
  }

  static void write(KinesisShardSplit split, DataOutputView out) throws IOException {
    out.writeUTF(split.stream());
    out.writeUTF(split.shardId());
    out.writeInt(split.parentShardIds().size());
    for (String parent : split.parentShardIds()) {
      out.writeUTF(parent);
    }
    StartPosition start = split.start();
    out.writeUTF(start.type().name());
    out.writeBoolean(start.sequenceNumber() != null);
    if (start.sequenceNumber() != null) {
      out.writeUTF(start.sequenceNumber());
    }
    out.writeBoolean(start.timestamp() != null);
    if (start.timestamp() != null) {
      out.writeLong(start.timestamp().toEpochMilli());
    }
    out.writeBoolean(split.stopAtArrival() != null);
    if (split.stopAtArrival() != null) {
      out.writeLong(split.stopAtArrival());
    }
  }

  static KinesisShardSplit read(DataInputView in) throws IOException {
    String stream = in.readUTF();
    String shardId = in.readUTF();
    int parents = in.readInt();
    List<String> parentIds = new ArrayList<>(parents);
    for (int i = 0; i < parents; i++) {
      parentIds.add(in.readUTF());
    }
    StartPosition.Type type = StartPosition.Type.valueOf(in.readUTF());
    String sequenceNumber = in.readBoolean() ? in.readUTF() : null;
    Instant timestamp = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
    Long stopAtArrival = in.readBoolean() ? in.readLong() : null;
    return new KinesisShardSplit(
        stream,
        shardId,
        parentIds,
        new StartPosition(type, sequenceNumber, timestamp),
        stopAtArrival);
  }
}
