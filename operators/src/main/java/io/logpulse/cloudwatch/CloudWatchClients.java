package io.logpulse.cloudwatch;

import io.logpulse.common.AwsEndpoints;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
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

  private CloudWatchClients() {}

  /** A client for the settings' endpoint and region. */
  public static CloudWatchClient create(CloudWatchSettings settings) {
    Duration timeout = settings.requestTimeout();
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(timeout))
            .overrideConfiguration(
                c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(timeout));
    return AwsEndpoints.apply(builder, settings.endpoint(), settings.region()).build();
  }
}
