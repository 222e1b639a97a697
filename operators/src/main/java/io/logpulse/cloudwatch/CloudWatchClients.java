package io.logpulse.cloudwatch;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/**
 * Builds the CloudWatch client: default credential chain, the configured region and endpoint, and
 * no SDK retries, because {@link CloudWatchPublisher} retries itself so it can count retries and
 * hand a request back to Flink when CloudWatch stays unavailable. An attempt is abandoned only
 * after {@link CloudWatchSettings#requestTimeout()}, both by the SDK and by the HTTP client's
 * socket, because an abandoned attempt may have been accepted and is then sent again.
 */
public final class CloudWatchClients {

  /** Region used with an endpoint override when none is configured (local servers ignore it). */
  static final String LOCAL_REGION = "us-east-1";

  private CloudWatchClients() {}

  /** A client for the settings' endpoint and region. */
  public static CloudWatchClient create(CloudWatchSettings settings) {
    Duration timeout = settings.requestTimeout();
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(timeout))
            .overrideConfiguration(
                c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(timeout));
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
