package io.logpulse.parse;

import io.logpulse.parse.JsonFields.Slot;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a CloudTrail event into the change record incident correlation needs: who (principal,
 * principal kind) changed what (resources) in which account and region, from where (source IP, user
 * agent, {@link CallerAgents agent}), and whether it was a successful mutating call ({@code
 * change}) or a failed one ({@code error_code}).
 *
 * <p>Only API calls (eventType AwsApiCall, or no eventType, as in events trimmed on the way) can be
 * changes, and only their errorCode is kept: a console sign-in is not a change, successful or not.
 *
 * <p>The built-in change kinds ({@link #changeKind}; {@link ChangeKindRules} tries the user's rules
 * first), first match wins:
 *
 * <ol>
 *   <li>a table of API names ({@link #KINDS}) for {@code deploy}, {@code configuration}, {@code
 *       scaling}, {@code network} (security groups, routes, network ACLs, and the listeners, rules
 *       and target groups of load balancers: what decides where traffic may go), {@code iam} (KMS
 *       key policies, disabling a key and scheduling its deletion: who may use a key), {@code data}
 *       and {@code other} (tagging, log retention, alarms: bookkeeping that names a resource
 *       without changing how it runs); Lambda's versioned names such as {@code
 *       UpdateFunctionCode20150331v2} are looked up without the version suffix;
 *   <li>{@code iam}: any call to IAM or STS, and KMS grant calls;
 *   <li>{@code delete}: names starting with Delete or Terminate;
 *   <li>{@code network}: EC2 names starting with ModifyVpc;
 *   <li>{@code configuration}: names starting with Update, Modify, Put, Set, Enable or Disable;
 *   <li>{@code other}.
 * </ol>
 *
 * Read-only calls get no change kind.
 *
 * <p>The principal kind is read from {@code userIdentity.type} (AssumedRole: role, IAMUser: user,
 * Root: root, AWSService: service, FederatedUser, WebIdentityUser and SAMLUser: federated), else
 * from the shape of the principal's ARN.
 */
final class CloudTrailEvents {
  static final String SERVICE = "cloudtrail";

  private static final Map<String, String> KINDS = kinds();

  private static final Map<String, String> PRINCIPAL_KINDS =
      Map.of(
          "AssumedRole", "role",
          "IAMUser", "user",
          "Root", "root",
          "AWSService", "service",
          "FederatedUser", "federated",
          "WebIdentityUser", "federated",
          "SAMLUser", "federated");

  private static final String[] READ_ONLY_PREFIXES = {"Get", "List", "Describe", "Head", "Lookup"};
  private static final String[] CONFIGURATION_PREFIXES = {
    "Update", "Modify", "Put", "Set", "Enable", "Disable"
  };

  private CloudTrailEvents() {}

  static void fill(JsonFields f, EventDraft d) {
    d.format = LogFormat.CLOUDTRAIL;
    d.service = SERVICE;
    d.level = Levels.INFO;
    d.timestamp = f.time(Slot.TIME);
    d.requestId = f.text(Slot.REQUEST_ID);
    String source = f.text(Slot.EVENT_SOURCE);
    String name = f.text(Slot.EVENT_NAME);
    d.eventSource = source;
    d.eventName = name;
    d.trailEventId = f.text(Slot.EVENT_ID);
    d.region = f.text(Slot.REGION);
    d.account = firstOf(f.text(Slot.RECIPIENT_ACCOUNT), f.text(Slot.USER_ACCOUNT));
    String invokedBy = f.text(Slot.INVOKED_BY);
    String userArn = firstOf(f.text(Slot.USER_ARN), f.text(Slot.ISSUER_ARN));
    d.principal = firstOf(userArn, invokedBy);
    d.principalKind = principalKind(f.text(Slot.USER_TYPE), userArn, invokedBy);
    d.sourceIp = f.text(Slot.SOURCE_IP);
    d.userAgent = f.text(Slot.USER_AGENT);
    d.agent = CallerAgents.classify(d.userAgent, d.sourceIp, invokedBy, d.principal);
    Boolean readOnly = f.bool(Slot.READ_ONLY);
    boolean isReadOnly = readOnly != null ? readOnly : hasPrefix(name, READ_ONLY_PREFIXES);
    d.readOnly = isReadOnly;
    String eventType = f.text(Slot.EVENT_TYPE);
    boolean apiCall = eventType == null || "AwsApiCall".equals(eventType);
    d.errorCode = apiCall ? f.text(Slot.ERROR_CODE) : null;
    d.change = apiCall && !isReadOnly && d.errorCode == null;
    d.resources = f.resources(source);
  }

  /** role, user, root, service or federated; null when neither the type nor the ARN says. */
  static String principalKind(String type, String arn, String invokedBy) {
    String kind = type == null ? null : PRINCIPAL_KINDS.get(type);
    if (kind != null) {
      return kind;
    }
    if (arn != null) {
      if (arn.contains(":assumed-role/") || arn.contains(":role/")) {
        return "role";
      }
      if (arn.contains(":federated-user/")) {
        return "federated";
      }
      if (arn.contains(":user/")) {
        return "user";
      }
      if (arn.endsWith(":root")) {
        return "root";
      }
      return null;
    }
    return invokedBy != null ? "service" : null;
  }

  /** The change kind of a mutating call (see the class documentation). */
  static String changeKind(String source, String name) {
    String api = withoutVersionSuffix(name);
    String kind = KINDS.get(api);
    if (kind != null) {
      return kind;
    }
    if ("iam.amazonaws.com".equals(source)
        || "sts.amazonaws.com".equals(source)
        || ("kms.amazonaws.com".equals(source) && api.endsWith("Grant"))) {
      return "iam";
    }
    if (api.startsWith("Delete") || api.startsWith("Terminate")) {
      return "delete";
    }
    if ("ec2.amazonaws.com".equals(source) && api.startsWith("ModifyVpc")) {
      return "network";
    }
    return hasPrefix(api, CONFIGURATION_PREFIXES) ? "configuration" : "other";
  }

  /** {@code UpdateFunctionCode20150331v2} → {@code UpdateFunctionCode}. */
  static String withoutVersionSuffix(String name) {
    if (name == null) {
      return "";
    }
    int end = name.length();
    int i = end;
    while (i > 0 && Timestamps.isDigit(name.charAt(i - 1))) {
      i--;
    }
    if (i < end && i > 0 && name.charAt(i - 1) == 'v') {
      end = i - 1;
    }
    i = end;
    while (i > 0 && Timestamps.isDigit(name.charAt(i - 1))) {
      i--;
    }
    return end - i == 8 && i > 0 ? name.substring(0, i) : name;
  }

  private static boolean hasPrefix(String name, String[] prefixes) {
    if (name == null) {
      return false;
    }
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String firstOf(String a, String b) {
    return a != null ? a : b;
  }

  private static Map<String, String> kinds() {
    Map<String, String> kinds = new HashMap<>();
    put(
        kinds,
        "deploy",
        "UpdateFunctionCode",
        "PublishVersion",
        "UpdateAlias",
        "CreateFunction",
        "PublishLayerVersion",
        "UpdateService",
        "CreateService",
        "RegisterTaskDefinition",
        "UpdateStack",
        "CreateStack",
        "ExecuteChangeSet",
        "CreateDeployment",
        "UpdateStage",
        "UpdateEnvironment",
        "UpdateClusterVersion",
        "UpdateNodegroupVersion");
    put(
        kinds,
        "configuration",
        "PutParameter",
        "UpdateFunctionConfiguration",
        "PutBucketPolicy",
        "UpdateEventSourceMapping",
        "PutRule",
        "PutTargets",
        "SetQueueAttributes",
        "SetTopicAttributes",
        "UpdateSecret",
        "PutSecretValue",
        "ModifyDBInstance",
        "ModifyDBCluster",
        "UpdateTable",
        "ModifyLoadBalancerAttributes",
        "UpdateDistribution");
    put(
        kinds,
        "scaling",
        "UpdateAutoScalingGroup",
        "SetDesiredCapacity",
        "RegisterScalableTarget",
        "PutScalingPolicy",
        "ExecutePolicy",
        "TerminateInstanceInAutoScalingGroup",
        "PutFunctionConcurrency",
        "PutProvisionedConcurrencyConfig",
        "UpdateNodegroupConfig",
        "UpdateShardCount");
    put(
        kinds,
        "network",
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress",
        "ModifySecurityGroupRules",
        "CreateRoute",
        "ReplaceRoute",
        "DeleteRoute",
        "AssociateRouteTable",
        "ReplaceRouteTableAssociation",
        "CreateNetworkAclEntry",
        "ReplaceNetworkAclEntry",
        "DeleteNetworkAclEntry",
        "ReplaceNetworkAclAssociation",
        "ModifyListener",
        "DeleteListener",
        "ModifyRule",
        "ModifyTargetGroup",
        "DeregisterTargets",
        "ModifySubnetAttribute",
        "AttachInternetGateway",
        "DetachInternetGateway",
        "CreateNatGateway",
        "DeleteNatGateway");
    // KMS calls that change who may use a key, or whether anyone can.
    put(kinds, "iam", "PutKeyPolicy", "DisableKey", "ScheduleKeyDeletion");
    put(
        kinds,
        "data",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "BatchWriteItem",
        "TransactWriteItems",
        "PutObject",
        "CopyObject",
        "DeleteObject",
        "DeleteObjects",
        "CompleteMultipartUpload",
        "SendMessage",
        "SendMessageBatch",
        "DeleteMessage",
        "PutRecord",
        "PutRecords",
        "PutEvents",
        "Publish",
        "Invoke");
    // Bookkeeping that names a service's resources without changing how it runs.
    put(
        kinds,
        "other",
        "PutRetentionPolicy",
        "CreateTags",
        "DeleteTags",
        "TagResource",
        "UntagResource",
        "AddTagsToResource",
        "RemoveTagsFromResource",
        "PutMetricAlarm",
        "PutDashboard");
    return Map.copyOf(kinds);
  }

  private static void put(Map<String, String> kinds, String kind, String... names) {
    for (String name : names) {
      kinds.put(name, kind);
    }
  }
}
