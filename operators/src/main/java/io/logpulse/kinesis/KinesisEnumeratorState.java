package io.logpulse.kinesis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What the enumerator must remember across a restart: which shards were handed out and which are
 * read to their end (children wait for those), the splits not yet assigned, and, in bounded mode,
 * the instant that bounds the read.
 *
 * @param assigned split ids ever assigned to a reader
 * @param finished split ids read to their end
 * @param pending splits discovered but not assigned yet
 * @param boundedAt epoch ms the bounded read stops at, or null when unbounded
 */
public record KinesisEnumeratorState(
    Set<String> assigned, Set<String> finished, List<KinesisShardSplit> pending, Long boundedAt) {

  /** Serializes the state into checkpoints. */
  public static final class Serializer
      implements SimpleVersionedSerializer<KinesisEnumeratorState> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(KinesisEnumeratorState state) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(256);
      writeStrings(state.assigned(), out);
      writeStrings(state.finished(), out);
      out.writeInt(state.pending().size());
      for (KinesisShardSplit split : state.pending()) {
        KinesisShardSplitSerializer.write(split, out);
      }
      out.writeBoolean(state.boundedAt() != null);
      if (state.boundedAt() != null) {
        out.writeLong(state.boundedAt());
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public KinesisEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
      if (version != VERSION) {
        throw new IOException("unknown Kinesis enumerator state version " + version);
      }
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      Set<String> assigned = readStrings(in);
      Set<String> finished = readStrings(in);
      int pendingCount = in.readInt();
      List<KinesisShardSplit> pending = new ArrayList<>(pendingCount);
      for (int i = 0; i < pendingCount; i++) {
        pending.add(KinesisShardSplitSerializer.read(in));
      }
      Long boundedAt = in.readBoolean() ? in.readLong() : null;
      return new KinesisEnumeratorState(assigned, finished, pending, boundedAt);
    }

    private static void writeStrings(Set<String> values, DataOutputSerializer out)
        throws IOException {
      out.writeInt(values.size());
      for (String value : values) {
        out.writeUTF(value);
      }
    }

    private static Set<String> readStrings(DataInputDeserializer in) throws IOException {
      int count = in.readInt();
      Set<String> values = new LinkedHashSet<>();
      for (int i = 0; i < count; i++) {
        values.add(in.readUTF());
      }
      return values;
    }
  }
}
