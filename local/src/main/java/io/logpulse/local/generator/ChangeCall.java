package io.logpulse.local.generator;

/**
 * The API calls the generator plants as the cause of an incident (and as decoys): three kinds of
 * deploy, made by the CI role, and a configuration edit made by a person in the console. {@link
 * CloudTrailEvents} writes their request parameters and response elements as AWS logs them.
 */
enum ChangeCall {
  /** A new Lambda function package; the resource is the function name. */
  LAMBDA_CODE("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", true),
  /** A new task definition rolled out on an ECS service; the resource is the service name. */
  ECS_SERVICE("ecs.amazonaws.com", "UpdateService", true),
  /** A CloudFormation stack update; the resource is the stack name. */
  STACK("cloudformation.amazonaws.com", "UpdateStack", true),
  /** An SSM parameter overwritten; the resource is the parameter name. */
  PARAMETER("ssm.amazonaws.com", "PutParameter", false);

  final String eventSource;
  final String eventName;
  final boolean deploy;

  ChangeCall(String eventSource, String eventName, boolean deploy) {
    this.eventSource = eventSource;
    this.eventName = eventName;
    this.deploy = deploy;
  }

  /** The call a planted change was made with. */
  static ChangeCall of(PlantedChange change) {
    for (ChangeCall call : values()) {
      if (call.eventName.equals(change.eventName())) {
        return call;
      }
    }
    throw new IllegalArgumentException("not a planted call: " + change.eventName());
  }
}
