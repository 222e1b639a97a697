package io.logpulse.cloudwatch;

import io.logpulse.aws.AwsClients;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Builds the CloudWatch client through {@link AwsClients}: default credential chain, the configured
 * region and endpoint, and no SDK retries, because {@link CloudWatchPublisher} retries itself so it
 * can count retries and hand a request back to Flink when CloudWatch stays unavailable. An attempt
 * is abandoned only after {@link CloudWatchSettings#requestTimeout()}, both by the SDK and by the
 * HTTP client's socket, because an abandoned attempt may have been accepted and is then sent again.
 */
public final class CloudWatchClients {

  private CloudWatchClients() {}

  /** A client for the settings' endpoint and region. */
  public static CloudWatchClient create(CloudWatchSettings settings) {
    return AwsClients.sync(CloudWatchClient.builder(), settings.client()).build();
  }
}
