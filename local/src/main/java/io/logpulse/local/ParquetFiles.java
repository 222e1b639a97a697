package io.logpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Reads back committed Parquet files of a table from any Flink filesystem. */
public final class ParquetFiles {

  private ParquetFiles() {}

  /** The committed files under {@code folder} whose names start with {@code prefix}. */
  public static List<Path> committed(Path folder, String prefix) throws IOException {
    List<Path> files = new ArrayList<>();
    FileSystem fs = folder.getFileSystem();
    if (fs.exists(folder)) {
      collect(fs, folder, prefix, files);
    }
    return files;
  }

  private static void collect(FileSystem fs, Path folder, String prefix, List<Path> files)
      throws IOException {
    for (FileStatus status : fs.listStatus(folder)) {
      String name = status.getPath().getName();
      if (status.isDir()) {
        collect(fs, status.getPath(), prefix, files);
      } else if (name.startsWith(prefix) && name.endsWith(".parquet")) {
        files.add(status.getPath());
      }
    }
  }

  /** Hands every record of the file to {@code consumer}, as generic records. */
  static void read(Path file, Consumer<GenericRecord> consumer) {
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(
                new FlinkInputFile(file), new PlainParquetConfiguration())
            .withDataModel(GenericData.get())
            .build()) {
      GenericRecord record;
      while ((record = reader.read()) != null) {
        consumer.accept(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Parquet's view of a file on a Flink filesystem, so reading needs no Hadoop. */
  private record FlinkInputFile(Path path) implements InputFile {
    @Override
    public long getLength() throws IOException {
      return path.getFileSystem().getFileStatus(path).getLen();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      FSDataInputStream in = path.getFileSystem().open(path);
      return new DelegatingSeekableInputStream(in) {
        @Override
        public long getPos() throws IOException {
          return in.getPos();
        }

        @Override
        public void seek(long position) throws IOException {
          in.seek(position);
        }
      };
    }
  }
}
