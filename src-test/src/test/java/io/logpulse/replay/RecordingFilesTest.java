package io.logpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.testing.Envelopes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One listing rule for every command that reads a folder of recordings. */
class RecordingFilesTest {

  @TempDir Path dir;

  private org.apache.flink.core.fs.Path folder() throws IOException {
    Files.writeString(dir.resolve("a.json"), "{}");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Files.writeString(dir.resolve(".b.json.crc"), "x");
    Files.createDirectories(dir.resolve("sub"));
    Files.write(dir.resolve("sub/c.json.gz"), Envelopes.gzip("{\"c\":1}".getBytes()));
    Files.createDirectories(dir.resolve("_temporary"));
    Files.writeString(dir.resolve("_temporary/d.json"), "{}");
    return new org.apache.flink.core.fs.Path(dir.toUri());
  }

  @Test
  void hiddenFilesAndFoldersAreSkippedAndReported() throws IOException {
    RecordingFiles.Listing listing = RecordingFiles.list(folder());

    assertThat(listing.files())
        .extracting(f -> f.getPath().getName())
        .containsExactly("a.json", "c.json.gz");
    assertThat(listing.skipped())
        .extracting(org.apache.flink.core.fs.Path::getName)
        .containsExactly(".b.json.crc", "_SUCCESS", "_temporary");
    assertThat(listing.skippedReport())
        .startsWith("skipped 3 hidden files or folders (names starting with _ or .)")
        .contains("_SUCCESS");
  }

  @Test
  void aHiddenFileGivenByNameIsRead() throws IOException {
    folder();
    RecordingFiles.Listing listing =
        RecordingFiles.list(new org.apache.flink.core.fs.Path(dir.resolve("_SUCCESS").toUri()));

    assertThat(listing.files()).hasSize(1);
    assertThat(listing.skippedReport()).isNull();
  }

  @Test
  void compressedFilesAreDecompressedByTheirExtension() throws IOException {
    folder();
    FileStatus gz =
        RecordingFiles.list(new org.apache.flink.core.fs.Path(dir.toUri())).files().get(1);

    try (InputStream in = RecordingFiles.open(gz.getPath())) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"c\":1}");
    }
  }

  @Test
  void theReplayEnumeratorMakesOneSplitPerListedFile() throws IOException {
    org.apache.flink.core.fs.Path root = folder();

    List<FileSourceSplit> splits =
        List.copyOf(
            new RecordingFileEnumerator()
                .enumerateSplits(new org.apache.flink.core.fs.Path[] {root}, 1));

    assertThat(splits)
        .extracting(s -> s.path().getName())
        .containsExactlyInAnyOrder("a.json", "c.json.gz");
    assertThat(splits).extracting(FileSourceSplit::splitId).doesNotHaveDuplicates();
  }
}
