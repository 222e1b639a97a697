package io.logpulse.eventbridge;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * EventBridge refused a PutEvents request as a whole with an error that retrying does not cure,
 * such as a bus that does not exist or a role without {@code events:PutEvents} on it. It fails the
 * job, naming the bus, because every incident would meet the same refusal.
 */
public final class EventBridgeRefusedException extends RuntimeException {

  public EventBridgeRefusedException(String bus, AwsServiceException cause) {
    super(
        "EventBridge refused PutEvents to bus '"
            + bus
            + "' (check eventbridge.bus, eventbridge.region and the role's events:PutEvents"
            + " permission): "
            + (cause.awsErrorDetails() == null ? "" : cause.awsErrorDetails().errorCode() + ": ")
            + cause.getMessage(),
        cause);
  }
}
