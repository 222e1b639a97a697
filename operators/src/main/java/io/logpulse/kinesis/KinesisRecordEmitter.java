package io.logpulse.kinesis;

import io.logpulse.schema.SourceRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

/**
 * Hands each record to the deserializer on its shard's own output (so watermarks are per shard) and
 * then advances the shard's checkpointed position past it.
 */
final class KinesisRecordEmitter<T>
    implements RecordEmitter<SourceRecord, T, KinesisShardSplitState> {

  private final KinesisRecordDeserializer<T> deserializer;
  private final OutputCollector<T> collector = new OutputCollector<>();

  KinesisRecordEmitter(KinesisRecordDeserializer<T> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public void emitRecord(
      SourceRecord record, SourceOutput<T> output, KinesisShardSplitState state) {
    collector.output = output;
    deserializer.deserialize(record, collector);
    state.emitted(record.getSequenceNumber());
  }

  private static final class OutputCollector<T> implements Collector<T> {
    SourceOutput<T> output;

    @Override
    public void collect(T element) {
      output.collect(element);
    }

    @Override
    public void close() {}
  }
}
