package io.logpulse.eventbridge;

import io.logpulse.aws.AwsClientSettings;
import io.logpulse.aws.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the EventBridge sink publishes incidents.
 *
 * @param bus the event bus: its name, or its ARN for a bus in another account or region
 * @param region the region, or null for the SDK's default region chain
 * @param endpoint endpoint override such as {@code http://127.0.0.1:5000} for a local server, or
 *     null for the region's EventBridge
 * @param maxInFlight PutEvents requests a sink subtask has in flight at once; beyond it the sink
 *     backpressures
 * @param maxAttempts attempts the SDK makes of a throttled or failing request (and the sink makes
 *     of entries EventBridge failed within an accepted request) before the entries are handed back
 *     to Flink to be sent again later
 * @param backoffBase first retry delay; each further retry doubles it, with full jitter
 * @param backoffMax longest retry delay
 * @param requestTimeout how long one attempt waits for its answer before it is abandoned and
 *     retried; EventBridge may have accepted an abandoned attempt, whose retry then delivers its
 *     incidents twice (consumers de-duplicate by incident id and revision)
 */
public record EventBridgeSettings(
    String bus,
    String region,
    String endpoint,
    int maxInFlight,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration requestTimeout)
    implements Serializable {

  /** How the SDK retries a request and {@link EventBridgePublisher} retries failed entries. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(maxAttempts, backoffBase, backoffMax);
  }

  /** The client's settings: the SDK retries whole requests by {@link #retryPolicy()}. */
  public AwsClientSettings client() {
    return AwsClientSettings.of(region, endpoint, requestTimeout, retryPolicy());
  }
}
