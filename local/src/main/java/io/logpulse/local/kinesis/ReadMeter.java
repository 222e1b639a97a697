package io.logpulse.local.kinesis;

import io.logpulse.kinesis.KinesisRecordDeserializer;
import io.logpulse.schema.SourceRecord;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Counts what the Kinesis source reads, from the first record to the last, without decoding: it
 * measures the reader alone. The counts are static because the benchmark's MiniCluster runs in the
 * same JVM as the command that reads them.
 */
public final class ReadMeter implements KinesisRecordDeserializer<Integer> {

  private static final AtomicLong RECORDS = new AtomicLong();
  private static final AtomicLong BYTES = new AtomicLong();
  private static final AtomicLong FIRST_NANOS = new AtomicLong();
  private static final AtomicLong LAST_NANOS = new AtomicLong();

  /** Forgets earlier measurements. */
  public static void reset() {
    RECORDS.set(0);
    BYTES.set(0);
    FIRST_NANOS.set(0);
    LAST_NANOS.set(0);
  }

  public static long records() {
    return RECORDS.get();
  }

  public static long bytes() {
    return BYTES.get();
  }

  /** Seconds from the first record read to the last. */
  public static double seconds() {
    return (LAST_NANOS.get() - FIRST_NANOS.get()) / 1e9;
  }

  @Override
  public void deserialize(SourceRecord record, Collector<Integer> out) {
    long now = System.nanoTime();
    FIRST_NANOS.compareAndSet(0, now);
    LAST_NANOS.set(now);
    RECORDS.incrementAndGet();
    BYTES.addAndGet(record.getData().remaining());
  }

  @Override
  public TypeInformation<Integer> producedType() {
    return Types.INT;
  }
}
