package io.logpulse.job;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import io.logpulse.config.ConfigSources;
import io.logpulse.config.JobOptions;
import io.logpulse.config.LogpulseConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The main class of the jar Managed Service for Apache Flink runs. It reads the runtime property
 * groups, wires the configured source and the Parquet sinks, and leaves checkpointing and
 * parallelism to the service.
 */
public final class ManagedFlinkEntryPoint {

  private ManagedFlinkEntryPoint() {}

  public static void main(String[] args) throws Exception {
    LogpulseConfig config =
        LogpulseConfig.of(
            ConfigSources.fromPropertyGroups(KinesisAnalyticsRuntime.getApplicationProperties()),
            KeyRegistry.deployed());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    LogpulseJob.define(
        env,
        JobSettings.from(config),
        JobSources.fromConfig(config),
        JobSinks.parquet(config.get(JobOptions.OUTPUT_PATH)));
    env.execute("logpulse");
  }
}
