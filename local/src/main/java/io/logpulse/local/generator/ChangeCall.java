package io.logpulse.local.generator;

/**
 * The API calls the generator plants as the cause of an incident, as decoys around it and as the
 * harmless changes of a fleet's day: deploys, tags and scaling made by the CI role, configuration,
 * IAM and network edits made by a person in the console. {@link CloudTrailChanges} writes their
 * request parameters and response elements as AWS logs them.
 */
enum ChangeCall {
  /** A new Lambda function package; the resource is the function name. */
  LAMBDA_CODE("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", true),
  /** A new task definition rolled out on an ECS service; the resource is the service name. */
  ECS_SERVICE("ecs.amazonaws.com", "UpdateService", true),
  /** A CloudFormation stack update; the resource is the stack name. */
  STACK("cloudformation.amazonaws.com", "UpdateStack", true),
  /** An SSM parameter overwritten; the resource is the parameter name. */
  PARAMETER("ssm.amazonaws.com", "PutParameter", false),
  /** A managed policy detached from a role; the resource is the role name. */
  DETACH_ROLE_POLICY("iam.amazonaws.com", "DetachRolePolicy", false),
  /** An inline policy of a role replaced; the resource is the role name. */
  PUT_ROLE_POLICY("iam.amazonaws.com", "PutRolePolicy", false),
  /** An ingress rule removed from a security group; the resource is the group id. */
  REVOKE_INGRESS("ec2.amazonaws.com", "RevokeSecurityGroupIngress", false),
  /** Tags put on an ECS service; the resource is the service name. */
  ECS_TAGS("ecs.amazonaws.com", "TagResource", true),
  /** Tags put on a Lambda function; the resource is the function name. */
  LAMBDA_TAGS("lambda.amazonaws.com", "TagResource20170331v2", true),
  /** Tags put on an EC2 instance; the resource is the instance id. */
  EC2_TAGS("ec2.amazonaws.com", "CreateTags", true),
  /** An ECS service's scaling bounds changed; the resource is the service name. */
  ECS_SCALING("application-autoscaling.amazonaws.com", "RegisterScalableTarget", false),
  /** A Lambda function's reserved concurrency changed; the resource is the function name. */
  LAMBDA_CONCURRENCY("lambda.amazonaws.com", "PutFunctionConcurrency20171031", false),
  /** An Auto Scaling group resized; the resource is the group name. */
  ASG_CAPACITY("autoscaling.amazonaws.com", "SetDesiredCapacity", false);

  final String eventSource;
  final String eventName;
  final boolean byCi;

  ChangeCall(String eventSource, String eventName, boolean byCi) {
    this.eventSource = eventSource;
    this.eventName = eventName;
    this.byCi = byCi;
  }

  /** The call a planted change was made with. */
  static ChangeCall of(PlantedChange change) {
    for (ChangeCall call : values()) {
      if (call.eventName.equals(change.eventName())
          && call.eventSource.equals(change.eventSource())) {
        return call;
      }
    }
    throw new IllegalArgumentException("not a planted call: " + change.eventName());
  }
}
