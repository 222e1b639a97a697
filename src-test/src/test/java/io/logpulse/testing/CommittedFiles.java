package io.logpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Whether a running job has committed Parquet files yet (in-progress files come and go). */
public final class CommittedFiles {

  private CommittedFiles() {}

  /** True once a committed, non-empty Parquet file exists below {@code table}. */
  public static boolean exist(Path table) {
    if (!Files.exists(table)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(table)) {
      return files.anyMatch(
          p -> p.getFileName().toString().endsWith(".parquet") && p.toFile().length() > 0);
    } catch (IOException | UncheckedIOException fileVanishedDuringTheWalk) {
      return false;
    }
  }
}
