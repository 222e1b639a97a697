package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.config.ConfigException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Picking the checkpoint or savepoint to resume from in a checkpoint folder, and keeping the folder
 * bounded across runs.
 */
class CheckpointStoreTest {

  @TempDir Path dir;

  private long clock = 1_700_000_000_000L;

  /** A completed checkpoint or savepoint folder, its metadata written {@code clock} later. */
  private Path completed(String relative) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(relative));
    Path metadata = folder.resolve("_metadata");
    try (OutputStream out = Files.newOutputStream(metadata)) {
      Checkpoints.storeCheckpointMetadata(
          new CheckpointMetadata(7, List.of(), List.of()), new DataOutputStream(out));
    }
    clock += 1000;
    Files.setLastModifiedTime(metadata, FileTime.fromMillis(clock));
    return folder;
  }

  private static String uri(Path folder) {
    return folder.toUri().toString().replaceFirst("^file:///", "file:/").replaceAll("/$", "");
  }

  @Test
  void latestIsTheNewestCompletedCheckpointOrSavepoint() throws IOException {
    completed("job-a/chk-3");
    completed("job-a/chk-4");
    Path savepoint = completed("savepoints/savepoint-a1b2c3-0123456789ab");
    Path newest = completed("job-b/chk-5");
    Files.createDirectories(dir.resolve("job-b/chk-6")); // in flight when the process died
    Files.createDirectories(dir.resolve("job-b/shared"));
    CheckpointStore store = new CheckpointStore(dir.toString());

    assertThat(store.latest()).map(CheckpointStore.Point::path).contains(uri(newest));
    assertThat(store.completed())
        .extracting(CheckpointStore.Point::savepoint)
        .containsExactly(false, true, false, false);

    Files.delete(newest.resolve("_metadata"));
    assertThat(store.latest()).map(CheckpointStore.Point::path).contains(uri(savepoint));
    assertThat(store.latest()).map(CheckpointStore.Point::savepoint).contains(true);
  }

  @Test
  void aTornMetadataFileIsSkipped() throws IOException {
    Path good = completed("job-a/chk-3");
    Path torn = completed("job-a/chk-4");
    byte[] bytes = Files.readAllBytes(torn.resolve("_metadata"));
    Files.write(torn.resolve("_metadata"), java.util.Arrays.copyOf(bytes, 5));
    Files.setLastModifiedTime(torn.resolve("_metadata"), FileTime.fromMillis(clock + 5000));

    assertThat(new CheckpointStore(dir.toString()).latest())
        .map(CheckpointStore.Point::path)
        .contains(uri(good));
  }

  @Test
  void resolveGivesLatestAPathOrAFreshStart() throws IOException {
    CheckpointStore store = new CheckpointStore(dir.toString());
    assertThat(store.resolve(new ResumePoint.Latest())).isEmpty();
    assertThat(store.resolve(new ResumePoint.Fresh())).isEmpty();

    Path checkpoint = completed("job-a/chk-3");
    assertThat(store.resolve(new ResumePoint.Latest())).contains(uri(checkpoint));
    assertThat(store.resolve(new ResumePoint.Fresh())).isEmpty();
    assertThat(store.resolve(new ResumePoint.At(checkpoint.toString()))).contains(uri(checkpoint));
    assertThat(store.resolve(new ResumePoint.At(checkpoint.resolve("_metadata").toString())))
        .contains(uri(checkpoint));
    assertThatThrownBy(() -> store.resolve(new ResumePoint.At(dir.resolve("job-a").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("local.resume: no checkpoint or savepoint at")
        .hasMessageContaining("no _metadata there");
  }

  @Test
  void pruneKeepsTheNewestCheckpointsTheResumePointAndSavepoints() throws IOException {
    Path oldest = completed("job-a/chk-1");
    completed("job-a/chk-2");
    Path savepoint = completed("savepoints/savepoint-a1b2c3-0123456789ab");
    Path b3 = completed("job-b/chk-3");
    Path b4 = completed("job-b/chk-4");
    Path incomplete = Files.createDirectories(dir.resolve("job-b/chk-5"));
    Path emptyJob = Files.createDirectories(dir.resolve("job-c/shared"));
    CheckpointStore store = new CheckpointStore(dir.toString());

    store.prune(2, Optional.of(uri(oldest)));

    assertThat(oldest).exists();
    assertThat(dir.resolve("job-a/chk-2")).doesNotExist();
    assertThat(savepoint).exists();
    assertThat(b3).exists();
    assertThat(b4).exists();
    assertThat(incomplete).doesNotExist();
    assertThat(emptyJob.getParent()).doesNotExist();

    store.prune(1, Optional.empty());
    assertThat(dir.resolve("job-a")).doesNotExist();
    assertThat(b3).doesNotExist();
    assertThat(b4).exists();
    assertThat(savepoint).exists();
  }
}
