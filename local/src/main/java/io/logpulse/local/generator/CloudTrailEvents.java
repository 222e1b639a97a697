package io.logpulse.local.generator;

import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Writes CloudTrail management events as CloudTrail delivers them to CloudWatch Logs: one event
 * JSON per log event with eventVersion, userIdentity (an assumed role with its session context),
 * eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, requestParameters,
 * responseElements, requestID, eventID, readOnly, eventType and recipientAccountId.
 *
 * <p>Background activity is mostly read-only Describe/Get/List calls with some routine mutations;
 * {@link #writeChange} writes a planted change (an incident's cause or a decoy) with the request
 * parameters and response elements its API logs: a Lambda code update answers with the function's
 * configuration, an ECS service update with the service, a stack update with the stack id, an SSM
 * parameter write with the new version (the value itself is never logged).
 */
final class CloudTrailEvents {

  /** Appends the JSON of requestParameters (or responseElements) for one call. */
  @FunctionalInterface
  private interface Params {
    void append(StringBuilder sb, SplittableRandom rng);
  }

  private record Call(String source, String name, boolean readOnly, Params request) {}

  private record Principal(String role, String session, String userAgent, String sourceIp) {}

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
  private static final Params RETURNED_TRUE = params("{\"_return\":true}");

  /** The CI role that deploys; the first principal. */
  private static final int CI = 0;

  /** A person signed in through IAM Identity Center, using the console; the second principal. */
  private static final int HUMAN = 1;

  private static final Principal[] PRINCIPALS = {
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

  private CloudTrailEvents() {}

  /** A background call: read-only nine times in ten. */
  static void writeBackground(
      StringBuilder sb, SplittableRandom rng, long time, String account, String region) {
    boolean read = rng.nextDouble() < 0.9;
    Call call = read ? READS[rng.nextInt(READS.length)] : WRITES[rng.nextInt(WRITES.length)];
    Principal principal = PRINCIPALS[rng.nextInt(read ? PRINCIPALS.length : 2)];
    write(sb, rng, time, account, region, principal, call, call.readOnly() ? null : RETURNED_TRUE);
  }

  /**
   * A change made with {@code call} on {@code resource} at {@code time}: deploys by the CI role,
   * configuration edits by a person in the console.
   */
  static PlantedChange plant(
      ChangeCall call, String account, String resource, long time, long deliveryLagMillis) {
    return new PlantedChange(
        account,
        call.eventSource,
        call.eventName,
        resource,
        principal(call).role(),
        Instant.ofEpochMilli(time),
        Instant.ofEpochMilli(time + deliveryLagMillis));
  }

  /** The event of a planted change, made at its time. */
  static void writeChange(
      StringBuilder sb, SplittableRandom rng, PlantedChange change, String region) {
    ChangeCall api = ChangeCall.of(change);
    long time = change.time().toEpochMilli();
    String account = change.account();
    String name = change.resource();
    Params request;
    Params response;
    switch (api) {
      case LAMBDA_CODE -> {
        request =
            (b, r) ->
                Text.hex(
                        b.append("{\"functionName\":\"")
                            .append(name)
                            .append("\",\"publish\":true,\"dryRun\":false,")
                            .append("\"s3Bucket\":\"artifacts-example\",\"s3Key\":\"")
                            .append(name)
                            .append('/'),
                        r,
                        12)
                    .append(".zip\"}");
        response = (b, r) -> lambdaFunction(b, r, time, account, region, name);
      }
      case ECS_SERVICE -> {
        String cluster = Estate.ecsCluster(account);
        int revision = 40 + rng.nextInt(60);
        request =
            (b, r) ->
                b.append("{\"cluster\":\"")
                    .append(cluster)
                    .append("\",\"service\":\"")
                    .append(name)
                    .append("\",\"taskDefinition\":\"")
                    .append(name)
                    .append(':')
                    .append(revision)
                    .append("\",\"forceNewDeployment\":false}");
        response = (b, r) -> ecsService(b, r, account, region, cluster, name, revision);
      }
      case STACK -> {
        request = (b, r) -> stackUpdate(b, r, name);
        response =
            (b, r) -> stackArn(b.append("{\"stackId\":\""), account, region, name).append("\"}");
      }
      case PARAMETER -> {
        request =
            (b, r) ->
                b.append("{\"name\":\"")
                    .append(name)
                    .append("\",\"type\":\"String\",\"overwrite\":true}");
        response =
            (b, r) ->
                b.append("{\"version\":")
                    .append(2 + r.nextInt(30))
                    .append(",\"tier\":\"Standard\"}");
      }
      default -> throw new IllegalStateException(api.name());
    }
    write(
        sb,
        rng,
        time,
        account,
        region,
        principal(api),
        new Call(api.eventSource, api.eventName, false, request),
        response);
  }

  private static Principal principal(ChangeCall call) {
    return PRINCIPALS[call.deploy ? CI : HUMAN];
  }

  /** UpdateFunctionCode's response: the function's configuration, its update in progress. */
  private static StringBuilder lambdaFunction(
      StringBuilder sb,
      SplittableRandom rng,
      long time,
      String account,
      String region,
      String function) {
    sb.append("{\"functionName\":\"")
        .append(function)
        .append("\",\"functionArn\":\"arn:aws:lambda:");
    sb.append(region).append(':').append(account).append(":function:").append(function);
    sb.append("\",\"runtime\":\"nodejs20.x\",\"role\":\"arn:aws:iam::").append(account);
    sb.append(":role/").append(function).append("-role\",\"handler\":\"index.handler\"");
    sb.append(",\"codeSize\":").append(2_000_000 + rng.nextInt(3_000_000));
    sb.append(",\"description\":\"\",\"timeout\":6,\"memorySize\":512,\"lastModified\":\"");
    Text.isoMillis(sb, time).setLength(sb.length() - 1);
    byte[] sha = new byte[32];
    rng.nextBytes(sha);
    sb.append("+0000\",\"codeSha256\":\"").append(Base64.getEncoder().encodeToString(sha));
    sb.append("\",\"version\":\"").append(10 + rng.nextInt(90));
    sb.append("\",\"tracingConfig\":{\"mode\":\"PassThrough\"},\"revisionId\":\"");
    Text.uuid(sb, rng).append("\",\"state\":\"Active\",\"lastUpdateStatus\":\"InProgress\"");
    sb.append(",\"lastUpdateStatusReason\":\"The function is being created.\"");
    sb.append(",\"lastUpdateStatusReasonCode\":\"Creating\",\"packageType\":\"Zip\"");
    return sb.append(",\"architectures\":[\"x86_64\"]}");
  }

  /** UpdateService's response: the service, its new deployment rolling out next to the old one. */
  private static StringBuilder ecsService(
      StringBuilder sb,
      SplittableRandom rng,
      String account,
      String region,
      String cluster,
      String service,
      int revision) {
    String arn = "arn:aws:ecs:" + region + ":" + account + ":";
    int desired = 2 + rng.nextInt(5);
    sb.append("{\"service\":{\"serviceArn\":\"").append(arn).append("service/").append(cluster);
    sb.append('/').append(service).append("\",\"serviceName\":\"").append(service);
    sb.append("\",\"clusterArn\":\"").append(arn).append("cluster/").append(cluster);
    sb.append("\",\"taskDefinition\":\"").append(arn).append("task-definition/").append(service);
    sb.append(':').append(revision).append("\",\"desiredCount\":").append(desired);
    sb.append(",\"runningCount\":").append(desired).append(",\"pendingCount\":0");
    sb.append(",\"launchType\":\"FARGATE\",\"platformVersion\":\"LATEST\",\"status\":\"ACTIVE\"");
    sb.append(",\"deployments\":[");
    for (int i = 0; i < 2; i++) {
      sb.append(i == 0 ? "{\"id\":\"ecs-svc/" : ",{\"id\":\"ecs-svc/");
      Text.pad(sb, rng.nextLong(1_000_000_000_000_000_000L), 19);
      sb.append("\",\"status\":\"").append(i == 0 ? "PRIMARY" : "ACTIVE");
      sb.append("\",\"taskDefinition\":\"").append(arn).append("task-definition/");
      sb.append(service).append(':').append(revision - i).append("\",\"desiredCount\":");
      sb.append(desired).append(",\"runningCount\":").append(i == 0 ? 0 : desired);
      sb.append(",\"rolloutState\":\"").append(i == 0 ? "IN_PROGRESS" : "COMPLETED").append("\"}");
    }
    return sb.append("]}}");
  }

  /** UpdateStack's request: a new template and image tag, the other parameters kept. */
  private static StringBuilder stackUpdate(StringBuilder sb, SplittableRandom rng, String stack) {
    sb.append("{\"stackName\":\"").append(stack);
    sb.append("\",\"templateURL\":\"https://artifacts-example.s3.eu-west-1.amazonaws.com/");
    Text.hex(sb.append(stack).append('/'), rng, 12).append(".yaml\",\"parameters\":[");
    Text.hex(sb.append("{\"parameterKey\":\"ImageTag\",\"parameterValue\":\""), rng, 12);
    sb.append("\"},{\"parameterKey\":\"Stage\",\"usePreviousValue\":true}]");
    return sb.append(",\"capabilities\":[\"CAPABILITY_IAM\",\"CAPABILITY_AUTO_EXPAND\"]}");
  }

  /** A stack's id, the same for every update of the stack in one account. */
  private static StringBuilder stackArn(
      StringBuilder sb, String account, String region, String stack) {
    sb.append("arn:aws:cloudformation:").append(region).append(':').append(account);
    sb.append(":stack/").append(stack).append('/');
    return Text.uuid(sb, new SplittableRandom((account + stack).hashCode()));
  }

  private static Params params(String json) {
    return (sb, rng) -> sb.append(json);
  }

  private static void write(
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
