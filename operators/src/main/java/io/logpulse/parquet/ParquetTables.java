package io.logpulse.parquet;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * File sinks for logpulse's Parquet tables: {@code
 * <base>/<table>/dt=YYYY-MM-DD/hr=HH/part-*.parquet} on any Flink filesystem ({@code s3://} through
 * flink-s3-fs-hadoop's recoverable writer). Bulk formats roll on every checkpoint ({@link
 * ParquetRolling}), so each checkpoint commits each open file exactly once.
 */
public final class ParquetTables {

  /** Table of {@code MetricWindow} records. */
  public static final String METRICS = "metrics";

  /** Table of {@code Anomaly} records. */
  public static final String ANOMALIES = "anomalies";

  /** Table of {@code ChangeEvent} records. */
  public static final String CHANGES = "changes";

  /** Table of {@code Incident} records. */
  public static final String INCIDENTS = "incidents";

  /** Table of {@code DeadLetter} records. */
  public static final String DEAD_LETTERS = "dead_letters";

  /** File name prefix of committed Parquet files unless a run chooses its own. */
  public static final String DEFAULT_FILE_PREFIX = "part";

  private ParquetTables() {}

  /**
   * A sink writing {@code type} records to {@code <basePath>/<table>}.
   *
   * @param filePrefix start of every file name, {@link #DEFAULT_FILE_PREFIX} or a run's own
   * @param partitionTime the record's time that picks its {@code dt}/{@code hr} partition
   * @param rolling when part files close besides every checkpoint
   */
  public static <T extends SpecificRecordBase> FileSink<T> sink(
      String basePath,
      String table,
      String filePrefix,
      Class<T> type,
      HivePartitionBucketAssigner.PartitionTime<T> partitionTime,
      ParquetRolling<T> rolling) {
    return FileSink.forBulkFormat(
            new Path(tablePath(basePath, table)), SpecificParquetWriters.forType(type))
        .withBucketAssigner(new HivePartitionBucketAssigner<>(partitionTime))
        .withRollingPolicy(rolling)
        .withOutputFileConfig(
            OutputFileConfig.builder()
                .withPartPrefix(filePrefix)
                .withPartSuffix(".parquet")
                .build())
        .build();
  }

  /** The folder of a table under the output base path. */
  public static String tablePath(String basePath, String table) {
    return basePath.endsWith("/") ? basePath + table : basePath + "/" + table;
  }
}
