package io.logpulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Bytes written by the first format (writeUTF keys) stay readable after the format changed. */
class SeriesAggregateSerializerVersionTest {

  @Test
  void readsVersionOneBytes() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(128);
    out.writeByte(1);
    out.writeUTF("111111111111");
    out.writeUTF("checkout");
    out.writeBoolean(true);
    out.writeUTF("GET /cart");
    out.writeLong(60_000L);
    for (long count : new long[] {7, 2, 9, 1, 0}) {
      out.writeLong(count);
    }
    out.writeByte(0);
    out.writeDouble(12.5);
    out.writeDouble(10.0);
    out.writeInt(-1);
    out.writeInt(3);
    out.writeBoolean(false);

    SeriesAggregate read =
        SeriesAggregateSerializer.INSTANCE.deserialize(
            new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(read.account).isEqualTo("111111111111");
    assertThat(read.service).isEqualTo("checkout");
    assertThat(read.operation).isEqualTo("GET /cart");
    assertThat(read.requests).isEqualTo(7);
    assertThat(read.emittedRevision).isEqualTo(3);
  }

  @Test
  void writesTheCurrentVersionAndRefusesUnknownOnes() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(128);
    SeriesAggregateSerializer.INSTANCE.serialize(
        new SeriesAggregate("111111111111", "checkout", null, 0L), out);
    byte[] bytes = out.getCopyOfBuffer();

    assertThat(bytes[0]).isEqualTo((byte) 2);
    bytes[0] = 9;
    assertThatThrownBy(
            () -> SeriesAggregateSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)))
        .hasMessageContaining("version 9");
  }
}
