package io.logpulse.replay;

import io.logpulse.schema.SourceRecord;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * The bounded source of a replay: the recorded Kinesis records of a file or folder, listed by
 * {@link RecordingFiles}' rule (the one {@code logpulse decode} uses), one split per file, read by
 * {@link RecordedRecordsFormat}.
 */
public final class RecordingFileSource {

  private RecordingFileSource() {}

  /** The source for a file or folder on any Flink filesystem. */
  public static FileSource<SourceRecord> of(String path) {
    return FileSource.forBulkFileFormat(new UnopenableFileTolerantFormat(), new Path(path))
        .setFileEnumerator(RecordingFileEnumerator::new)
        .build();
  }
}
