package io.logpulse.eventbridge;

import io.logpulse.aws.AwsErrors;
import io.logpulse.aws.AwsService;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * EventBridge refused a PutEvents request as a whole with an error that retrying does not cure,
 * such as a bus that does not exist or a role without {@code events:PutEvents} on it. It fails the
 * job, naming the bus, because every incident would meet the same refusal.
 */
public final class EventBridgeRefusedException extends RuntimeException {

  public EventBridgeRefusedException(String bus, SdkException cause) {
    super(
        "EventBridge refused PutEvents to bus '"
            + bus
            + "' ("
            + AwsErrors.hint(AwsService.EVENTBRIDGE, cause)
            + "): "
            + (AwsErrors.errorCode(cause) == null ? "" : AwsErrors.errorCode(cause) + ": ")
            + cause.getMessage(),
        cause);
  }
}
