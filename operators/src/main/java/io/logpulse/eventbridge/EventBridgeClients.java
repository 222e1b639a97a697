package io.logpulse.eventbridge;

import io.logpulse.common.AwsEndpoints;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/**
 * Builds the EventBridge client: default credential chain, the configured region and endpoint (see
 * {@link AwsEndpoints}), and the SDK's standard retry strategy with {@link
 * EventBridgeSettings#maxAttempts()} attempts and exponential backoff with full jitter for
 * throttling, 5xx answers and connection failures. Its circuit breaker (the retry quota that stops
 * retrying after many failures) is off: the sink hands a request that used up its attempts back to
 * Flink, which sends it again at once, so retries without backoff would only hammer an endpoint
 * that is already failing. An attempt is abandoned after {@link
 * EventBridgeSettings#requestTimeout()}, both by the SDK and by the HTTP client's socket.
 */
public final class EventBridgeClients {

  private EventBridgeClients() {}

  /** A client for the settings' endpoint and region. */
  public static EventBridgeClient create(EventBridgeSettings settings) {
    BackoffStrategy backoff =
        BackoffStrategy.exponentialDelay(settings.backoffBase(), settings.backoffMax());
    EventBridgeClientBuilder builder =
        EventBridgeClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(settings.requestTimeout()))
            .overrideConfiguration(
                c ->
                    c.retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .backoffStrategy(backoff)
                                .throttlingBackoffStrategy(backoff)
                                .circuitBreakerEnabled(false)
                                .build())
                        .apiCallAttemptTimeout(settings.requestTimeout()));
    return AwsEndpoints.apply(builder, settings.endpoint(), settings.region()).build();
  }
}
