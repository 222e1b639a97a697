package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.fixture;
import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.ServiceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Network and permission changes as CloudTrail logs them (event shapes from the EC2, ELB, IAM and
 * KMS CloudTrail documentation): their kind and the resources correlation matches services against.
 */
class NetworkAndPermissionChangesTest {
  private static final String GROUP = "aws-cloudtrail-logs-111111111111-0a1b2c3d";

  @Test
  void aRevokedSecurityGroupRuleNamesTheGroupByIdAndName() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-revoke-security-group-ingress.json"));

    assertThat(e.getChange()).isTrue();
    assertThat(e.getChangeKind()).isEqualTo("network");
    assertThat(e.getResources()).containsExactly("sg-0a1b2c3d4e5f60718", "web-alb-sg");
    assertThat(e.getAgent()).isEqualTo("console");
    ChangeEvent change = ChangeEvents.from(e);
    assertThat(change.getResources()).contains("web-alb-sg");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cloudtrail-modify-security-group-rules.json | network | sg-0fedcba9876543210",
        "cloudtrail-replace-network-acl-entry.json | network | acl-0a1b2c3d4e5f60718",
        "cloudtrail-replace-route.json | network | rtb-0a1b2c3d4e5f60718",
        "cloudtrail-modify-listener.json | network | arn:aws:elasticloadbalancing:eu-west-1:"
            + "111111111111:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2",
        "cloudtrail-detach-role-policy.json | iam | inventory-api-task-role,"
            + " arn:aws:iam::111111111111:policy/inventory-table-access",
        "cloudtrail-put-role-policy.json | iam | orders-task-role, orders-table-read",
        "cloudtrail-schedule-key-deletion.json | iam | 1234abcd-12ab-34cd-56ef-1234567890ab,"
            + " arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      })
  void kindsAndResourcesOfRecordedCalls(String fixture, String kind, String resources) {
    ServiceEvent e = parse(GROUP, fixture(fixture));

    assertThat(e.getChange()).isTrue();
    assertThat(e.getReadOnly()).isFalse();
    assertThat(e.getChangeKind()).isEqualTo(kind);
    assertThat(e.getResources()).containsExactlyInAnyOrder(resources.split(",\\s*"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "ec2.amazonaws.com, AuthorizeSecurityGroupIngress, network",
    "ec2.amazonaws.com, AuthorizeSecurityGroupEgress, network",
    "ec2.amazonaws.com, RevokeSecurityGroupIngress, network",
    "ec2.amazonaws.com, RevokeSecurityGroupEgress, network",
    "ec2.amazonaws.com, ModifySecurityGroupRules, network",
    "ec2.amazonaws.com, CreateNetworkAclEntry, network",
    "ec2.amazonaws.com, ReplaceNetworkAclEntry, network",
    "ec2.amazonaws.com, DeleteNetworkAclEntry, network",
    "ec2.amazonaws.com, ReplaceNetworkAclAssociation, network",
    "ec2.amazonaws.com, CreateRoute, network",
    "ec2.amazonaws.com, ReplaceRoute, network",
    "ec2.amazonaws.com, DeleteRoute, network",
    "ec2.amazonaws.com, ReplaceRouteTableAssociation, network",
    "elasticloadbalancing.amazonaws.com, ModifyListener, network",
    "elasticloadbalancing.amazonaws.com, DeleteListener, network",
    "elasticloadbalancing.amazonaws.com, ModifyRule, network",
    "elasticloadbalancing.amazonaws.com, ModifyTargetGroup, network",
    "elasticloadbalancing.amazonaws.com, DeregisterTargets, network",
    "iam.amazonaws.com, PutRolePolicy, iam",
    "iam.amazonaws.com, DeleteRolePolicy, iam",
    "iam.amazonaws.com, AttachRolePolicy, iam",
    "iam.amazonaws.com, DetachRolePolicy, iam",
    "iam.amazonaws.com, UpdateAssumeRolePolicy, iam",
    "iam.amazonaws.com, CreatePolicyVersion, iam",
    "iam.amazonaws.com, SetDefaultPolicyVersion, iam",
    "kms.amazonaws.com, PutKeyPolicy, iam",
    "kms.amazonaws.com, DisableKey, iam",
    "kms.amazonaws.com, ScheduleKeyDeletion, iam",
    "kms.amazonaws.com, RevokeGrant, iam",
    "kms.amazonaws.com, EnableKeyRotation, configuration",
  })
  void networkAndPermissionKinds(String source, String name, String kind) {
    assertThat(CloudTrailEvents.changeKind(source, name)).isEqualTo(kind);
  }

  @Test
  void userRulesStillReclassifyThem() {
    ChangeKindRules rules =
        ChangeKindRules.parse("elasticloadbalancing:ModifyTargetGroup=configuration");
    assertThat(rules.kind("elasticloadbalancing.amazonaws.com", "ModifyTargetGroup"))
        .isEqualTo("configuration");
    assertThat(rules.kind("elasticloadbalancing.amazonaws.com", "ModifyListener"))
        .isEqualTo("network");
  }

  @Test
  void theKeyIdNamesAResourceOnlyInKmsCallsAndThePolicyNameOnlyInIamCalls() {
    String elsewhere =
        "{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutObject\","
            + "\"requestParameters\":{\"keyId\":\"k\",\"policyName\":\"p\",\"groupName\":\"g\"},"
            + "\"eventType\":\"AwsApiCall\"}";
    assertThat(parse(GROUP, elsewhere).getResources()).isEmpty();
  }
}
