package io.logpulse.replay;

import io.logpulse.schema.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;

/**
 * Reads recorded records with {@link RecordedRecordsFormat}, and turns a file that cannot even be
 * opened (a {@code .gz} that is no gzip: Flink decompresses by suffix before the format sees a
 * byte) into one unreadable record naming the file and the cause, so one bad file costs only itself
 * instead of failing the replay.
 */
final class UnopenableFileTolerantFormat implements BulkFormat<SourceRecord, FileSourceSplit> {
  private static final long serialVersionUID = 1L;

  private final BulkFormat<SourceRecord, FileSourceSplit> files =
      new StreamFormatAdapter<>(new RecordedRecordsFormat());

  @Override
  public Reader<SourceRecord> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    try {
      return files.createReader(config, split);
    } catch (IOException cannotOpen) {
      return unopenable(split, cannotOpen);
    }
  }

  @Override
  public Reader<SourceRecord> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    try {
      return files.restoreReader(config, split);
    } catch (IOException cannotOpen) {
      boolean alreadyReported =
          split.getReaderPosition().map(p -> p.getRecordsAfterOffset() > 0).orElse(false);
      return alreadyReported ? new Unopenable(null) : unopenable(split, cannotOpen);
    }
  }

  private static Reader<SourceRecord> unopenable(FileSourceSplit split, IOException cause) {
    String file = split.path().toString();
    return new Unopenable(
        RecordedRecordJson.unreadable("", "cannot open " + file + ": " + cause.getMessage(), file));
  }

  @Override
  public boolean isSplittable() {
    return files.isSplittable();
  }

  @Override
  public TypeInformation<SourceRecord> getProducedType() {
    return files.getProducedType();
  }

  /** A reader of one unreadable record (or of nothing, once it was emitted before a restore). */
  private static final class Unopenable implements Reader<SourceRecord> {
    private SourceRecord record;

    Unopenable(SourceRecord record) {
      this.record = record;
    }

    @Override
    public RecordIterator<SourceRecord> readBatch() {
      if (record == null) {
        return null;
      }
      SingletonResultIterator<SourceRecord> batch = new SingletonResultIterator<>();
      batch.set(record, CheckpointedPosition.NO_OFFSET, 1);
      record = null;
      return batch;
    }

    @Override
    public void close() {}
  }
}
