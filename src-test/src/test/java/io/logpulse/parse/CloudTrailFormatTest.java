package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.fixture;
import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ServiceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudTrailFormatTest {
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
    assertThat(e.getResources())
        .containsExactly(
            "checkout-fn", "arn:aws:lambda:eu-west-1:111111111111:function:checkout-fn");
    assertThat(e.getTrailEventId()).isEqualTo("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    assertThat(e.getPrincipalKind()).isEqualTo("role");
    assertThat(e.getSourceIp()).isEqualTo("203.0.113.10");
    assertThat(e.getUserAgent()).isEqualTo("aws-cli/2.15.0");
    assertThat(e.getAgent()).as("ci-deploy does not name a CI runner").isEqualTo("cli");
    assertThat(e.getErrorCode()).isNull();
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
    assertThat(e.getPrincipalKind()).isEqualTo("user");
    assertThat(e.getAgent()).isEqualTo("console");
    assertThat(e.getSourceIp()).isEqualTo("198.51.100.7");
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
    assertThat(e.getPrincipalKind()).isEqualTo("service");
    assertThat(e.getAgent()).isEqualTo("aws-service");
    assertThat(e.getResources()).isEmpty();
  }

  @Test
  void deniedCallIsNotAChangeButKeepsItsErrorKindIssuerAndSsmName() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-put-parameter-denied.json"));

    assertThat(e.getChange()).isFalse();
    assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
    assertThat(e.getPrincipalKind()).isEqualTo("role");
    assertThat(e.getAgent()).isEqualTo("cli");
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
  void onlyApiCallsKeepTheirErrorCode() {
    ServiceEvent failedSignIn =
        parse(
            GROUP,
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\","
                + "\"errorCode\":\"Failed authentication\",\"readOnly\":false,\"eventType\":\"AwsConsoleSignIn\"}");
    assertThat(failedSignIn.getErrorCode()).isNull();
    assertThat(failedSignIn.getChange()).isFalse();
  }

  @Test
  void ecsDeployByGitHubActionsNamesClusterServiceAndTaskDefinition() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-ecs-update-service.json"));

    assertThat(e.getChange()).isTrue();
    assertThat(e.getChangeKind()).isEqualTo("deploy");
    assertThat(e.getResources())
        .containsExactly(
            "prod",
            "orders-api",
            "orders-api:42",
            "arn:aws:ecs:eu-west-1:111111111111:service/prod/orders-api",
            "arn:aws:ecs:eu-west-1:111111111111:task-definition/orders-api:42");
    assertThat(e.getPrincipal())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/github-actions-deploy/GitHubActions");
    assertThat(e.getPrincipalKind()).isEqualTo("role");
    assertThat(e.getAgent()).as("the aws-cli run by a GitHub Actions session").isEqualTo("ci");
    assertThat(e.getSourceIp()).isEqualTo("20.57.12.34");
    assertThat(e.getTrailEventId()).isEqualTo("b2c3d4e5-f6a7-4182-93a4-b5c6d7e8f901");
    assertThat(e.getTimestamp()).isEqualTo(1_705_312_752_000L);
  }

  @Test
  void cloudFormationUpdateStackBySdkNamesTheStackAndItsId() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-cloudformation-update-stack.json"));

    assertThat(e.getChangeKind()).isEqualTo("deploy");
    assertThat(e.getResources())
        .containsExactly(
            "checkout-stack",
            "arn:aws:cloudformation:eu-west-1:111111111111:stack/checkout-stack/"
                + "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809");
    assertThat(e.getPrincipalKind()).isEqualTo("user");
    assertThat(e.getAgent()).isEqualTo("sdk");
  }

  @Test
  void ssmPutParameterFromTheConsole() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-put-parameter-console.json"));

    assertThat(e.getChange()).isTrue();
    assertThat(e.getChangeKind()).isEqualTo("configuration");
    assertThat(e.getResources()).containsExactly("/checkout/timeout-ms");
    assertThat(e.getAgent()).isEqualTo("console");
    assertThat(e.getSourceIp()).isEqualTo("AWS Internal");
    assertThat(e.getPrincipal())
        .isEqualTo(
            "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/carol@example.com");
  }

  @Test
  void dynamoDbUpdateTableByTerraformNamesTheTableAndItsArnOnce() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-dynamodb-update-table.json"));

    assertThat(e.getChangeKind()).isEqualTo("configuration");
    assertThat(e.getResources())
        .containsExactly("orders", "arn:aws:dynamodb:eu-west-1:111111111111:table/orders");
    assertThat(e.getAgent()).as("Terraform, though it uses the Go SDK").isEqualTo("iac");
    assertThat(e.getUserAgent()).startsWith("APN/1.0 HashiCorp/1.0 Terraform/1.7.5");
  }

  @Test
  void instanceTerminatedByAutoScalingIsAServiceCall() {
    ServiceEvent e = parse(GROUP, fixture("cloudtrail-terminate-instances-by-autoscaling.json"));

    assertThat(e.getChange()).isTrue();
    assertThat(e.getChangeKind()).isEqualTo("delete");
    assertThat(e.getAgent()).isEqualTo("aws-service");
    assertThat(e.getPrincipalKind()).as("a service-linked role").isEqualTo("role");
    assertThat(e.getPrincipal())
        .isEqualTo(
            "arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling");
    assertThat(e.getResources()).containsExactly("i-0a1b2c3d4e5f60718");
  }

  @Test
  void keysOutOfCloudTrailsOrderAreStillRead() {
    String sorted =
        "{\"awsRegion\":\"eu-west-1\",\"eventID\":\"e-1\",\"eventName\":\"UpdateService\","
            + "\"eventSource\":\"ecs.amazonaws.com\",\"eventType\":\"AwsApiCall\","
            + "\"eventVersion\":\"1.08\",\"requestParameters\":{\"service\":\"orders-api\"},"
            + "\"sourceIPAddress\":\"203.0.113.1\",\"userAgent\":\"aws-cli/2.15.0\"}";
    ServiceEvent e = parse(GROUP, sorted);

    assertThat(e.getTrailEventId()).isEqualTo("e-1");
    assertThat(e.getSourceIp()).isEqualTo("203.0.113.1");
    assertThat(e.getUserAgent()).isEqualTo("aws-cli/2.15.0");
    assertThat(e.getAgent()).isEqualTo("cli");
    assertThat(e.getResources())
        .as("a service-specific key read before eventSource")
        .containsExactly("orders-api");
  }

  @Test
  void genericKeysNameResourcesOnlyInTheirOwnService() {
    String glue =
        "{\"eventVersion\":\"1.08\",\"eventSource\":\"glue.amazonaws.com\",\"eventName\":\"DeleteTable\","
            + "\"requestParameters\":{\"databaseName\":\"lake\",\"name\":\"clicks\",\"service\":\"x\","
            + "\"groupId\":\"g\",\"roleName\":\"r\"},\"eventType\":\"AwsApiCall\"}";
    String rule =
        "{\"eventVersion\":\"1.08\",\"eventSource\":\"events.amazonaws.com\",\"eventName\":\"PutRule\","
            + "\"requestParameters\":{\"name\":\"nightly-export\",\"scheduleExpression\":\"rate(1 day)\"},"
            + "\"responseElements\":{\"ruleArn\":\"arn:aws:events:eu-west-1:111111111111:rule/nightly-export\"},"
            + "\"eventType\":\"AwsApiCall\"}";
    String role =
        "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"AttachRolePolicy\","
            + "\"requestParameters\":{\"roleName\":\"checkout-fn-role\","
            + "\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"},\"eventType\":\"AwsApiCall\"}";

    assertThat(parse(GROUP, glue).getResources()).isEmpty();
    assertThat(parse(GROUP, rule).getResources())
        .containsExactly(
            "nightly-export", "arn:aws:events:eu-west-1:111111111111:rule/nightly-export");
    assertThat(parse(GROUP, role).getResources())
        .containsExactly("checkout-fn-role", "arn:aws:iam::aws:policy/AdministratorAccess");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "requestParameters, functionName, my-fn",
    "requestParameters, bucketName, my-bucket",
    "requestParameters, autoScalingGroupName, web-asg",
    "requestParameters, targetGroupArn, arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/t/1",
    "requestParameters, loadBalancerArn, arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/l/1",
    "requestParameters, restApiId, a1b2c3d4e5",
    "requestParameters, dBInstanceIdentifier, orders-db",
    "requestParameters, dBClusterIdentifier, orders-cluster",
    "requestParameters, logGroupName, /aws/lambda/my-fn",
    "requestParameters, topicArn, arn:aws:sns:eu-west-1:1:alerts",
    "requestParameters, queueUrl, https://sqs.eu-west-1.amazonaws.com/1/jobs",
    "requestParameters, policyArn, arn:aws:iam::1:policy/p",
    "responseElements, dBInstanceArn, arn:aws:rds:eu-west-1:1:db:orders-db",
  })
  void resourceKeysOfTheCommonChangeApis(String container, String key, String value) {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"any.amazonaws.com\",\"eventName\":\"Change\","
                + "\""
                + container
                + "\":{\""
                + key
                + "\":\""
                + value
                + "\"}}");
    assertThat(e.getResources()).containsExactly(value);
  }

  @Test
  void resourcesAndTheirLengthStayCapped() {
    StringBuilder arns = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      arns.append(i == 0 ? "" : ",")
          .append("{\"ARN\":\"arn:aws:s3:::bucket-")
          .append(i)
          .append("\"}");
    }
    String longName = "f".repeat(5000);
    ServiceEvent e =
        parse(
            GROUP,
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"lambda.amazonaws.com\",\"eventName\":\"X\","
                + "\"userAgent\":\""
                + longName
                + "\",\"requestParameters\":{\"functionName\":\""
                + longName
                + "\"},\"resources\":["
                + arns
                + "]}");
    assertThat(e.getResources()).hasSize(32);
    assertThat(e.getResources().get(0)).hasSize(1024);
    assertThat(e.getUserAgent()).hasSize(1024);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "AssumedRole, -, role",
        "IAMUser, -, user",
        "Root, -, root",
        "AWSService, -, service",
        "FederatedUser, -, federated",
        "WebIdentityUser, -, federated",
        "SAMLUser, -, federated",
        "AWSAccount, -, -",
        "-, arn:aws:sts::1:assumed-role/r/s, role",
        "-, arn:aws:iam::1:user/alice, user",
        "-, arn:aws:iam::1:root, root",
        "-, arn:aws:sts::1:federated-user/bob, federated",
        "Unknown, arn:aws:iam::1:role/r, role",
      })
  void principalKinds(String type, String arn, String kind) {
    assertThat(CloudTrailEvents.principalKind(type, arn, null)).isEqualTo(kind);
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

  /** A CloudTrail event trimmed on the way: no eventVersion, eventID or eventType. */
  private static final String MINIMAL =
      "{\"errorCode\":\"AccessDenied\",\"eventName\":\"PutBucketPolicy\","
          + "\"eventSource\":\"s3.amazonaws.com\",\"awsRegion\":\"eu-west-1\","
          + "\"recipientAccountId\":\"111111111111\",\"eventTime\":\"2024-01-15T10:00:00Z\","
          + "\"userIdentity\":{\"type\":\"AssumedRole\","
          + "\"arn\":\"arn:aws:sts::111111111111:assumed-role/ci-deploy/ci\"},"
          + "\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":{\"bucketName\":\"orders\"}}";

  @Test
  void aMinimalEventWithoutEventVersionOrEventIdIsCloudTrail() {
    ServiceEvent failed = parse("/custom/forwarded-trail", MINIMAL);
    ServiceEvent succeeded =
        parse("/custom/forwarded-trail", MINIMAL.replace("\"errorCode\":\"AccessDenied\",", ""));

    assertThat(failed.getFormat()).isEqualTo("cloudtrail");
    assertThat(failed.getEventName()).isEqualTo("PutBucketPolicy");
    assertThat(failed.getEventSource()).isEqualTo("s3.amazonaws.com");
    assertThat(failed.getAccount()).isEqualTo("111111111111");
    assertThat(failed.getRegion()).isEqualTo("eu-west-1");
    assertThat(failed.getPrincipal())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/ci-deploy/ci");
    assertThat(failed.getPrincipalKind()).isEqualTo("role");
    assertThat(failed.getUserAgent())
        .as("read although before no eventVersion")
        .isEqualTo("aws-cli/2.15.0");
    assertThat(failed.getTimestamp()).isEqualTo(1_705_312_800_000L);
    assertThat(failed.getErrorCode()).isEqualTo("AccessDenied");
    assertThat(failed.getChange()).isFalse();
    assertThat(failed.getError()).isFalse();
    assertThat(succeeded.getChange()).isTrue();
    assertThat(succeeded.getChangeKind()).isEqualTo("configuration");
    assertThat(succeeded.getResources()).containsExactly("orders");
  }

  @Test
  void applicationEventsWithAnEventNameAreNotCloudTrail() {
    String appEvent =
        "{\"level\":\"info\",\"eventName\":\"OrderPlaced\",\"eventSource\":\"checkout\","
            + "\"awsRegion\":\"eu-west-1\",\"recipientAccountId\":\"111111111111\","
            + "\"userIdentity\":{\"arn\":\"arn:aws:iam::111111111111:user/app\"},\"status\":201}";
    String noIdentity =
        "{\"eventName\":\"PutObject\",\"eventSource\":\"s3.amazonaws.com\","
            + "\"awsRegion\":\"eu-west-1\",\"recipientAccountId\":\"111111111111\"}";

    ServiceEvent app = parse("/ecs/orders", appEvent);

    assertThat(app.getFormat()).isEqualTo("json");
    assertThat(app.getStatus()).isEqualTo(201);
    assertThat(app.getService()).isEqualTo("orders");
    assertThat(parse(GROUP, noIdentity).getFormat()).isEqualTo("json");
  }
}
