package io.logpulse.kinesis;

import io.logpulse.schema.SourceRecord;
import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;

/**
 * Turns one Kinesis record (its bytes with arrival time, shard and sequence number) into zero or
 * more elements. It runs inside the source, so the elements get per-shard watermarks; it must not
 * throw on bad input, since the source would meet the same record again after a restart.
 *
 * @param <T> the elements
 */
public interface KinesisRecordDeserializer<T> extends Serializable {

  /** Called once per reader before the first record. */
  default void open(MetricGroup readerMetrics) {}

  void deserialize(SourceRecord record, Collector<T> out);

  TypeInformation<T> producedType();
}
