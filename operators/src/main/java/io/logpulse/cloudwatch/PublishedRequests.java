package io.logpulse.cloudwatch;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The committer's record of which PutMetricData requests went out, one empty marker file per
 * request id under {@code <folder>/<yyyy-MM-dd of the request's checkpoint>/}. CloudWatch has no
 * idempotency key, and Flink re-commits a checkpoint's committables after a restart when it cannot
 * know they were committed; the marker lets such a retry skip what CloudWatch already has.
 *
 * <p>Markers are only needed while a checkpoint that holds their request may still be restored, so
 * an S3 lifecycle rule on the folder (for example expiring after 7 days) keeps it small.
 */
public final class PublishedRequests {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final Path folder;

  public PublishedRequests(String folder) {
    this.folder = new Path(folder);
  }

  /** Whether the request was marked published. */
  public boolean contains(PublishRequest request) throws IOException {
    Path marker = marker(request);
    return marker.getFileSystem().exists(marker);
  }

  /** Marks the request published. */
  public void add(PublishRequest request) throws IOException {
    Path marker = marker(request);
    marker.getFileSystem().create(marker, FileSystem.WriteMode.OVERWRITE).close();
  }

  private Path marker(PublishRequest request) {
    return new Path(
        new Path(folder, DAY.format(Instant.ofEpochMilli(request.createdAt()))), request.id());
  }
}
