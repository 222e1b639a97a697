package io.logpulse.cloudwatch;

import org.apache.flink.api.connector.sink2.Sink;

/** The CloudWatch sink for a delivery mode. */
public final class CloudWatchSinks {

  private CloudWatchSinks() {}

  /** The sink the settings' delivery mode asks for. */
  public static Sink<CloudWatchDatum> create(CloudWatchSettings settings) {
    return switch (settings.delivery()) {
      case ON_CHECKPOINT -> new CheckpointedCloudWatchSink(settings);
      case IMMEDIATE -> new ImmediateCloudWatchSink(settings);
    };
  }
}
