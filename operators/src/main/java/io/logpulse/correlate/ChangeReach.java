package io.logpulse.correlate;

import io.logpulse.parse.CloudTrailApi;
import io.logpulse.schema.ChangeEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * What a network or permission change can break beyond the resources it names: the reach table. A
 * revoked security-group rule breaks whatever the group guards, whatever its name; a detached role
 * policy breaks every service running with the role. So these changes are suspects for every
 * service of their account even when no resource names the service, with an affinity ({@link
 * Scope#affinity}) that grows with how much they reach:
 *
 * <table>
 *   <caption>Reach of network and permission changes</caption>
 *   <tr><th>resource</th><th>calls</th><th>reaches</th><th>affinity</th></tr>
 *   <tr><td>route table</td><td>CreateRoute, ReplaceRoute, DeleteRoute,
 *       ReplaceRouteTableAssociation</td><td>everything in its VPC</td><td>0.45</td></tr>
 *   <tr><td>network ACL</td><td>CreateNetworkAclEntry, ReplaceNetworkAclEntry,
 *       DeleteNetworkAclEntry, ReplaceNetworkAclAssociation</td><td>everything in its VPC</td>
 *       <td>0.45</td></tr>
 *   <tr><td>listener</td><td>ModifyListener, DeleteListener, ModifyRule</td><td>everything
 *       behind its load balancer</td><td>0.4</td></tr>
 *   <tr><td>KMS key</td><td>PutKeyPolicy, DisableKey, ScheduleKeyDeletion</td><td>whatever uses
 *       the key</td><td>0.35</td></tr>
 *   <tr><td>IAM policy</td><td>CreatePolicyVersion, SetDefaultPolicyVersion</td><td>every role
 *       it is attached to</td><td>0.35</td></tr>
 *   <tr><td>security group</td><td>RevokeSecurityGroupIngress/Egress, ModifySecurityGroupRules,
 *       AuthorizeSecurityGroupIngress/Egress</td><td>what it guards</td><td>0.3</td></tr>
 *   <tr><td>IAM role</td><td>PutRolePolicy, DeleteRolePolicy, DetachRolePolicy,
 *       UpdateAssumeRolePolicy, AttachRolePolicy</td><td>the services using that role</td>
 *       <td>0.3</td></tr>
 *   <tr><td>target group</td><td>ModifyTargetGroup, DeregisterTargets</td><td>the targets
 *       registered in it</td><td>0.2</td></tr>
 *   <tr><td>any other network change</td><td></td><td>every service of the account</td>
 *       <td>0.3</td></tr>
 *   <tr><td>any other permission change</td><td></td><td>every service of the account</td>
 *       <td>0.15</td></tr>
 * </table>
 *
 * Calls that only widen access (authorizing a security-group rule, attaching a role policy) cannot
 * take access away, so they reach nothing ({@link #WIDENING}): like any other change they are
 * suspects only for the services their resources name. Every affinity stays below {@link
 * ServiceAffinity#STEM}, so a change whose resources name the service outranks a reach-only change
 * of the same kind made at the same time. Table entries are keyed by event source and API, since
 * names repeat across services (API Gateway has a CreateRoute too); the two fallbacks go by change
 * kind.
 */
final class ChangeReach {

  /** Factor for calls that only widen access: they break nothing they do not name. */
  static final double WIDENING = 0;

  /** What kind of resource a change touches, what that reaches, and how strongly. */
  enum Scope {
    ROUTE_TABLE("route table", "a route table reaches everything in its VPC", "routes %s", 0.45),
    NETWORK_ACL(
        "network ACL", "a network ACL reaches everything in its VPC", "filters %s's subnets", 0.45),
    LISTENER(
        "listener", "a listener reaches everything behind its load balancer", "fronts %s", 0.4),
    KMS_KEY("KMS key", "a key policy reaches whatever uses the key", "used by %s", 0.35),
    MANAGED_POLICY(
        "IAM policy",
        "a managed policy reaches every role it is attached to",
        "used by %s's role",
        0.35),
    SECURITY_GROUP("security group", "a security group reaches what it guards", "guards %s", 0.3),
    ROLE("IAM role", "a role's policies reach the services using that role", "runs %s", 0.3),
    TARGET_GROUP(
        "target group", "a target group reaches the targets registered in it", "serves %s", 0.2),
    NETWORK(
        "network change",
        "network and permission changes reach every service of the account",
        "touches %s",
        0.3),
    PERMISSION(
        "permission change",
        "network and permission changes reach every service of the account",
        "touches %s",
        0.15);

    /** What the resource is called in an explanation. */
    final String noun;

    /** Why the change is a suspect although it names no resource of the service. */
    final String reaches;

    /** How the resource relates to a service whose name it carries, with a %s for the service. */
    final String relation;

    /** The affinity of a change that names no resource of the service. */
    final double affinity;

    Scope(String noun, String reaches, String relation, double affinity) {
      this.noun = noun;
      this.reaches = reaches;
      this.relation = relation;
      this.affinity = affinity;
    }
  }

  /**
   * The reach of one change: its scope, what it did ({@code ingress revoked}; null for the
   * fallbacks) and its affinity to a service it does not name.
   */
  record Reach(Scope scope, String action, double affinity) {}

  private static final String EC2 = "ec2.amazonaws.com";
  private static final String ELB = "elasticloadbalancing.amazonaws.com";
  private static final String IAM = "iam.amazonaws.com";
  private static final String KMS = "kms.amazonaws.com";

  private static final Map<String, Reach> TABLE = table();

  private ChangeReach() {}

  /** The reach of a change, or null when it is neither a network nor a permission change. */
  static Reach of(ChangeEvent change) {
    Reach reach =
        TABLE.get(key(change.getEventSource(), CloudTrailApi.baseName(change.getEventName())));
    if (reach != null) {
      return reach;
    }
    return switch (change.getChangeKind()) {
      case "network" -> new Reach(Scope.NETWORK, null, Scope.NETWORK.affinity);
      case "iam" -> new Reach(Scope.PERMISSION, null, Scope.PERMISSION.affinity);
      default -> null;
    };
  }

  private static String key(String source, String api) {
    return source + ' ' + api;
  }

  private static Map<String, Reach> table() {
    Map<String, Reach> t = new HashMap<>();
    put(t, EC2, Scope.SECURITY_GROUP, "RevokeSecurityGroupIngress", "ingress revoked", false);
    put(t, EC2, Scope.SECURITY_GROUP, "RevokeSecurityGroupEgress", "egress revoked", false);
    put(t, EC2, Scope.SECURITY_GROUP, "ModifySecurityGroupRules", "rules modified", false);
    put(t, EC2, Scope.SECURITY_GROUP, "AuthorizeSecurityGroupIngress", "ingress allowed", true);
    put(t, EC2, Scope.SECURITY_GROUP, "AuthorizeSecurityGroupEgress", "egress allowed", true);
    put(t, EC2, Scope.NETWORK_ACL, "CreateNetworkAclEntry", "entry added", false);
    put(t, EC2, Scope.NETWORK_ACL, "ReplaceNetworkAclEntry", "entry replaced", false);
    put(t, EC2, Scope.NETWORK_ACL, "DeleteNetworkAclEntry", "entry deleted", false);
    put(t, EC2, Scope.NETWORK_ACL, "ReplaceNetworkAclAssociation", "subnet moved to it", false);
    put(t, EC2, Scope.ROUTE_TABLE, "CreateRoute", "route added", false);
    put(t, EC2, Scope.ROUTE_TABLE, "ReplaceRoute", "route replaced", false);
    put(t, EC2, Scope.ROUTE_TABLE, "DeleteRoute", "route deleted", false);
    put(t, EC2, Scope.ROUTE_TABLE, "ReplaceRouteTableAssociation", "subnet moved to it", false);
    put(t, ELB, Scope.LISTENER, "ModifyListener", "modified", false);
    put(t, ELB, Scope.LISTENER, "DeleteListener", "deleted", false);
    put(t, ELB, Scope.LISTENER, "ModifyRule", "rule modified", false);
    put(t, ELB, Scope.TARGET_GROUP, "ModifyTargetGroup", "modified", false);
    put(t, ELB, Scope.TARGET_GROUP, "DeregisterTargets", "targets deregistered", false);
    put(t, IAM, Scope.ROLE, "PutRolePolicy", "inline policy replaced", false);
    put(t, IAM, Scope.ROLE, "DeleteRolePolicy", "inline policy deleted", false);
    put(t, IAM, Scope.ROLE, "DetachRolePolicy", "policy detached", false);
    put(t, IAM, Scope.ROLE, "UpdateAssumeRolePolicy", "trust policy replaced", false);
    put(t, IAM, Scope.ROLE, "AttachRolePolicy", "policy attached", true);
    put(t, IAM, Scope.MANAGED_POLICY, "CreatePolicyVersion", "new version", false);
    put(t, IAM, Scope.MANAGED_POLICY, "SetDefaultPolicyVersion", "default version changed", false);
    put(t, KMS, Scope.KMS_KEY, "PutKeyPolicy", "key policy replaced", false);
    put(t, KMS, Scope.KMS_KEY, "DisableKey", "disabled", false);
    put(t, KMS, Scope.KMS_KEY, "ScheduleKeyDeletion", "scheduled for deletion", false);
    return Map.copyOf(t);
  }

  private static void put(
      Map<String, Reach> t, String source, Scope scope, String api, String action, boolean widens) {
    t.put(key(source, api), new Reach(scope, action, scope.affinity * (widens ? WIDENING : 1)));
  }
}
