package io.logpulse.aws;

/**
 * The AWS services the job talks to, with what {@link AwsErrors} needs to know about each beyond
 * its table of fatal errors: what a client error it does not list means for the caller, and what to
 * check when a fatal error has no remedy of its own.
 */
public enum AwsService {
  /**
   * The Kinesis source rides out every error not known to be permanent: only listed errors stop a
   * live job.
   */
  KINESIS(
      AwsErrors.Kind.TRANSIENT, "check the stream's name, region, permissions and the credentials"),
  /** CloudWatch refuses a request with a client error for good: it is dropped and counted. */
  CLOUDWATCH(
      AwsErrors.Kind.FATAL,
      "check cloudwatch.namespace, the datums and the role's cloudwatch:PutMetricData permission"),
  /** EventBridge refuses a request with a client error for good: the job fails, naming the bus. */
  EVENTBRIDGE(
      AwsErrors.Kind.FATAL,
      "check eventbridge.bus, eventbridge.region and the role's events:PutEvents permission");

  private final AwsErrors.Kind unlistedClientError;
  private final String defaultHint;

  AwsService(AwsErrors.Kind unlistedClientError, String defaultHint) {
    this.unlistedClientError = unlistedClientError;
    this.defaultHint = defaultHint;
  }

  /** What a 4xx answer that is neither listed as fatal nor throttling means. */
  AwsErrors.Kind unlistedClientError() {
    return unlistedClientError;
  }

  /** What to check about a fatal error the table gives no remedy for. */
  String defaultHint() {
    return defaultHint;
  }
}
