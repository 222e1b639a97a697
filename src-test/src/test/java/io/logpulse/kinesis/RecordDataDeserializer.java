package io.logpulse.kinesis;

import io.logpulse.common.Bytes;
import io.logpulse.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/** Emits each record's data as text, for tests that check what was read. */
final class RecordDataDeserializer implements KinesisRecordDeserializer<String> {

  @Override
  public void deserialize(SourceRecord record, Collector<String> out) {
    out.collect(new String(Bytes.toArray(record.getData()), StandardCharsets.UTF_8));
  }

  @Override
  public TypeInformation<String> producedType() {
    return Types.STRING;
  }
}
