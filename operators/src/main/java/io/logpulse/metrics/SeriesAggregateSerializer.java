package io.logpulse.metrics;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link SeriesAggregate} for the shuffle and for keyed state, with the latency sketch
 * in DDSketch's compact protobuf encoding. Without it Flink would fall back to Kryo.
 */
public final class SeriesAggregateSerializer extends TypeSerializerSingleton<SeriesAggregate> {

  public static final SeriesAggregateSerializer INSTANCE = new SeriesAggregateSerializer();

  private static final int VERSION = 1;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public SeriesAggregate createInstance() {
    return new SeriesAggregate();
  }

  @Override
  public SeriesAggregate copy(SeriesAggregate from) {
    return from.deepCopy();
  }

  @Override
  public SeriesAggregate copy(SeriesAggregate from, SeriesAggregate reuse) {
    return from.deepCopy();
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(SeriesAggregate record, DataOutputView out) throws IOException {
    out.writeByte(VERSION);
    out.writeUTF(record.account);
    out.writeUTF(record.service);
    out.writeBoolean(record.operation != null);
    if (record.operation != null) {
      out.writeUTF(record.operation);
    }
    out.writeLong(record.windowStart);
    out.writeLong(record.requests);
    out.writeLong(record.errors);
    out.writeLong(record.logs);
    out.writeLong(record.errorLogs);
    out.writeLong(record.coldStarts);
    out.writeByte(record.levelCounts.length);
    for (long count : record.levelCounts) {
      out.writeLong(count);
    }
    out.writeDouble(record.latencySum);
    out.writeDouble(record.latencyMax);
    if (record.latency == null) {
      out.writeInt(-1);
    } else {
      byte[] sketch = LatencySketches.encode(record.latency);
      out.writeInt(sketch.length);
      out.write(sketch);
    }
    out.writeInt(record.emittedRevision);
    out.writeBoolean(record.changedSinceEmission);
  }

  @Override
  public SeriesAggregate deserialize(DataInputView in) throws IOException {
    int version = in.readByte();
    if (version != VERSION) {
      throw new IOException("unknown SeriesAggregate serialization version " + version);
    }
    SeriesAggregate record = new SeriesAggregate();
    record.account = in.readUTF();
    record.service = in.readUTF();
    record.operation = in.readBoolean() ? in.readUTF() : null;
    record.windowStart = in.readLong();
    record.requests = in.readLong();
    record.errors = in.readLong();
    record.logs = in.readLong();
    record.errorLogs = in.readLong();
    record.coldStarts = in.readLong();
    int levels = in.readByte();
    for (int i = 0; i < levels; i++) {
      long count = in.readLong();
      if (i < record.levelCounts.length) {
        record.levelCounts[i] = count;
      }
    }
    record.latencySum = in.readDouble();
    record.latencyMax = in.readDouble();
    int sketchLength = in.readInt();
    if (sketchLength >= 0) {
      byte[] sketch = new byte[sketchLength];
      in.readFully(sketch);
      record.latency = LatencySketches.decode(sketch);
    }
    record.emittedRevision = in.readInt();
    record.changedSinceEmission = in.readBoolean();
    return record;
  }

  @Override
  public SeriesAggregate deserialize(SeriesAggregate reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<SeriesAggregate> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer after a restart; the format is versioned inside each record. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesAggregate> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
