package io.logpulse.job;

import io.logpulse.decode.DecoderSettings;
import io.logpulse.decode.RecordDecoding;
import io.logpulse.kinesis.KinesisRecordDeserializer;
import io.logpulse.schema.DecodedRecord;
import io.logpulse.schema.SourceRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;

/**
 * Decodes CloudWatch Logs subscription envelopes inside the Kinesis source, so every log event is
 * stamped with per-shard watermarks; dead letters travel in the same stream and are split off right
 * after the source. The adapter between the decode stage and the Kinesis connector lives with the
 * wiring, so the stage knows nothing of the connector.
 */
public final class EnvelopeDeserializer implements KinesisRecordDeserializer<DecodedRecord> {

  private final DecoderSettings settings;
  private transient RecordDecoding decoding;

  public EnvelopeDeserializer(DecoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(MetricGroup readerMetrics) {
    decoding = new RecordDecoding(settings, readerMetrics);
  }

  @Override
  public void deserialize(SourceRecord record, Collector<DecodedRecord> out) {
    decoding.decode(
        record,
        System.currentTimeMillis(),
        event -> out.collect(new DecodedRecord(event, null)),
        deadLetter -> out.collect(new DecodedRecord(null, deadLetter)));
  }

  @Override
  public TypeInformation<DecodedRecord> producedType() {
    return new AvroTypeInfo<>(DecodedRecord.class);
  }
}
