package io.logpulse.local;

import io.logpulse.config.ConfigException;
import io.logpulse.config.JobOptions;
import io.logpulse.config.LogpulseConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/**
 * The folder where local live runs keep their checkpoints ({@code <job id>/chk-N}, Flink's layout)
 * and savepoints ({@code savepoints/savepoint-...}) on any Flink filesystem. It finds the newest
 * completed one to resume from, skipping any whose {@code _metadata} a killed process left torn,
 * and keeps the folder bounded across runs: Flink retains the newest checkpoints of one job, while
 * each resumed run is a new job whose predecessors' checkpoints Flink never deletes.
 */
public final class CheckpointStore {

  /** The folder of savepoints below the checkpoint folder. */
  public static final String SAVEPOINTS = "savepoints";

  private static final String METADATA = "_metadata";

  /** A completed checkpoint or savepoint. */
  public record Point(String path, boolean savepoint, long modified) {}

  private final Path root;

  public CheckpointStore(String root) {
    this.root = new Path(LocalRunner.absoluteOutputPath(root));
  }

  /**
   * The store {@code local.checkpoint-dir} names, by default {@code <output.path>/_checkpoints}.
   */
  public static CheckpointStore of(LogpulseConfig config) {
    return new CheckpointStore(
        config
            .find(LocalOptions.CHECKPOINT_DIR)
            .orElseGet(
                () ->
                    LocalRunner.absoluteOutputPath(config.get(JobOptions.OUTPUT_PATH))
                        + "/_checkpoints"));
  }

  /** The checkpoint folder as a URI, for {@code execution.checkpointing.dir}. */
  public String root() {
    return uri(root);
  }

  /** Where savepoints go. */
  public String savepoints() {
    return uri(new Path(root, SAVEPOINTS));
  }

  /** Every completed checkpoint and savepoint, newest first (by its metadata's time). */
  public List<Point> completed() throws IOException {
    List<Point> points = new ArrayList<>();
    for (Path folder : candidates()) {
      FileStatus metadata = status(new Path(folder, METADATA));
      if (metadata != null && metadata.getLen() > 0) {
        points.add(
            new Point(
                uri(folder),
                folder.getParent().getName().equals(SAVEPOINTS),
                metadata.getModificationTime()));
      }
    }
    points.sort(
        Comparator.comparingLong(Point::modified)
            .thenComparing(Point::path, CheckpointStore::byNumber)
            .reversed());
    return points;
  }

  /** The newest completed checkpoint or savepoint whose metadata can be read. */
  public Optional<Point> latest() throws IOException {
    for (Point point : completed()) {
      if (readable(point.path())) {
        return Optional.of(point);
      }
    }
    return Optional.empty();
  }

  /**
   * The path {@code resume} names, or empty for a fresh start ({@code none}, or {@code latest}
   * before any checkpoint completed: nothing was committed then, so starting over loses nothing).
   *
   * @throws ConfigException when a path names no completed checkpoint or savepoint
   */
  public Optional<String> resolve(ResumePoint resume) throws IOException {
    if (resume instanceof ResumePoint.At at) {
      return Optional.of(existing(at.path()));
    }
    return resume instanceof ResumePoint.Latest ? latest().map(Point::path) : Optional.empty();
  }

  /** The checkpoint or savepoint's metadata (operator states, without reading their data). */
  public static CheckpointMetadata metadata(String path) throws IOException {
    Path file = new Path(path, METADATA);
    try (InputStream in = file.getFileSystem().open(file)) {
      return Checkpoints.loadCheckpointMetadata(
          new DataInputStream(in), CheckpointStore.class.getClassLoader(), path);
    }
  }

  /**
   * Deletes all but the newest {@code retained} completed checkpoints of earlier runs, incomplete
   * ones and job folders left without checkpoints, never {@code keep} (the one a run resumes from)
   * nor savepoints.
   *
   * @return the folders deleted
   */
  public List<String> prune(int retained, Optional<String> keep) throws IOException {
    Set<String> kept = new HashSet<>();
    keep.ifPresent(kept::add);
    completed().stream()
        .filter(point -> !point.savepoint())
        .limit(retained)
        .forEach(point -> kept.add(point.path()));
    List<String> deleted = new ArrayList<>();
    FileSystem fs = root.getFileSystem();
    for (Path job : children(root)) {
      if (job.getName().equals(SAVEPOINTS)) {
        continue;
      }
      boolean jobKept = false;
      for (Path checkpoint : children(job)) {
        if (!checkpoint.getName().startsWith("chk-")) {
          continue;
        }
        if (kept.contains(uri(checkpoint))) {
          jobKept = true;
        } else if (fs.delete(checkpoint, true)) {
          deleted.add(uri(checkpoint));
        }
      }
      if (!jobKept && fs.delete(job, true)) {
        deleted.add(uri(job));
      }
    }
    return deleted;
  }

  private String existing(String path) throws IOException {
    Path folder = new Path(LocalRunner.absoluteOutputPath(path));
    if (folder.getName().equals(METADATA)) {
      folder = folder.getParent();
    }
    if (status(new Path(folder, METADATA)) == null) {
      throw new ConfigException(
          "local.resume: no checkpoint or savepoint at "
              + path
              + " (no _metadata there); use latest, none, or a chk-N or savepoint-... folder");
    }
    return uri(folder);
  }

  private List<Path> candidates() throws IOException {
    List<Path> folders = new ArrayList<>();
    for (Path job : children(root)) {
      folders.addAll(children(job));
    }
    return folders;
  }

  private static boolean readable(String path) {
    try {
      metadata(path);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private List<Path> children(Path folder) throws IOException {
    FileSystem fs = folder.getFileSystem();
    if (!fs.exists(folder)) {
      return List.of();
    }
    FileStatus[] statuses = fs.listStatus(folder);
    List<Path> children = new ArrayList<>();
    if (statuses != null) {
      for (FileStatus status : statuses) {
        if (status.isDir()) {
          children.add(status.getPath());
        }
      }
    }
    return children;
  }

  private static FileStatus status(Path path) throws IOException {
    FileSystem fs = path.getFileSystem();
    return fs.exists(path) ? fs.getFileStatus(path) : null;
  }

  /** One spelling of a path, {@code file:/x} for local files, whichever way it was found. */
  private static String uri(Path path) {
    return path.toUri().toString().replaceFirst("^file:///", "file:/");
  }

  /** Orders {@code chk-9} before {@code chk-10}. */
  private static int byNumber(String a, String b) {
    return Long.compare(trailingNumber(a), trailingNumber(b));
  }

  private static long trailingNumber(String path) {
    int end = path.endsWith("/") ? path.length() - 1 : path.length();
    int start = end;
    while (start > 0 && Character.isDigit(path.charAt(start - 1))) {
      start--;
    }
    return start == end ? -1 : Long.parseLong(path.substring(start, end));
  }
}
