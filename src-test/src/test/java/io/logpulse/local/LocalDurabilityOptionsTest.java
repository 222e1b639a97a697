package io.logpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpulse.config.ConfigException;
import io.logpulse.config.LogpulseConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

/**
 * The keys of durable local runs: {@code local.resume}, the {@code flink.<key>} passthrough (only
 * keys Flink declares, values Flink parses, applied last) and the Flink configuration they give.
 */
class LocalDurabilityOptionsTest {

  private static LogpulseConfig config(Map<String, String> values) {
    return LogpulseConfig.of(values, LocalOptions.allKeys());
  }

  @Test
  void resumeIsNoneLatestOrAPath() {
    assertThat(config(Map.of()).get(LocalOptions.RESUME)).isEqualTo(new ResumePoint.Fresh());
    assertThat(config(Map.of("local.resume", "none")).get(LocalOptions.RESUME))
        .isEqualTo(new ResumePoint.Fresh());
    assertThat(config(Map.of("local.resume", " Latest ")).get(LocalOptions.RESUME))
        .isEqualTo(new ResumePoint.Latest());
    assertThat(
            config(Map.of("local.resume", "s3://lake/_checkpoints/ab/chk-7"))
                .get(LocalOptions.RESUME))
        .isEqualTo(new ResumePoint.At("s3://lake/_checkpoints/ab/chk-7"));
    assertThatThrownBy(() -> config(Map.of("local.resume", " ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("local.resume")
        .hasMessageContaining("none | latest | the path of a checkpoint or savepoint");
  }

  @Test
  void flinkKeysThatFlinkDeclaresPassThrough() {
    LogpulseConfig config =
        config(
            Map.of(
                "flink.execution.checkpointing.timeout", "45s",
                "flink.state.backend.rocksdb.memory.managed", "false",
                "flink.taskmanager.memory.network.fraction", "0.2"));

    assertThat(config.members(LocalOptions.FLINK))
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of(
                    "execution.checkpointing.timeout", "45s",
                    "state.backend.rocksdb.memory.managed", "false",
                    "taskmanager.memory.network.fraction", "0.2")));
  }

  @Test
  void anUnknownFlinkKeyIsNamedWithTheNearestDeclaredOne() {
    assertThatThrownBy(() -> config(Map.of("flink.execution.checkpointing.intervall", "2s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown Flink configuration key 'flink.execution.checkpointing.intervall'; did you"
                + " mean 'flink.execution.checkpointing.interval'?");
    assertThatThrownBy(() -> config(Map.of("flink.no.such.thing.anywhere.at.all", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown Flink configuration key 'flink.no.such.thing.anywhere.at.all'");
  }

  @Test
  void aFlinkValueIsParsedByItsOption() {
    assertThatThrownBy(() -> config(Map.of("flink.execution.checkpointing.interval", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "invalid value 'soon' for flink.execution.checkpointing.interval: ");
    assertThatThrownBy(
            () ->
                config(
                    Map.of(
                        "flink.execution.checkpointing.externalized-checkpoint-retention",
                        "KEEP_FOREVER")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KEEP_FOREVER");
  }

  @Test
  void theFlinkConfigurationKeepsCheckpointsAndRestartsLiveRunsOnly() {
    LogpulseConfig config = config(Map.of("output.path", "/tmp/lp-out"));
    CheckpointStore store = CheckpointStore.of(config);

    Configuration live = LocalFlinkConfiguration.of(config, store, true);
    assertThat(live.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo("file:/tmp/lp-out/_checkpoints");
    assertThat(live.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
        .isEqualTo("file:/tmp/lp-out/_checkpoints/savepoints");
    assertThat(live.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(live.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(3);
    assertThat(live.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(live.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    assertThat(live.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
        .isEqualTo(3);

    Configuration batch = LocalFlinkConfiguration.of(config, store, false);
    assertThat(batch.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
  }

  @Test
  void localKeysAndFlinkKeysReachTheConfigurationAndFlinkKeysWin() {
    LogpulseConfig config =
        config(
            Map.of(
                "local.checkpoint-dir", "s3://lake/ckpt",
                "local.checkpoints-retained", "5",
                "local.state-backend", "rocksdb",
                "local.restart-attempts", "7",
                "local.checkpoint-interval", "10s",
                "flink.execution.checkpointing.interval", "2s"));
    Configuration conf = LocalFlinkConfiguration.of(config, CheckpointStore.of(config), true);

    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://lake/ckpt");
    assertThat(conf.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(5);
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
        .isEqualTo(7);
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
        .isEqualTo(Duration.ofSeconds(2));

    Configuration none =
        LocalFlinkConfiguration.of(
            config(Map.of("local.restart-strategy", "none")), CheckpointStore.of(config), true);
    assertThat(none.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
  }

  @Test
  void theResumeCommandRepeatsTheSettingsQuotedForTheShell() {
    assertThat(
            JobWatch.resumeCommand(
                Map.of("output.path", "/tmp/my out", "local.resume", "none", "window.size", "1m"),
                "file:/tmp/my out/_checkpoints/savepoints/savepoint-ab-cd"))
        .isEqualTo(
            "local/logpulse run --set 'local.resume=file:/tmp/my out/_checkpoints/savepoints/"
                + "savepoint-ab-cd' --set 'output.path=/tmp/my out' --set window.size=1m");
  }
}
