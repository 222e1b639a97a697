package io.logpulse.parquet;

import java.io.IOException;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * When a Parquet part file is closed: at every checkpoint (bulk formats must, and that is what
 * makes them exactly once), and also when it reaches {@code maxBytes} or has been open for {@code
 * maxAgeMs}, so a long checkpoint interval cannot grow files without bound. File size is therefore
 * about (rows per partition per subtask per checkpoint interval) × row size; see the README's
 * sizing notes.
 *
 * @param <T> the record type
 */
public final class ParquetRolling<T> extends CheckpointRollingPolicy<T, String> {

  private final long maxBytes;
  private final long maxAgeMs;

  public ParquetRolling(long maxBytes, long maxAgeMs) {
    this.maxBytes = maxBytes;
    this.maxAgeMs = maxAgeMs;
  }

  @Override
  public boolean shouldRollOnEvent(PartFileInfo<String> partFile, T element) throws IOException {
    return partFile.getSize() >= maxBytes;
  }

  @Override
  public boolean shouldRollOnProcessingTime(PartFileInfo<String> partFile, long currentTime) {
    return currentTime - partFile.getCreationTime() >= maxAgeMs;
  }
}
