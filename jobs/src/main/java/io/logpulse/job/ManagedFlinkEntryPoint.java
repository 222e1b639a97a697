package io.logpulse.job;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import io.logpulse.config.ConfigException;
import io.logpulse.config.ConfigSources;
import io.logpulse.config.JobOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.parquet.ParquetTables;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The main class of the jar Managed Service for Apache Flink runs. It reads the runtime property
 * groups, wires the configured source, the Parquet sinks and (when enabled) CloudWatch, and leaves
 * checkpointing and parallelism to the service.
 */
public final class ManagedFlinkEntryPoint {

  private ManagedFlinkEntryPoint() {}

  public static void main(String[] args) throws Exception {
    LogpulseConfig config =
        LogpulseConfig.of(
            ConfigSources.fromPropertyGroups(KinesisAnalyticsRuntime.getApplicationProperties()),
            KeyRegistry.deployed());
    String outputPath = config.get(JobOptions.OUTPUT_PATH);
    if (!outputPath.contains("://")) {
      throw new ConfigException(
          "output.path must be a filesystem URI such as s3://bucket/logpulse when deployed, was "
              + outputPath);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings settings = JobSettings.from(config);
    LogpulseJob.define(
        env,
        settings,
        JobSources.fromConfig(config, settings),
        JobSinks.fromConfig(config, outputPath, ParquetTables.DEFAULT_FILE_PREFIX));
    env.execute("logpulse");
  }
}
