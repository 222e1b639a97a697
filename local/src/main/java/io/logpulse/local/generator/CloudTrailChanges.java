package io.logpulse.local.generator;

import io.logpulse.local.generator.CloudTrailJson.Call;
import io.logpulse.local.generator.CloudTrailJson.Params;
import io.logpulse.local.generator.CloudTrailJson.Principal;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes the changes the generator plants (causes, decoys and harmless changes) with the request
 * parameters and response elements their APIs log: deploys as {@link DeployEvents} writes them, an
 * SSM parameter write with the new version (the value itself is never logged), IAM policy edits
 * with the role and policy, a security group rule revoked with the group's id and name and the rule
 * removed, tags and scaling with the resource they name.
 */
final class CloudTrailChanges {

  /** The upstream port nginx proxies to, which a revoked ingress rule closes. */
  private static final int UPSTREAM_PORT = 8080;

  private CloudTrailChanges() {}

  /**
   * A change made with {@code call} on {@code resource} at {@code time}: deploys, tags by the CI
   * role, configuration, IAM, network and scaling edits by a person in the console.
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
  static void write(StringBuilder sb, SplittableRandom rng, PlantedChange change, String region) {
    ChangeCall api = ChangeCall.of(change);
    long time = change.time().toEpochMilli();
    String account = change.account();
    String name = change.resource();
    String cluster = Estate.ecsCluster(account);
    Params request;
    Params response = CloudTrailJson.RETURNED_TRUE;
    switch (api) {
      case LAMBDA_CODE -> {
        request = (b, r) -> DeployEvents.lambdaCode(b, r, name);
        response = (b, r) -> DeployEvents.lambdaFunction(b, r, time, account, region, name);
      }
      case ECS_SERVICE -> {
        int revision = 40 + rng.nextInt(60);
        request = (b, r) -> DeployEvents.ecsUpdate(b, cluster, name, revision);
        response =
            (b, r) -> DeployEvents.ecsService(b, r, account, region, cluster, name, revision);
      }
      case STACK -> {
        request = (b, r) -> DeployEvents.stackUpdate(b, r, name);
        response =
            (b, r) ->
                DeployEvents.stackArn(b.append("{\"stackId\":\""), account, region, name)
                    .append("\"}");
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
      case DETACH_ROLE_POLICY -> {
        request =
            (b, r) ->
                b.append("{\"roleName\":\"")
                    .append(name)
                    .append("\",\"policyArn\":\"arn:aws:iam::")
                    .append(account)
                    .append(":policy/")
                    .append(name.replace("-task-role", ""))
                    .append("-table-access\"}");
        response = null;
      }
      case PUT_ROLE_POLICY -> {
        request = (b, r) -> inlinePolicy(b, account, region, name);
        response = null;
      }
      case REVOKE_INGRESS -> {
        request = (b, r) -> revokeIngress(b, account, name);
        response = (b, r) -> revokedRule(b, r, account, name);
      }
      case ECS_TAGS -> {
        request =
            (b, r) ->
                tags(
                    DeployEvents.ecsServiceArn(
                        b.append("{\"resourceArn\":\""), account, region, cluster, name),
                    "\",\"tags\":[{\"key\":\"cost-center\",\"value\":\"cc-",
                    r,
                    "\"}]}");
        response = null;
      }
      case LAMBDA_TAGS -> {
        request =
            (b, r) ->
                tags(
                    DeployEvents.functionArn(b.append("{\"resource\":\""), account, region, name),
                    "\",\"tags\":{\"cost-center\":\"cc-",
                    r,
                    "\"}}");
        response = null;
      }
      case EC2_TAGS ->
          request =
              (b, r) ->
                  tags(
                      b.append("{\"resourcesSet\":{\"items\":[{\"resourceId\":\"").append(name),
                      "\"}]},\"tagSet\":{\"items\":[{\"key\":\"cost-center\",\"value\":\"cc-",
                      r,
                      "\"}]}}");
      case ECS_SCALING -> {
        int max = 6 + rng.nextInt(10);
        request =
            (b, r) ->
                b.append("{\"serviceNamespace\":\"ecs\",\"resourceId\":\"service/")
                    .append(cluster)
                    .append('/')
                    .append(name)
                    .append("\",\"scalableDimension\":\"ecs:service:DesiredCount\"")
                    .append(",\"minCapacity\":2,\"maxCapacity\":")
                    .append(max)
                    .append('}');
        response =
            (b, r) ->
                Text.hex(
                        b.append("{\"scalableTargetARN\":\"arn:aws:application-autoscaling:")
                            .append(region)
                            .append(':')
                            .append(account)
                            .append(":scalable-target/0e"),
                        r,
                        24)
                    .append("\"}");
      }
      case LAMBDA_CONCURRENCY -> {
        int reserved = 50 * (1 + rng.nextInt(8));
        request =
            (b, r) ->
                b.append("{\"functionName\":\"")
                    .append(name)
                    .append("\",\"reservedConcurrentExecutions\":")
                    .append(reserved)
                    .append('}');
        response =
            (b, r) -> b.append("{\"reservedConcurrentExecutions\":").append(reserved).append('}');
      }
      case ASG_CAPACITY -> {
        request =
            (b, r) ->
                b.append("{\"autoScalingGroupName\":\"")
                    .append(name)
                    .append("\",\"desiredCapacity\":")
                    .append(2 + r.nextInt(6))
                    .append(",\"honorCooldown\":true}");
        response = null;
      }
      default -> throw new IllegalStateException(api.name());
    }
    CloudTrailJson.write(
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
    return CloudTrailJson.PRINCIPALS[call.byCi ? CloudTrailJson.CI : CloudTrailJson.HUMAN];
  }

  private static StringBuilder tags(
      StringBuilder sb, String before, SplittableRandom rng, String after) {
    return sb.append(before).append(1000 + rng.nextInt(9000)).append(after);
  }

  /** PutRolePolicy's request: the role's inline policy, narrowed to reads of its table. */
  private static StringBuilder inlinePolicy(
      StringBuilder sb, String account, String region, String role) {
    String table = role.replace("-task-role", "");
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "[\"dynamodb:GetItem\",\"dynamodb:Query\"],\"Resource\":\"arn:aws:dynamodb:"
            + region
            + ":"
            + account
            + ":table/"
            + table
            + "\"}]}";
    sb.append("{\"roleName\":\"").append(role).append("\",\"policyName\":\"");
    sb.append(table).append("-table\",\"policyDocument\":");
    return Text.jsonString(sb, policy).append('}');
  }

