package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.fixture;
import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ServiceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudTrailParserTest {
  private static final String GROUP = "aws-cloudtrail-logs-111111111111-0a1b2c3d";

  @Test
  void deployByAnAssumedRoleIsAChange() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-update-function-code.json"));

    assertThat(e.getFormat()).isEqualTo("cloudtrail");
    assertThat(e.getService()).isEqualTo("cloudtrail");
    assertThat(e.getEventSource()).isEqualTo("lambda.amazonaws.com");
    assertThat(e.getEventName()).isEqualTo("UpdateFunctionCode20150331v2");
    assertThat(e.getAccount()).isEqualTo("111111111111");
    assertThat(e.getRegion()).isEqualTo("eu-west-1");
    assertThat(e.getPrincipal())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/ci-deploy/ci-deploy");
    assertThat(e.getReadOnly()).isFalse();
    assertThat(e.getChange()).isTrue();
    assertThat(e.getChangeKind()).isEqualTo("deploy");
    assertThat(e.getResources()).containsExactly("checkout-fn");
    assertThat(e.getTimestamp()).isEqualTo(1_705_312_800_000L);
    assertThat(e.getRequestId()).isEqualTo("5d3f2c1a-0b9e-4c7d-8a6f-1e2d3c4b5a69");
    assertThat(e.getLevel()).isEqualTo("INFO");
    assertThat(e.getError()).isFalse();
    assertThat(e.getRequest()).isFalse();
    assertThat(e.getStatus()).as("responseElements.status is not the event's").isNull();
  }

  @Test
  void securityGroupChangeIsNetworkWithTheResourceArnAndGroupId() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-authorize-security-group-ingress.json"));

    assertThat(e.getChangeKind()).isEqualTo("network");
    assertThat(e.getChange()).isTrue();
    assertThat(e.getPrincipal()).isEqualTo("arn:aws:iam::111111111111:user/alice");
    assertThat(e.getRegion()).isEqualTo("us-east-1");
    assertThat(e.getResources())
        .containsExactly(
            "sg-0123456789abcdef0",
            "arn:aws:ec2:us-east-1:111111111111:security-group/sg-0123456789abcdef0");
    assertThat(e.getTimestamp()).isEqualTo(1_705_313_130_000L);
  }

  @Test
  void describeCallIsReadOnlyByNameAndFallsBackToTheLogOwnerAndInvokingService() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-describe-instances.json"));

    assertThat(e.getReadOnly()).isTrue();
    assertThat(e.getChange()).isFalse();
    assertThat(e.getChangeKind()).isNull();
    assertThat(e.getAccount()).isEqualTo(ParseFixtures.OWNER);
    assertThat(e.getPrincipal()).isEqualTo("autoscaling.amazonaws.com");
    assertThat(e.getResources()).isEmpty();
  }

  @Test
  void deniedCallIsNotAChangeButKeepsItsKindIssuerAndSsmName() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-put-parameter-denied.json"));

    assertThat(e.getChange()).isFalse();
    assertThat(e.getChangeKind()).isEqualTo("configuration");
    assertThat(e.getPrincipal()).isEqualTo("arn:aws:iam::111111111111:role/ops");
    assertThat(e.getAccount()).isEqualTo("111111111111");
    assertThat(e.getResources()).containsExactly("/checkout/feature-flags");
    assertThat(e.getError()).isFalse();
  }

  @Test
  void recognisedByContentInAnyLogGroup() {
    ServiceEvent e = parse("/custom/audit", fixture("cloudtrail-update-function-code.json"));
    assertThat(e.getFormat()).isEqualTo("cloudtrail");
    assertThat(e.getService()).isEqualTo("cloudtrail");
  }

  @Test
  void readOnlyFieldWinsOverTheNameAndNonApiCallsAreNotChanges() {
    ServiceEvent readOnly =
        parse(
            GROUP,
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"CreateMultipartUpload\","
                + "\"readOnly\":\"true\",\"eventType\":\"AwsApiCall\"}");
    ServiceEvent consoleLogin =
        parse(
            GROUP,
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\","
                + "\"readOnly\":false,\"eventType\":\"AwsConsoleSignIn\"}");
    assertThat(readOnly.getReadOnly()).isTrue();
    assertThat(readOnly.getChange()).isFalse();
    assertThat(consoleLogin.getReadOnly()).isFalse();
    assertThat(consoleLogin.getChange()).isFalse();
    assertThat(consoleLogin.getChangeKind()).isEqualTo("other");
  }

  @Test
  void userIdentityAccountIsUsedWithoutRecipientAccount() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"AttachRolePolicy\","
                + "\"userIdentity\":{\"accountId\":\"111111111111\"},\"eventType\":\"AwsApiCall\"}");
    assertThat(e.getAccount()).isEqualTo("111111111111");
    assertThat(e.getChangeKind()).isEqualTo("iam");
    assertThat(e.getChange()).isTrue();
    assertThat(e.getReadOnly()).isFalse();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "lambda.amazonaws.com, UpdateFunctionCode20150331v2, deploy",
    "lambda.amazonaws.com, PublishVersion20150331, deploy",
    "ecs.amazonaws.com, UpdateService, deploy",
    "cloudformation.amazonaws.com, UpdateStack, deploy",
    "codedeploy.amazonaws.com, CreateDeployment, deploy",
    "ssm.amazonaws.com, PutParameter, configuration",
    "lambda.amazonaws.com, UpdateFunctionConfiguration20150331v2, configuration",
    "s3.amazonaws.com, PutBucketPolicy, configuration",
    "rds.amazonaws.com, ModifyDBInstance, configuration",
    "autoscaling.amazonaws.com, UpdateAutoScalingGroup, scaling",
    "autoscaling.amazonaws.com, SetDesiredCapacity, scaling",
    "application-autoscaling.amazonaws.com, RegisterScalableTarget, scaling",
    "iam.amazonaws.com, PutRolePolicy, iam",
    "iam.amazonaws.com, DeleteRole, iam",
    "sts.amazonaws.com, AssumeRole, iam",
    "kms.amazonaws.com, PutKeyPolicy, iam",
    "kms.amazonaws.com, CreateGrant, iam",
    "ec2.amazonaws.com, AuthorizeSecurityGroupIngress, network",
    "ec2.amazonaws.com, ModifyVpcAttribute, network",
    "ec2.amazonaws.com, CreateRoute, network",
    "dynamodb.amazonaws.com, DeleteTable, delete",
    "ec2.amazonaws.com, TerminateInstances, delete",
    "dynamodb.amazonaws.com, PutItem, data",
    "s3.amazonaws.com, DeleteObject, data",
    "s3.amazonaws.com, CreateBucket, other",
  })
  void changeKinds(String source, String name, String kind) {
    assertThat(CloudTrailEvents.changeKind(source, name)).isEqualTo(kind);
  }

  @Test
  void versionSuffixIsOnlyStrippedWhenItIsADate() {
    assertThat(CloudTrailEvents.withoutVersionSuffix("UpdateFunctionCode20150331v2"))
        .isEqualTo("UpdateFunctionCode");
    assertThat(CloudTrailEvents.withoutVersionSuffix("GetFunction20150331"))
        .isEqualTo("GetFunction");
    assertThat(CloudTrailEvents.withoutVersionSuffix("ListObjectsV2")).isEqualTo("ListObjectsV2");
    assertThat(CloudTrailEvents.withoutVersionSuffix("CreateV2")).isEqualTo("CreateV2");
    assertThat(CloudTrailEvents.withoutVersionSuffix("Thing2v2")).isEqualTo("Thing2v2");
  }

  @Test
  void jsonWithoutAllThreeCloudTrailKeysIsNotCloudTrail() {
    assertThat(parse(GROUP, "{\"eventSource\":\"x\",\"eventName\":\"y\"}").getFormat())
        .isEqualTo("json");
  }
}
