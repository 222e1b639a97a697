package io.logpulse.job;

import io.logpulse.cloudwatch.CloudWatchDatum;
import io.logpulse.cloudwatch.CloudWatchSettings;
import io.logpulse.cloudwatch.CloudWatchSinks;
import io.logpulse.cloudwatch.MetricDatumMapper;
import io.logpulse.config.CloudWatchOptions;
import io.logpulse.config.EventBridgeOptions;
import io.logpulse.config.JobOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.eventbridge.EventBridgeSinks;
import io.logpulse.parquet.ParquetRolling;
import io.logpulse.parquet.ParquetTables;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.DeadLetter;
import io.logpulse.schema.Incident;
import io.logpulse.schema.MetricWindow;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go. The job graph takes them as arguments so tests and the local runner
 * can swap the deployed sinks for their own.
 *
 * @param metrics one record per series, window and revision
 * @param deadLetters everything the job could not use, with the reason
 * @param anomalies one record per step (open, update, close) of each anomaly
 * @param changes the mutating CloudTrail calls correlation considers
 * @param incidents one record per step of each incident
 * @param cloudWatch where window deltas are published as CloudWatch datums, or null for nowhere
 * @param eventBridge where incident steps are published as events, or null for nowhere
 */
public record JobSinks(
    Sink<MetricWindow> metrics,
    Sink<DeadLetter> deadLetters,
    Sink<Anomaly> anomalies,
    Sink<ChangeEvent> changes,
    Sink<Incident> incidents,
    CloudWatchOutput cloudWatch,
    Sink<Incident> eventBridge) {

  /**
   * CloudWatch publishing: how window deltas become datums, and the sink that publishes them.
   *
   * @param mapper window delta to datums, per the dimension policy
   * @param sink the sink of the configured delivery mode
   */
  public record CloudWatchOutput(MetricDatumMapper mapper, Sink<CloudWatchDatum> sink) {

    /** The output the settings describe. */
    public static CloudWatchOutput of(CloudWatchSettings settings) {
      return new CloudWatchOutput(
          new MetricDatumMapper(settings.policy()), CloudWatchSinks.create(settings));
    }
  }

  /**
   * The configured outputs: the Parquet tables under {@code basePath}, with file names starting
   * with {@code filePrefix} so one run's files can be told from another's, CloudWatch when {@code
   * cloudwatch.enabled} and EventBridge when {@code eventbridge.enabled}.
   */
  public static JobSinks fromConfig(LogpulseConfig config, String basePath, String filePrefix) {
    JobSinks parquet =
        parquet(
            basePath,
            filePrefix,
            config.get(JobOptions.OUTPUT_ROLLING_MAX_FILE_BYTES),
            config.get(JobOptions.OUTPUT_ROLLING_MAX_FILE_AGE).toMillis());
    JobSinks sinks =
        config.get(CloudWatchOptions.ENABLED)
            ? parquet.withCloudWatch(CloudWatchOptions.settings(config, basePath))
            : parquet;
    return config.get(EventBridgeOptions.ENABLED)
        ? sinks.withEventBridge(EventBridgeSinks.create(EventBridgeOptions.settings(config)))
        : sinks;
  }

  /** The Parquet tables only; part files also roll at {@code maxFileBytes} and {@code maxAgeMs}. */
  public static JobSinks parquet(
      String basePath, String filePrefix, long maxFileBytes, long maxAgeMs) {
    return new JobSinks(
        ParquetTables.sink(
            basePath,
            ParquetTables.METRICS,
            filePrefix,
            MetricWindow.class,
            MetricWindow::getWindowStart,
            new ParquetRolling<>(maxFileBytes, maxAgeMs)),
        ParquetTables.sink(
            basePath,
            ParquetTables.DEAD_LETTERS,
            filePrefix,
            DeadLetter.class,
            DeadLetter::getRecordedAt,
            new ParquetRolling<>(maxFileBytes, maxAgeMs)),
        ParquetTables.sink(
            basePath,
            ParquetTables.ANOMALIES,
            filePrefix,
            Anomaly.class,
            Anomaly::getTime,
            new ParquetRolling<>(maxFileBytes, maxAgeMs)),
        ParquetTables.sink(
            basePath,
            ParquetTables.CHANGES,
            filePrefix,
            ChangeEvent.class,
            ChangeEvent::getTime,
            new ParquetRolling<>(maxFileBytes, maxAgeMs)),
        ParquetTables.sink(
            basePath,
            ParquetTables.INCIDENTS,
            filePrefix,
            Incident.class,
            Incident::getTime,
            new ParquetRolling<>(maxFileBytes, maxAgeMs)),
        null,
        null);
  }

  /** These sinks, also publishing to CloudWatch. */
  public JobSinks withCloudWatch(CloudWatchSettings settings) {
    return new JobSinks(
        metrics,
        deadLetters,
        anomalies,
        changes,
        incidents,
        CloudWatchOutput.of(settings),
        eventBridge);
  }

  /** These sinks, also publishing incidents to {@code sink}. */
  public JobSinks withEventBridge(Sink<Incident> sink) {
    return new JobSinks(metrics, deadLetters, anomalies, changes, incidents, cloudWatch, sink);
  }
}