  /**
   * RevokeSecurityGroupIngress's request: the group by id and name, and the rule letting the front
   * end's group reach the upstream port.
   */
  private static StringBuilder revokeIngress(StringBuilder sb, String account, String groupId) {
    sb.append("{\"groupId\":\"").append(groupId);
    String name = Estate.securityGroupName(account, groupId);
    if (name != null) {
      sb.append("\",\"groupName\":\"").append(name);
    }
    sb.append("\",\"ipPermissions\":{\"items\":[{\"ipProtocol\":\"tcp\",\"fromPort\":");
    sb.append(UPSTREAM_PORT).append(",\"toPort\":").append(UPSTREAM_PORT);
    sb.append(",\"groups\":{\"items\":[{\"groupId\":\"");
    sb.append(Estate.securityGroupId(account, "web-nginx-tasks-sg"));
    return sb.append("\"}]},\"ipRanges\":{},\"ipv6Ranges\":{},\"prefixListIds\":{}}]}}");
  }

  /** RevokeSecurityGroupIngress's response: the rule it removed. */
  private static StringBuilder revokedRule(
      StringBuilder sb, SplittableRandom rng, String account, String groupId) {
    Text.uuid(sb.append("{\"requestId\":\""), rng).append("\",\"_return\":true,");
    sb.append("\"revokedSecurityGroupRuleSet\":{\"items\":[{\"groupOwnerId\":\"").append(account);
    sb.append("\",\"groupId\":\"").append(groupId).append("\",\"securityGroupRuleId\":\"sgr-0");
    Text.hex(sb, rng, 16).append("\",\"isEgress\":false,\"ipProtocol\":\"tcp\",\"fromPort\":");
    sb.append(UPSTREAM_PORT).append(",\"toPort\":").append(UPSTREAM_PORT);
    sb.append(",\"referencedGroupInfo\":{\"groupId\":\"");
    sb.append(Estate.securityGroupId(account, "web-nginx-tasks-sg"));
    return sb.append("\",\"userId\":\"").append(account).append("\"}}]}}");
  }
}
