package io.logpulse.local.generator;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A mutating CloudTrail call the generator writes on purpose: the change that causes an {@link
 * Incident}, or a decoy planted near it that does not. Holds what an evaluation compares a
 * correlation suspect with: account, event source and name as CloudTrail writes them, the main
 * resource the call names, when it was made and when CloudTrail delivered it.
 *
 * @param account the account the call was made in (recipientAccountId)
 * @param eventSource the AWS service called, e.g. {@code lambda.amazonaws.com}
 * @param eventName the API action as written, e.g. {@code UpdateFunctionCode20150331v2}
 * @param resource the main resource the call names: a function, ECS service or stack name, or an
 *     SSM parameter name, e.g. {@code payments-fn} or {@code /checkout/db/pool-size}
 * @param role the IAM role whose session made the call: the CI deploy role for deploys, an SSO
 *     administrator role for console edits
 * @param time when the call was made (eventTime, and the log event's timestamp)
 * @param delivered when CloudTrail delivered the event to CloudWatch Logs, minutes after {@code
 *     time}
 */
public record PlantedChange(
    String account,
    String eventSource,
    String eventName,
    String resource,
    String role,
    Instant time,
    Instant delivered)
    implements Serializable {

  /** One line naming the change, e.g. {@code UpdateFunctionCode20150331v2 payments-fn}. */
  public String description() {
    return eventName + " " + resource;
  }

  /** How long after the call CloudTrail delivered its event. */
  public Duration deliveryLag() {
    return Duration.between(time, delivered);
  }
}
