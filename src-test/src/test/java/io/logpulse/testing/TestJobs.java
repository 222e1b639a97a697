package io.logpulse.testing;

import io.logpulse.config.LogpulseConfig;
import io.logpulse.job.JobSettings;
import io.logpulse.job.JobSinks;
import io.logpulse.job.JobSource;
import io.logpulse.job.LogpulseJob;
import io.logpulse.local.LocalOptions;
import io.logpulse.schema.SourceRecord;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the logpulse job graph in a local MiniCluster with parallelism 2, checkpoints every 200 ms
 * and up to three restarts, as the MiniCluster integration tests need it.
 */
public final class TestJobs {

  private TestJobs() {}

  /** The default configuration with {@code values} set. */
  public static LogpulseConfig config(Map<String, String> values) {
    return LogpulseConfig.of(values, LocalOptions.allKeys());
  }

  /** Runs the job to its end. */
  public static void run(LogpulseConfig config, Source<SourceRecord, ?, ?> source, JobSinks sinks)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    LogpulseJob.define(
        env, JobSettings.from(config), new JobSource.Raw(source, "test records"), sinks);
    env.execute("logpulse test");
  }
}
