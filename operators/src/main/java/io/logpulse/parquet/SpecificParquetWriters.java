package io.logpulse.parquet;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet writers for Avro specific records that run without Hadoop on the classpath. Flink's
 * {@code AvroParquetWriters} builds a Hadoop {@code Configuration}, which neither the job jar nor
 * Managed Service for Apache Flink's user classpath has; Parquet's plain configuration does the
 * same job. Parquet's compression codecs all go through Hadoop, so pages are dictionary- and
 * RLE-encoded but not compressed.
 */
public final class SpecificParquetWriters {

  private SpecificParquetWriters() {}

  /** A writer factory for records of {@code type}. */
  public static <T extends SpecificRecordBase> ParquetWriterFactory<T> forType(Class<T> type) {
    String schema = SpecificData.get().getSchema(type).toString();
    return new ParquetWriterFactory<>(
        out ->
            AvroParquetWriter.<T>builder(out)
                .withSchema(new Schema.Parser().parse(schema))
                .withDataModel(SpecificData.getForClass(type))
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build());
  }
}
