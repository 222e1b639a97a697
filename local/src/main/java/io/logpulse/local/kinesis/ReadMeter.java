package io.logpulse.local.kinesis;

import io.logpulse.kinesis.KinesisRecordDeserializer;
import io.logpulse.schema.SourceRecord;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;

/**
 * Counts what the Kinesis source reads, from the moment the reader opens (so iterator or
 * subscription set-up counts) to the last record, without decoding: it measures the reader, not the
 * job's start-up. The counts are static because the benchmark's MiniCluster runs in the same JVM as
 * the command that reads them.
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

  /** Seconds from the reader's start to the last record read. */
  public static double seconds() {
    return (LAST_NANOS.get() - FIRST_NANOS.get()) / 1e9;
  }

  @Override
  public void open(MetricGroup readerMetrics) {
    FIRST_NANOS.compareAndSet(0, System.nanoTime());
  }

  @Override
  public void deserialize(SourceRecord record, Collector<Integer> out) {
    LAST_NANOS.set(System.nanoTime());
    RECORDS.incrementAndGet();
    BYTES.addAndGet(record.getData().remaining());
  }

  @Override
  public TypeInformation<Integer> producedType() {
    return Types.INT;
  }
}
