package io.logpulse.job;

import io.logpulse.config.ConfigException;
import io.logpulse.config.JobOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.replay.RecordedRecordsFormat;
import io.logpulse.schema.SourceRecord;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/** The sources the deployed job can read, chosen by {@code source.type}. */
public final class JobSources {

  private JobSources() {}

  /** A bounded replay of recorded Kinesis records from a file or a folder of them. */
  public static Source<SourceRecord, ?, ?> replay(String path) {
    return FileSource.forRecordStreamFormat(new RecordedRecordsFormat(), new Path(path)).build();
  }

  /** The source the configuration names, for a deployment without the local generator. */
  public static Source<SourceRecord, ?, ?> fromConfig(LogpulseConfig config) {
    return switch (config.get(JobOptions.SOURCE_TYPE)) {
      case REPLAY -> replay(replayPath(config));
      case GENERATOR ->
          throw new ConfigException(
              "source.type=generator is only available in the local runner (local/run); deployed"
                  + " jobs read source.type=replay");
    };
  }

  /** The replay path, required when replaying. */
  public static String replayPath(LogpulseConfig config) {
    return config
        .find(JobOptions.SOURCE_REPLAY_PATH)
        .orElseThrow(
            () -> new ConfigException("source.replay.path is required when source.type=replay"));
  }
}
