package io.logpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.metrics.SeriesAggregate;
import io.logpulse.metrics.SeriesAggregateSerializer;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.SourceRecord;
import io.logpulse.testing.ServiceEvents;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record that crosses an operator boundary has a Flink serializer of its own; none falls back
 * to Kryo (generic types are disabled here, as in the local runner).
 */
class FlinkSerializationTest {

  static List<Object> records() {
    SeriesAggregate aggregate = new SeriesAggregate("111111111111", "checkout", null, 0L);
    aggregate.add(ServiceEvents.request("checkout", 1L, 12.0));
    return List.of(
        SourceRecord.newBuilder()
            .setData(ByteBuffer.wrap(new byte[] {1, 2, 3}))
            .setArrivalTime(1L)
            .setStream("s")
            .setShardId("shardId-000000000000")
            .setSequenceNumber("1")
            .setReadError(null)
            .build(),
        new LogEvent("111111111111", "/ecs/checkout", "stream", "1", 1L, "hello"),
        ServiceEvents.request("checkout", 1L, 12.0),
        aggregate.toMetricWindow(60_000L, 0),
        DeadLetter.newBuilder()
            .setReason("TOO_LATE")
            .setDetail("d")
            .setStage("window")
            .setRecordedAt(Instant.ofEpochMilli(5))
            .setPayloadBase64("")
            .build(),
        aggregate);
  }

  @ParameterizedTest
  @MethodSource("records")
  <T> void serializesWithoutKryoAndRoundTrips(T record) throws Exception {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);

    TypeInformation<T> info = TypeInformation.of(type);
    TypeSerializer<T> serializer = info.createSerializer(config);

    if (record instanceof SeriesAggregate) {
      assertThat(serializer).isSameAs(SeriesAggregateSerializer.INSTANCE);
    } else {
      assertThat(info).isInstanceOf(AvroTypeInfo.class);
      assertThat(serializer).isInstanceOf(AvroSerializer.class);
    }
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(record, out);
    T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).isEqualTo(record);
  }
}
