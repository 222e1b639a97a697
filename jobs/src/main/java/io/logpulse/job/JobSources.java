package io.logpulse.job;

import io.logpulse.config.ConfigException;
import io.logpulse.config.JobOptions;
import io.logpulse.config.KinesisOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.decode.DecoderSettings;
import io.logpulse.kinesis.KinesisSource;
import io.logpulse.kinesis.KinesisSourceSettings;
import io.logpulse.replay.RecordingFileSource;

/** The sources the deployed job can read, chosen by {@code source.type}. */
public final class JobSources {

  private JobSources() {}

  /** A bounded replay of recorded Kinesis records from a file or a folder of them. */
  public static JobSource replay(String path) {
    return new JobSource.Raw(RecordingFileSource.of(path), "Recorded Kinesis records", true);
  }

  /** The Kinesis streams the configuration names, decoded in the source. */
  public static JobSource kinesis(LogpulseConfig config, DecoderSettings decoder) {
    KinesisSourceSettings settings = KinesisOptions.settings(config);
    return new JobSource.Decoding(
        new KinesisSource<>(settings, new EnvelopeDeserializer(decoder)),
        "Kinesis " + String.join(",", settings.streams()),
        settings.bounded());
  }

  /** The source the configuration names, for a deployment without the local generator. */
  public static JobSource fromConfig(LogpulseConfig config, JobSettings settings) {
    return switch (config.get(JobOptions.SOURCE_TYPE)) {
      case KINESIS -> kinesis(config, settings.decoder());
      case REPLAY -> replay(replayPath(config));
      case GENERATOR ->
          throw new ConfigException(
              "source.type=generator is only available in the local runner (local/run); deployed"
                  + " jobs read source.type=kinesis or replay");
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
