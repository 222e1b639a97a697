package io.logpulse.local;

import io.logpulse.config.LogpulseConfig;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The Flink configuration of a local run, from the {@code local.*} keys and then the {@code
 * flink.*} passthrough, which wins: parallelism, web UI, durable checkpoints in the checkpoint
 * folder (retained when the job is cancelled or fails, so a later run can resume), the state
 * backend and, for live runs, a bounded exponential-delay restart strategy. MSF sets all of these
 * itself when deployed.
 */
final class LocalFlinkConfiguration {

  /** First restart delay; it doubles per failure up to {@link #MAX_BACKOFF}. */
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** After this long without a failure the restart count starts again. */
  static final Duration RESET_BACKOFF_THRESHOLD = Duration.ofHours(1);

  private LocalFlinkConfiguration() {}

  /**
   * The configuration.
   *
   * @param streaming whether the job runs as a stream; batch runs never restart (they have no
   *     checkpoint to restart from, and a bounded run that fails should say so at once)
   */
  static Configuration of(LogpulseConfig config, CheckpointStore store, boolean streaming) {
    Configuration conf = new Configuration();
    int parallelism = config.get(LocalOptions.PARALLELISM);
    conf.set(RestOptions.BIND_PORT, String.valueOf(config.get(LocalOptions.WEB_UI_PORT)));
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    // Hadoop's shutdown hook (S3 filesystem) reads its configuration through the job's class
    // loader after the job closed it; with the check on, every s3:// run ends in a stack trace.
    conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    conf.setString("metrics.reporter.logpulse.factory.class", JobCounters.Factory.class.getName());

    conf.set(
        CheckpointingOptions.CHECKPOINTING_INTERVAL, config.get(LocalOptions.CHECKPOINT_INTERVAL));
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, store.root());
    conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, store.savepoints());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(
        CheckpointingOptions.MAX_RETAINED_CHECKPOINTS,
        config.get(LocalOptions.CHECKPOINTS_RETAINED));
    conf.set(
        StateBackendOptions.STATE_BACKEND,
        config.get(LocalOptions.STATE_BACKEND).name().toLowerCase(Locale.ROOT));

    if (streaming
        && config.get(LocalOptions.RESTART_STRATEGY)
            == LocalOptions.RestartStrategy.EXPONENTIAL_DELAY) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
          INITIAL_BACKOFF);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, MAX_BACKOFF);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
          RESET_BACKOFF_THRESHOLD);
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
          config.get(LocalOptions.RESTART_ATTEMPTS));
    } else {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    }
    conf.addAll(LocalRunner.s3Configuration(config));
    config.members(LocalOptions.FLINK).forEach(conf::setString);
    return conf;
  }
}
