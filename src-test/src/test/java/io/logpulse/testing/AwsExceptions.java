package io.logpulse.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** AWS service errors as the SDK hands them over, for tests of how they are classified. */
public final class AwsExceptions {

  private AwsExceptions() {}

  /**
   * An error of the builder's type (a service's or one of its modeled errors) with this status and
   * error code, whose message is the code.
   */
  @SuppressWarnings("unchecked")
  public static <E extends AwsServiceException> E withCode(
      AwsServiceException.Builder builder, int status, String code) {
    return (E)
        builder
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .message(code)
            .build();
  }
}
