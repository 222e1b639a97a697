package io.logpulse.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link SeriesAggregate} for the shuffle and for keyed state, with the latency sketch
 * in DDSketch's compact protobuf encoding. Without it Flink would fall back to Kryo.
 *
 * <p>Each record starts with its format version. Version 2 writes the key strings as a length and
 * UTF-8 bytes, so no key length can fail serialization (version 1's {@code writeUTF} failed past 64
 * KB, which made one oversized key fail the job); version 1 records, as found in older state, are
 * still read.
 */
public final class SeriesAggregateSerializer extends TypeSerializerSingleton<SeriesAggregate> {

  public static final SeriesAggregateSerializer INSTANCE = new SeriesAggregateSerializer();

  private static final int VERSION = 2;

  /** The format with {@code writeUTF} keys, read but no longer written. */
  private static final int VERSION_MODIFIED_UTF8 = 1;

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
    writeString(record.account, out);
    writeString(record.service, out);
    out.writeBoolean(record.operation != null);
    if (record.operation != null) {
      writeString(record.operation, out);
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
    if (version != VERSION && version != VERSION_MODIFIED_UTF8) {
      throw new IOException("unknown SeriesAggregate serialization version " + version);
    }
    boolean utf = version == VERSION_MODIFIED_UTF8;
    SeriesAggregate record = new SeriesAggregate();
    record.account = readString(in, utf);
    record.service = readString(in, utf);
    record.operation = in.readBoolean() ? readString(in, utf) : null;
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

  private static void writeString(String value, DataOutputView out) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputView in, boolean modifiedUtf8) throws IOException {
    if (modifiedUtf8) {
      return in.readUTF();
    }
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
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
