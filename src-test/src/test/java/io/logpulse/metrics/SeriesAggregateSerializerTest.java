package io.logpulse.metrics;

import static io.logpulse.testing.ServiceEvents.failedRequest;
import static io.logpulse.testing.ServiceEvents.logLine;
import static io.logpulse.testing.ServiceEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's own serializer contract tests: round trips, copies, snapshots, duplication. */
class SeriesAggregateSerializerTest extends SerializerTestBase<SeriesAggregate> {

  @Override
  protected TypeSerializer<SeriesAggregate> createSerializer() {
    return SeriesAggregateSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<SeriesAggregate> getTypeClass() {
    return SeriesAggregate.class;
  }

  @Override
  protected SeriesAggregate[] getTestData() {
    SeriesAggregate empty = new SeriesAggregate("111111111111", "checkout", null, 0L);
    SeriesAggregate full =
        new SeriesAggregate("222222222222", "orders", "GET /orders/{id}", 60_000L);
    full.add(request("orders", 60_001L, 12.5));
    full.add(failedRequest("orders", 60_002L, 1500));
    full.add(logLine("orders", 60_003L, "WARN"));
    SeriesAggregate emitted = full.deepCopy();
    emitted.markEmitted(2);
    emitted.merge(full);
    assertThat(emitted.changedSinceEmission()).isTrue();
    SeriesAggregate longKeys =
        new SeriesAggregate("111111111111", "s".repeat(70_000), "GET /" + "p".repeat(70_000), 0L);
    longKeys.add(request("s", 1L, 3.0));
    return new SeriesAggregate[] {empty, full, emitted, longKeys};
  }
}
