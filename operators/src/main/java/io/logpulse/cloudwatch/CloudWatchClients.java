package io.logpulse.cloudwatch;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/**
 * Builds the CloudWatch client: default credential chain, the configured region and endpoint, and
 * no SDK retries, because {@link CloudWatchPublisher} retries itself so it can count retries and
 * hand a request back to Flink when CloudWatch stays unavailable.
 */
public final class CloudWatchClients {

  /** Region used with an endpoint override when none is configured (local servers ignore it). */
  static final String LOCAL_REGION = "us-east-1";

  private CloudWatchClients() {}

  /** A client for the settings' endpoint and region. */
  public static CloudWatchClient create(CloudWatchSettings settings) {
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder()
            .overrideConfiguration(
                c ->
                    c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(20)));
    if (settings.endpoint() != null) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    } else if (settings.endpoint() != null) {
      builder.region(Region.of(LOCAL_REGION));
    }
    return builder.build();
  }
}
