package io.logpulse.local;

import io.logpulse.config.ConfigException;
import io.logpulse.config.JobOptions;
import io.logpulse.config.LogpulseConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Points a local job at the checkpoint or savepoint {@code local.resume} chose, after checking that
 * its state maps onto the job ({@link StateCompatibility}). A checkpoint is a live run's state, so
 * a resumed run is a streaming one, also when its source is bounded.
 */
final class Resume {

  private Resume() {}

  /**
   * The configuration a resumed run uses: {@code execution.mode=auto} becomes streaming.
   *
   * @throws ConfigException for {@code execution.mode=batch}, which cannot restore state
   */
  static LogpulseConfig asStream(LogpulseConfig config) {
    return switch (config.get(JobOptions.EXECUTION_MODE)) {
      case STREAMING -> config;
      case AUTO -> config.with(JobOptions.EXECUTION_MODE, "streaming");
      case BATCH ->
          throw new ConfigException(
              "local.resume restores a live run's checkpoint, which a batch run cannot:"
                  + " use execution.mode=streaming (or auto) with it, or local.resume=none");
    };
  }

  /** Sets {@code graph} to restore from {@code restore}, or says that the run starts fresh. */
  static void apply(
      StreamGraph graph,
      Optional<String> restore,
      LogpulseConfig config,
      CheckpointStore store,
      PrintStream console)
      throws IOException {
    if (restore.isEmpty()) {
      if (config.get(LocalOptions.RESUME) instanceof ResumePoint.Latest) {
        console.println(
            "logpulse: no completed checkpoint or savepoint in "
                + store.root()
                + " yet: starting fresh");
      }
      return;
    }
    boolean allowNonRestored = config.get(LocalOptions.RESUME_ALLOW_NON_RESTORED_STATE);
    StateCompatibility.check(restore.get(), graph, allowNonRestored);
    graph.setSavepointRestoreSettings(
        SavepointRestoreSettings.forPath(restore.get(), allowNonRestored));
    console.println("logpulse: resuming from " + restore.get());
  }
}
