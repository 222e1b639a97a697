package io.logpulse.kinesis;

import io.logpulse.schema.SourceRecord;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Appends a shard's Kinesis records to a fetch, up to the bound of a bounded read. */
final class ShardRecords {

  private ShardRecords() {}

  /**
   * What was appended.
   *
   * @param bytes payload bytes appended
   * @param lastSequenceNumber sequence number of the last record appended, or null for none
   * @param pastBound whether a record that arrived after the bound was reached (and left out)
   */
  record Appended(long bytes, String lastSequenceNumber, boolean pastBound) {}

  static Appended append(
      List<Record> records, KinesisShardSplit split, RecordsBySplits.Builder<SourceRecord> batch) {
    long bytes = 0;
    String last = null;
    for (Record record : records) {
      long arrival = record.approximateArrivalTimestamp().toEpochMilli();
      if (split.stopAtArrival() != null && arrival > split.stopAtArrival()) {
        return new Appended(bytes, last, true);
      }
      ByteBuffer data = record.data().asByteBuffer();
      bytes += data.remaining();
      batch.add(
          split.splitId(),
          SourceRecord.newBuilder()
              .setData(data)
              .setArrivalTime(arrival)
              .setStream(split.stream())
              .setShardId(split.shardId())
              .setSequenceNumber(record.sequenceNumber())
              .setReadError(null)
              .build());
      last = record.sequenceNumber();
    }
    return new Appended(bytes, last, false);
  }
}
