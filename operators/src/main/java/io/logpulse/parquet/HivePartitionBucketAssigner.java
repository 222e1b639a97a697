package io.logpulse.parquet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each record in the Hive-style partition {@code dt=YYYY-MM-DD/hr=HH} (UTC) of the record's
 * own time, never the processing time, so a replay of old data lands where Athena and DuckDB look
 * for it.
 *
 * @param <T> the record type
 */
public final class HivePartitionBucketAssigner<T> implements BucketAssigner<T, String> {

  private static final DateTimeFormatter PARTITION =
      DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hr='HH").withZone(ZoneOffset.UTC);

  private final PartitionTime<T> partitionTime;

  public HivePartitionBucketAssigner(PartitionTime<T> partitionTime) {
    this.partitionTime = partitionTime;
  }

  @Override
  public String getBucketId(T element, Context context) {
    return partition(partitionTime.of(element));
  }

  /** The partition path of an instant. */
  public static String partition(Instant time) {
    return PARTITION.format(time);
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }

  /** The time that decides a record's partition. */
  @FunctionalInterface
  public interface PartitionTime<T> extends Function {
    Instant of(T element);
  }
}
