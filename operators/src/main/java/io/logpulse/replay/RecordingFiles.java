package io.logpulse.replay;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The one rule for which files of a recording are read, shared by every command that reads a folder
 * ({@code logpulse decode}, the replay source), so the same folder is read the same way: every file
 * below the folder, recursively, in path order, except hidden ones (names starting with {@code _}
 * or {@code .}, also for folders: temporary and marker files such as {@code _SUCCESS} or {@code
 * .part}), which are skipped and reported; a file given by name is read even if hidden. A
 * compressed file ({@code .gz}, {@code .gzip}, {@code .deflate}, {@code .bz2}, {@code .xz}) is
 * decompressed, as Flink's file source does.
 */
public final class RecordingFiles {

  private RecordingFiles() {}

  /**
   * The files to read and the hidden ones skipped.
   *
   * @param files the files to read, in path order, with their sizes
   * @param skipped the hidden files and folders skipped, in path order
   */
  public record Listing(List<FileStatus> files, List<Path> skipped) {

    /** One line saying how many hidden files were skipped and which, or null when none were. */
    public String skippedReport() {
      if (skipped.isEmpty()) {
        return null;
      }
      StringBuilder names = new StringBuilder();
      for (int i = 0; i < skipped.size() && i < 10; i++) {
        names.append(i == 0 ? "" : ", ").append(skipped.get(i).getName());
      }
      return "skipped "
          + skipped.size()
          + " hidden file"
          + (skipped.size() == 1 ? "" : "s")
          + " or folder"
          + (skipped.size() == 1 ? "" : "s")
          + " (names starting with _ or .): "
          + names
          + (skipped.size() > 10 ? ", ..." : "");
    }
  }

  /** Whether a file or folder name is hidden from a folder's recording. */
  public static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  /** The recording at {@code root}: the file itself, or the visible files below the folder. */
  public static Listing list(Path root) throws IOException {
    FileSystem fs = root.getFileSystem();
    FileStatus status = fs.getFileStatus(root);
    List<FileStatus> files = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    if (status.isDir()) {
      collect(fs, root, files, skipped);
    } else {
      files.add(status);
    }
    files.sort(Comparator.comparing(f -> f.getPath().toString()));
    skipped.sort(Comparator.comparing(Path::toString));
    return new Listing(List.copyOf(files), List.copyOf(skipped));
  }

  private static void collect(FileSystem fs, Path dir, List<FileStatus> files, List<Path> skipped)
      throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    if (children == null) {
      return;
    }
    for (FileStatus child : children) {
      if (isHidden(child.getPath().getName())) {
        skipped.add(child.getPath());
      } else if (child.isDir()) {
        collect(fs, child.getPath(), files, skipped);
      } else {
        files.add(child);
      }
    }
  }

  /** Opens a recording file, decompressed by its extension as Flink's file source does. */
  public static InputStream open(Path file) throws IOException {
    InputStream in = file.getFileSystem().open(file);
    InflaterInputStreamFactory<?> decompressor =
        StandardDeCompressors.getDecompressorForFileName(file.getPath());
    if (decompressor == null) {
      return in;
    }
    try {
      return decompressor.create(in);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }
}
