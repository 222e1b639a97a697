package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * Writes CloudTrail management events as CloudTrail delivers them to CloudWatch Logs: one event
 * JSON per log event with eventVersion, userIdentity (an assumed role with its session context),
 * eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, requestParameters,
 * responseElements, requestID, eventID, readOnly, eventType and recipientAccountId.
 *
 * <p>Background activity is mostly read-only Describe/Get/List calls with some routine mutations;
 * {@link CloudTrailChanges} writes the planted changes through {@link #write}.
 */
final class CloudTrailJson {

  /** Appends the JSON of requestParameters (or responseElements) for one call. */
  @FunctionalInterface
  interface Params {
    void append(StringBuilder sb, SplittableRandom rng);
  }

  record Call(String source, String name, boolean readOnly, Params request) {}

  record Principal(String role, String session, String userAgent, String sourceIp) {}

  private static final Call[] READS = {
    new Call(
        "ec2.amazonaws.com",
        "DescribeInstances",
        true,
        params("{\"instancesSet\":{},\"filterSet\":{}}")),
    new Call(
        "ec2.amazonaws.com",
        "DescribeSecurityGroups",
        true,
        params("{\"securityGroupSet\":{},\"filterSet\":{}}")),
    new Call("lambda.amazonaws.com", "ListFunctions20150331", true, null),
    new Call(
        "ecs.amazonaws.com",
        "DescribeServices",
        true,
        params("{\"cluster\":\"shop\",\"services\":[\"checkout\",\"web\"]}")),
    new Call("logs.amazonaws.com", "DescribeLogGroups", true, params("{\"limit\":50}")),
    new Call("monitoring.amazonaws.com", "GetMetricData", true, null),
    new Call("iam.amazonaws.com", "GetRole", true, params("{\"roleName\":\"ci-deploy\"}")),
    new Call(
        "ssm.amazonaws.com",
        "GetParameter",
        true,
        params("{\"name\":\"/inventory/db/pool-size\",\"withDecryption\":false}")),
    new Call("sts.amazonaws.com", "GetCallerIdentity", true, null),
    new Call(
        "s3.amazonaws.com",
        "ListBuckets",
        true,
        params("{\"Host\":\"s3.eu-west-1.amazonaws.com\"}")),
    new Call(
        "kms.amazonaws.com",
        "Decrypt",
        true,
        params("{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}"))
  };

  private static final Call[] WRITES = {
    new Call(
        "ec2.amazonaws.com",
        "CreateTags",
        false,
        (sb, rng) ->
            Text.hex(sb.append("{\"resourcesSet\":{\"items\":[{\"resourceId\":\"i-0"), rng, 16)
                .append(
                    "\"}]},\"tagSet\":{\"items\":[{\"key\":\"owner\",\"value\":\"platform\"}]}}")),
    new Call(
        "autoscaling.amazonaws.com",
        "SetDesiredCapacity",
        false,
        (sb, rng) ->
            sb.append("{\"autoScalingGroupName\":\"web-asg\",\"desiredCapacity\":")
                .append(2 + rng.nextInt(6))
                .append(",\"honorCooldown\":true}")),
    new Call(
        "logs.amazonaws.com",
        "PutRetentionPolicy",
        false,
        params("{\"logGroupName\":\"/ecs/checkout\",\"retentionInDays\":30}")),
    new Call(
        "iam.amazonaws.com",
        "AttachRolePolicy",
        false,
        params(
            "{\"roleName\":\"monitoring-readonly\",\"policyArn\":"
                + "\"arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess\"}")),
    new Call(
        "lambda.amazonaws.com",
        "UpdateFunctionConfiguration20150331v2",
        false,
        (sb, rng) ->
            sb.append("{\"functionName\":\"reports-fn\",\"memorySize\":")
                .append(256 << rng.nextInt(3))
                .append('}'))
  };

  /** The response of a routine write that returns nothing but success. */
  static final Params RETURNED_TRUE = params("{\"_return\":true}");

  /** The CI role that deploys; the first principal. */
  static final int CI = 0;

  /** A person signed in through IAM Identity Center, using the console; the second principal. */
  static final int HUMAN = 1;

  static final Principal[] PRINCIPALS = {
    new Principal(
        "ci-deploy",
        "gitlab-runner",
        "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.6",
        "198.51.100.10"),
    new Principal(
        "AWSReservedSSO_Admin_5f1b2c3d4e6a7b8c",
        "alice@example.com",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko)",
        "203.0.113.45"),
    new Principal(
        "monitoring-readonly",
        "grafana",
        "aws-sdk-go-v2/1.32.4 os/linux lang/go#1.23.3 api/cloudwatch#1.42.3",
        "198.51.100.77"),
    new Principal(
        "AWSServiceRoleForAutoScaling",
        "AutoScaling",
        "autoscaling.amazonaws.com",
        "autoscaling.amazonaws.com")
  };

  private CloudTrailJson() {}

  /** A background call: read-only nine times in ten. */
  static void writeBackground(
      StringBuilder sb, SplittableRandom rng, long time, String account, String region) {
    boolean read = rng.nextDouble() < 0.9;
    Call call = read ? READS[rng.nextInt(READS.length)] : WRITES[rng.nextInt(WRITES.length)];
    Principal principal = PRINCIPALS[rng.nextInt(read ? PRINCIPALS.length : 2)];
    write(sb, rng, time, account, region, principal, call, call.readOnly() ? null : RETURNED_TRUE);
  }

  static Params params(String json) {
    return (sb, rng) -> sb.append(json);
  }

  static void write(
      StringBuilder sb,
      SplittableRandom rng,
      long time,
      String account,
      String region,
      Principal principal,
      Call call,
      Params response) {
    boolean service = principal.sourceIp().endsWith(".amazonaws.com");
    sb.append("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",");
    sb.append("\"principalId\":\"AROA");
    Text.upperAlnum(sb, new SplittableRandom(principal.role().hashCode()), 17);
    sb.append(':').append(principal.session()).append("\",\"arn\":\"arn:aws:sts::");
    sb.append(account).append(":assumed-role/").append(principal.role()).append('/');
    sb.append(principal.session()).append("\",\"accountId\":\"").append(account);
    Text.upperAlnum(sb.append("\",\"accessKeyId\":\"ASIA"), rng, 16);
    sb.append("\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROA");
    Text.upperAlnum(sb, new SplittableRandom(principal.role().hashCode()), 17);
    sb.append("\",\"arn\":\"arn:aws:iam::").append(account).append(":role/");
    sb.append(principal.role()).append("\",\"accountId\":\"").append(account);
    sb.append("\",\"userName\":\"").append(principal.role()).append("\"},\"attributes\":{");
    sb.append("\"creationDate\":\"");
    Text.isoSeconds(sb, time - 60_000L * (1 + rng.nextInt(50)));
    sb.append("\",\"mfaAuthenticated\":\"false\"}}");
    if (service) {
      sb.append(",\"invokedBy\":\"").append(principal.sourceIp()).append('"');
    }
    sb.append("},\"eventTime\":\"");
    Text.isoSeconds(sb, time).append("\",\"eventSource\":\"").append(call.source());
    sb.append("\",\"eventName\":\"").append(call.name()).append("\",\"awsRegion\":\"");
    sb.append(region).append("\",\"sourceIPAddress\":\"").append(principal.sourceIp());
    sb.append("\",\"userAgent\":\"")
        .append(principal.userAgent())
        .append("\",\"requestParameters\":");
    if (call.request() == null) {
      sb.append("null");
    } else {
      call.request().append(sb, rng);
    }
    sb.append(",\"responseElements\":");
    if (response == null) {
      sb.append("null");
    } else {
      response.append(sb, rng);
    }
    Text.uuid(sb.append(",\"requestID\":\""), rng);
    Text.uuid(sb.append("\",\"eventID\":\""), rng);
    sb.append("\",\"readOnly\":").append(call.readOnly());
    sb.append(",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"");
    sb.append(account).append("\",\"eventCategory\":\"Management\"}");
  }
}
