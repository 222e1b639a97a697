package io.logpulse.common;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** When the AWS sinks send a request again, and how long they wait before they do. */
public final class Retries {

  private static final Set<String> THROTTLING_CODES =
      Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests");

  private Retries() {}

  /** Throttling and server errors are worth retrying; other client errors are not. */
  public static boolean retryable(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() >= 500
        || e.statusCode() == 429
        || e.isThrottlingException()
        || THROTTLING_CODES.contains(code);
  }

  /**
   * The delay before retry number {@code attempt} (from 1), with full jitter: uniform in [0,
   * min(max, base * 2^(attempt-1))].
   */
  public static long backoffMillis(Duration base, Duration max, int attempt) {
    long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    return ThreadLocalRandom.current().nextLong(ceiling + 1);
  }
}
