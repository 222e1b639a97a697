package io.logpulse.replay;

import io.logpulse.schema.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Lets Flink's {@code FileSource} replay recorded Kinesis records (see {@link
 * RecordedRecordsReader}) from any Flink filesystem, one file per split.
 */
public final class RecordedRecordsFormat extends SimpleStreamFormat<SourceRecord> {

  @Override
  public StreamFormat.Reader<SourceRecord> createReader(
      Configuration config, FSDataInputStream stream) {
    RecordedRecordsReader reader = new RecordedRecordsReader(stream, "replay");
    return new StreamFormat.Reader<>() {
      @Override
      public SourceRecord read() throws IOException {
        return reader.next();
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  @Override
  public TypeInformation<SourceRecord> getProducedType() {
    return new AvroTypeInfo<>(SourceRecord.class);
  }
}
