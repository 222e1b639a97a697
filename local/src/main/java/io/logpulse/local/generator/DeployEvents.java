package io.logpulse.local.generator;

import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The request parameters and response elements of the deploys the generator plants, as CloudTrail
 * logs them: a Lambda code update answers with the function's configuration, an ECS service update
 * with the service and its deployments, a stack update with the stack id.
 */
final class DeployEvents {

  private DeployEvents() {}

  /** UpdateFunctionCode's request: the new package in the artifacts bucket. */
  static StringBuilder lambdaCode(StringBuilder sb, SplittableRandom rng, String function) {
    sb.append("{\"functionName\":\"").append(function);
    sb.append(
        "\",\"publish\":true,\"dryRun\":false,\"s3Bucket\":\"artifacts-example\",\"s3Key\":\"");
    return Text.hex(sb.append(function).append('/'), rng, 12).append(".zip\"}");
  }

  /** UpdateFunctionCode's response: the function's configuration, its update in progress. */
  static StringBuilder lambdaFunction(
      StringBuilder sb,
      SplittableRandom rng,
      long time,
      String account,
      String region,
      String function) {
    sb.append("{\"functionName\":\"").append(function).append("\",\"functionArn\":\"");
    functionArn(sb, account, region, function);
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

  /** A Lambda function's ARN. */
  static StringBuilder functionArn(
      StringBuilder sb, String account, String region, String function) {
    return sb.append("arn:aws:lambda:")
        .append(region)
        .append(':')
        .append(account)
        .append(":function:")
        .append(function);
  }

  /** UpdateService's request: a new task definition revision for the service. */
  static StringBuilder ecsUpdate(StringBuilder sb, String cluster, String service, int revision) {
    sb.append("{\"cluster\":\"").append(cluster).append("\",\"service\":\"").append(service);
    sb.append("\",\"taskDefinition\":\"").append(service).append(':').append(revision);
    return sb.append("\",\"forceNewDeployment\":false}");
  }

  /** UpdateService's response: the service, its new deployment rolling out next to the old one. */
  static StringBuilder ecsService(
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

  /** An ECS service's ARN. */
  static StringBuilder ecsServiceArn(
      StringBuilder sb, String account, String region, String cluster, String service) {
    sb.append("arn:aws:ecs:").append(region).append(':').append(account);
    return sb.append(":service/").append(cluster).append('/').append(service);
  }

  /** UpdateStack's request: a new template and image tag, the other parameters kept. */
  static StringBuilder stackUpdate(StringBuilder sb, SplittableRandom rng, String stack) {
    sb.append("{\"stackName\":\"").append(stack);
    sb.append("\",\"templateURL\":\"https://artifacts-example.s3.eu-west-1.amazonaws.com/");
    Text.hex(sb.append(stack).append('/'), rng, 12).append(".yaml\",\"parameters\":[");
    Text.hex(sb.append("{\"parameterKey\":\"ImageTag\",\"parameterValue\":\""), rng, 12);
    sb.append("\"},{\"parameterKey\":\"Stage\",\"usePreviousValue\":true}]");
    return sb.append(",\"capabilities\":[\"CAPABILITY_IAM\",\"CAPABILITY_AUTO_EXPAND\"]}");
  }

  /** A stack's id, the same for every update of the stack in one account. */
  static StringBuilder stackArn(StringBuilder sb, String account, String region, String stack) {
    sb.append("arn:aws:cloudformation:").append(region).append(':').append(account);
    sb.append(":stack/").append(stack).append('/');
    return Text.uuid(sb, new SplittableRandom((account + stack).hashCode()));
  }
}
