package io.logpulse.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a replay's files with {@link RecordingFiles}' rule instead of Flink's default filter, so a
 * replay reads exactly the files {@code logpulse decode} reads; each file is one split, so a
 * folder's files are read in parallel. Skipped hidden files are logged.
 */
public final class RecordingFileEnumerator implements FileEnumerator {

  private static final Logger LOG = LoggerFactory.getLogger(RecordingFileEnumerator.class);

  private int nextId;

  @Override
  public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
      throws IOException {
    List<FileSourceSplit> splits = new ArrayList<>();
    for (Path path : paths) {
      RecordingFiles.Listing listing = RecordingFiles.list(path);
      if (listing.skippedReport() != null) {
        LOG.warn("Replay of {}: {}", path, listing.skippedReport());
      }
      for (FileStatus file : listing.files()) {
        splits.add(
            new FileSourceSplit(
                Integer.toString(nextId++),
                file.getPath(),
                0,
                file.getLen(),
                file.getModificationTime(),
                file.getLen()));
      }
    }
    return splits;
  }
}
