package io.logpulse.aws;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How often an AWS call is tried and how long to wait between tries: exponential backoff with full
 * jitter. The one retry policy of the AWS connectors, whether a caller loops itself ({@link
 * #backoffMillis}) or lets the SDK retry ({@link #sdkStrategy}); what is worth retrying at all is
 * {@link AwsErrors}'.
 *
 * @param maxAttempts attempts of one call, the first included (at least 1)
 * @param backoffBase delay before the first retry; each further retry doubles it
 * @param backoffMax longest delay
 */
public record RetryPolicy(int maxAttempts, Duration backoffBase, Duration backoffMax)
    implements Serializable {

  /** One attempt, no retries: for a client whose caller retries itself. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt is needed, was " + maxAttempts);
    }
    if (backoffBase.isNegative() || backoffBase.compareTo(backoffMax) > 0) {
      throw new IllegalArgumentException(
          "the backoff must be from 0 up to its maximum, was " + backoffBase + " to " + backoffMax);
    }
  }

  /** Whether {@code attempt} (from 1) was the last one. */
  public boolean exhausted(int attempt) {
    return attempt >= maxAttempts;
  }

  /**
   * The delay before retry number {@code attempt} (from 1), with full jitter: uniform in [0,
   * min(max, base * 2^(attempt-1))].
   */
  public long backoffMillis(int attempt) {
    long ceiling =
        Math.min(backoffMax.toMillis(), backoffBase.toMillis() << Math.min(attempt - 1, 20));
    return ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  /**
   * This policy as the SDK's retry strategy: no retries for a single attempt, else the standard
   * strategy (throttling, 5xx answers and connection failures) with these attempts and this backoff
   * for throttling too. Its circuit breaker (the retry quota that stops retrying after many
   * failures) is off: a sink hands a request that used up its attempts back to Flink, which sends
   * it again at once, so retries without backoff would only hammer an endpoint already failing.
   */
  public RetryStrategy sdkStrategy() {
    if (maxAttempts == 1) {
      return AwsRetryStrategy.doNotRetry();
    }
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(backoffBase, backoffMax);
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
  }
}
