package io.logpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.detect.MetricKind;
import io.logpulse.detect.SeriesPoint;
import io.logpulse.impact.ImpactState;
import io.logpulse.metrics.SeriesAggregate;
import io.logpulse.metrics.SeriesAggregateSerializer;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.Incident;
import io.logpulse.schema.LogEvent;
import io.logpulse.schema.SourceRecord;
import io.logpulse.schema.Suspect;
import io.logpulse.testing.ServiceEvents;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
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
        aggregate,
        anomaly(),
        change(),
        incident(),
        new SeriesPoint("111111111111", "checkout", null, MetricKind.ERROR_RATE, 0L, 0.01, 200),
        impactState());
  }

  private static Anomaly anomaly() {
    return Anomaly.newBuilder()
        .setAnomalyId("111111111111/checkout//impact@1970-01-01T00:00:00Z")
        .setAccount("111111111111")
        .setService("checkout")
        .setMetric("error-rate")
        .setState("OPEN")
        .setStart(Instant.EPOCH)
        .setTime(Instant.ofEpochMilli(60_000))
        .setScore(0.7)
        .setDetectors(List.of("impact"))
        .setSeverity("MEDIUM")
        .build();
  }

  private static ChangeEvent change() {
    return ChangeEvent.newBuilder()
        .setChangeId("c-1")
        .setAccount("111111111111")
        .setTime(Instant.EPOCH)
        .setReceived(Instant.ofEpochMilli(300_000))
        .setEventSource("ecs.amazonaws.com")
        .setEventName("UpdateService")
        .setChangeKind("deploy")
        .setFailed(false)
        .setAgent("ci")
        .setResources(List.of("checkout"))
        .build();
  }

  private static Incident incident() {
    return Incident.newBuilder()
        .setIncidentId("111111111111/checkout@1970-01-01T00:00:00Z")
        .setRevision(1)
        .setState("OPEN")
        .setAccount("111111111111")
        .setService("checkout")
        .setStart(Instant.EPOCH)
        .setTime(Instant.ofEpochMilli(60_000))
        .setMetric("error-rate")
        .setScore(0.7)
        .setAnomalyIds(List.of("a"))
        .setSummary("s")
        .setSuspects(
            List.of(
                Suspect.newBuilder()
                    .setChangeId("c-1")
                    .setAccount("111111111111")
                    .setTime(Instant.EPOCH)
                    .setEventSource("ecs.amazonaws.com")
                    .setEventName("UpdateService")
                    .setChangeKind("deploy")
                    .setFailed(false)
                    .setAgent("ci")
                    .setResources(List.of("checkout"))
                    .setScore(0.9)
                    .setMinutesBefore(4)
                    .setExplanation("e")
                    .build()))
        .setSeverity("HIGH")
        .build();
  }

  private static ImpactState impactState() {
    ImpactState state = new ImpactState();
    state.windows = 61;
    state.lastWindowStart = 3_600_000;
    state.lastSeenStart = 3_540_000;
    state.requestSum = 1_000;
    state.logP99Sum = 5.2;
    state.open = true;
    state.kind = 2;
    state.severity = 1;
    return state;
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
    } else if (record instanceof SeriesPoint || record instanceof ImpactState) {
      assertThat(serializer).isInstanceOf(PojoSerializer.class);
    } else {
      assertThat(info).isInstanceOf(AvroTypeInfo.class);
      assertThat(serializer).isInstanceOf(AvroSerializer.class);
    }
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(record, out);
    T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).usingRecursiveComparison().isEqualTo(record);
  }
}
