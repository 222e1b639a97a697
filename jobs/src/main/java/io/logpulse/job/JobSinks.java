package io.logpulse.job;

import io.logpulse.parquet.ParquetTables;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.MetricWindow;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go. The job graph takes them as arguments so tests and the local runner
 * can swap the deployed sinks for their own.
 *
 * @param metrics one record per series, window and revision
 * @param deadLetters everything the job could not use, with the reason
 * @param anomalies one record per step (open, update, close) of each anomaly
 */
public record JobSinks(
    Sink<MetricWindow> metrics, Sink<DeadLetter> deadLetters, Sink<Anomaly> anomalies) {

  /** The Parquet tables under {@code basePath}. */
  public static JobSinks parquet(String basePath) {
    return parquet(basePath, ParquetTables.DEFAULT_FILE_PREFIX);
  }

  /**
   * The Parquet tables under {@code basePath}, with file names starting with {@code filePrefix} so
   * one run's files can be told from another's.
   */
  public static JobSinks parquet(String basePath, String filePrefix) {
    return new JobSinks(
        ParquetTables.sink(
            basePath,
            ParquetTables.METRICS,
            filePrefix,
            MetricWindow.class,
            MetricWindow::getWindowStart),
        ParquetTables.sink(
            basePath,
            ParquetTables.DEAD_LETTERS,
            filePrefix,
            DeadLetter.class,
            DeadLetter::getRecordedAt),
        ParquetTables.sink(
            basePath, ParquetTables.ANOMALIES, filePrefix, Anomaly.class, Anomaly::getTime));
  }
}
