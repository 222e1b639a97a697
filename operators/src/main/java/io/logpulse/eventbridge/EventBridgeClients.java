package io.logpulse.eventbridge;

import io.logpulse.aws.AwsClients;
import io.logpulse.aws.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Builds the EventBridge client through {@link AwsClients}: default credential chain, the
 * configured region and endpoint, and the SDK's standard retry strategy with the settings' {@link
 * EventBridgeSettings#retryPolicy() retry policy} for throttling, 5xx answers and connection
 * failures (see {@link RetryPolicy#sdkStrategy()}). An attempt is abandoned after {@link
 * EventBridgeSettings#requestTimeout()}, both by the SDK and by the HTTP client's socket.
 */
public final class EventBridgeClients {

  private EventBridgeClients() {}

  /** A client for the settings' endpoint and region. */
  public static EventBridgeClient create(EventBridgeSettings settings) {
    return AwsClients.sync(EventBridgeClient.builder(), settings.client()).build();
  }
}
