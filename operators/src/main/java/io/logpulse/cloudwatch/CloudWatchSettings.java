package io.logpulse.cloudwatch;

import io.logpulse.aws.AwsClientSettings;
import io.logpulse.aws.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the CloudWatch sink publishes.
 *
 * @param endpoint endpoint override such as {@code http://127.0.0.1:5000} for a local server, or
 *     null for the region's CloudWatch
 * @param region the region, or null for the SDK's default region chain
 * @param namespace the custom metrics' namespace
 * @param policy the dimension sets published
 * @param delivery when datums are published
 * @param maxDatumsPerRequest datums per PutMetricData request, at most 1,000
 * @param maxInFlight PutMetricData requests a sink subtask has in flight at once
 * @param maxAttempts attempts of one request before it is handed back for a later retry
 * @param backoffBase first retry delay; each further retry doubles it, with full jitter
 * @param backoffMax longest retry delay
 * @param requestTimeout how long one attempt waits for its answer before it is abandoned and
 *     retried; CloudWatch may have accepted an abandoned attempt, so its retry can count twice and
 *     the timeout must stay far above the endpoint's slowest answers
 * @param publishedMarkersPath folder (any Flink filesystem) where the committer marks published
 *     requests so a retried commit is not published twice; used by {@link Delivery#ON_CHECKPOINT}
 */
public record CloudWatchSettings(
    String endpoint,
    String region,
    String namespace,
    DimensionPolicy policy,
    Delivery delivery,
    int maxDatumsPerRequest,
    int maxInFlight,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration requestTimeout,
    String publishedMarkersPath)
    implements Serializable {

  /** How {@link CloudWatchPublisher} retries a request. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(maxAttempts, backoffBase, backoffMax);
  }

  /** The client's settings: no SDK retries, since the publisher retries itself. */
  public AwsClientSettings client() {
    return AwsClientSettings.of(region, endpoint, requestTimeout, RetryPolicy.NONE);
  }

  /** These settings with another delivery mode. */
  public CloudWatchSettings withDelivery(Delivery other) {
    return new CloudWatchSettings(
        endpoint,
        region,
        namespace,
        policy,
        other,
        maxDatumsPerRequest,
        maxInFlight,
        maxAttempts,
        backoffBase,
        backoffMax,
        requestTimeout,
        publishedMarkersPath);
  }
}
