package io.logpulse.correlate;

import static io.logpulse.correlate.Changes.SHOP;
import static io.logpulse.correlate.Changes.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.correlate.ChangeReach.Scope;
import io.logpulse.schema.ChangeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChangeReachTest {

  private static ChangeEvent call(String source, String name, String kind) {
    return deploy("c", SHOP, 0, "x")
        .setEventSource(source)
        .setEventName(name)
        .setChangeKind(kind)
        .build();
  }

  @ParameterizedTest(name = "{1} -> {2} {3}")
  @CsvSource({
    "ec2, RevokeSecurityGroupIngress, SECURITY_GROUP, 0.3",
    "ec2, RevokeSecurityGroupEgress, SECURITY_GROUP, 0.3",
    "ec2, ModifySecurityGroupRules, SECURITY_GROUP, 0.3",
    "ec2, AuthorizeSecurityGroupIngress, SECURITY_GROUP, 0.0",
    "ec2, AuthorizeSecurityGroupEgress, SECURITY_GROUP, 0.0",
    "ec2, CreateNetworkAclEntry, NETWORK_ACL, 0.45",
    "ec2, ReplaceNetworkAclEntry, NETWORK_ACL, 0.45",
    "ec2, DeleteNetworkAclEntry, NETWORK_ACL, 0.45",
    "ec2, ReplaceNetworkAclAssociation, NETWORK_ACL, 0.45",
    "ec2, CreateRoute, ROUTE_TABLE, 0.45",
    "ec2, ReplaceRoute, ROUTE_TABLE, 0.45",
    "ec2, DeleteRoute, ROUTE_TABLE, 0.45",
    "ec2, ReplaceRouteTableAssociation, ROUTE_TABLE, 0.45",
    "elasticloadbalancing, ModifyListener, LISTENER, 0.4",
    "elasticloadbalancing, DeleteListener, LISTENER, 0.4",
    "elasticloadbalancing, ModifyRule, LISTENER, 0.4",
    "elasticloadbalancing, ModifyTargetGroup, TARGET_GROUP, 0.2",
    "elasticloadbalancing, DeregisterTargets, TARGET_GROUP, 0.2",
    "iam, PutRolePolicy, ROLE, 0.3",
    "iam, DeleteRolePolicy, ROLE, 0.3",
    "iam, DetachRolePolicy, ROLE, 0.3",
    "iam, UpdateAssumeRolePolicy, ROLE, 0.3",
    "iam, AttachRolePolicy, ROLE, 0.0",
    "iam, CreatePolicyVersion, MANAGED_POLICY, 0.35",
    "iam, SetDefaultPolicyVersion, MANAGED_POLICY, 0.35",
    "kms, PutKeyPolicy, KMS_KEY, 0.35",
    "kms, DisableKey, KMS_KEY, 0.35",
    "kms, ScheduleKeyDeletion, KMS_KEY, 0.35",
  })
  void theReachTable(String service, String api, Scope scope, double affinity) {
    ChangeReach.Reach reach = ChangeReach.of(call(service + ".amazonaws.com", api, "other"));
    assertThat(reach.scope()).isEqualTo(scope);
    assertThat(reach.affinity()).isEqualTo(affinity, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(reach.action()).isNotBlank();
  }

  @Test
  void otherNetworkAndPermissionChangesReachTheAccountByKind() {
    assertThat(ChangeReach.of(call("ec2.amazonaws.com", "DetachInternetGateway", "network")))
        .isEqualTo(new ChangeReach.Reach(Scope.NETWORK, null, Scope.NETWORK.affinity));
    assertThat(ChangeReach.of(call("iam.amazonaws.com", "DeleteRole", "iam")).scope())
        .isEqualTo(Scope.PERMISSION);
    assertThat(ChangeReach.of(call("lambda.amazonaws.com", "UpdateFunctionCode", "deploy")))
        .isNull();
  }

  @Test
  void theTableIsKeyedByEventSource() {
    assertThat(ChangeReach.of(call("apigateway.amazonaws.com", "CreateRoute", "configuration")))
        .as("API Gateway's CreateRoute is no route table")
        .isNull();
  }

  @ParameterizedTest
  @EnumSource(
      value = Scope.class,
      names = {"NETWORK", "PERMISSION"},
      mode = EnumSource.Mode.EXCLUDE)
  void theReadmeTableSaysWhatTheCodeDoes(Scope scope) throws IOException {
    String row =
        Files.readAllLines(Path.of("..", "README.md")).stream()
            .map(String::strip)
            .filter(line -> line.startsWith("| " + scope.noun + " |"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no README reach row for " + scope.noun));
    assertThat(row).endsWith("| " + scope.affinity + " |");
  }

  @ParameterizedTest
  @EnumSource(Scope.class)
  void reachAloneNeverMatchesANamedResource(Scope scope) {
    assertThat(scope.affinity).isPositive().isLessThan(ServiceAffinity.STEM);
    assertThat(String.format(scope.relation, "web")).contains("web");
  }
}
