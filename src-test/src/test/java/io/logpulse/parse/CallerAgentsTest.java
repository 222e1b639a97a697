package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerAgentsTest {

  @ParameterizedTest(name = "{0} | {1} | {2} | {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "console.amazonaws.com | 198.51.100.7 | - | arn:aws:iam::1:user/alice | console",
        "signin.amazonaws.com | 198.51.100.7 | - | - | console",
        "AWS Internal | AWS Internal | - | - | console",
        "console.ec2.amazonaws.com | 198.51.100.7 | - | - | console",
        "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.488] | 198.51.100.7 | - | - | console",
        "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/121.0 | 198.51.100.7 | - | - | console",
        "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) aws-sdk-go-v2/1.25.3"
            + " | 198.51.100.30 | - | arn:aws:sts::1:assumed-role/github-actions/GitHubActions | iac",
        "cloudformation.amazonaws.com | cloudformation.amazonaws.com | cloudformation.amazonaws.com"
            + " | cloudformation.amazonaws.com | iac",
        "aws-cdk/2.120.0 aws-sdk-js/2.1500.0 | 203.0.113.4 | - | - | iac",
        "pulumi/3.100.0 aws-sdk-go-v2/1.24.0 | 203.0.113.4 | - | - | iac",
        "aws-cli/2.15.0 Python/3.11.6 Linux/5.10 exe/x86_64.amzn.2 exec-env/CodeBuild | 3.250.1.2 | - | - | ci",
        "configure-aws-credentials-for-github-actions | 20.57.12.34 | - | - | ci",
        "aws-sdk-java/1.12.600 Linux/5.10 OpenJDK_64-Bit_Server_VM jenkins/2.426 | 10.0.0.5 | - | - | ci",
        "aws-cli/2.15.0 | 10.0.0.5 | codepipeline.amazonaws.com | - | ci",
        "autoscaling.amazonaws.com | autoscaling.amazonaws.com | autoscaling.amazonaws.com | - | aws-service",
        "lambda.amazonaws.com | lambda.amazonaws.com | - | - | aws-service",
        "aws-sdk-go/1.44 | ecs-tasks.amazonaws.com | - | - | aws-service",
        "- | - | AWS Internal | - | aws-service",
        "aws-cli/2.15.0 | 20.57.12.34 | - | arn:aws:sts::1:assumed-role/github-actions-deploy/x | ci",
        "aws-cli/2.15.0 | 10.1.2.3 | - | arn:aws:sts::1:assumed-role/deployer/gitlab-runner-42 | ci",
        "Boto3/1.34 | 10.1.2.3 | - | arn:aws:sts::1:assumed-role/ci-jenkins/i-0abc | ci",
        "aws-cli/2.15.0 | 203.0.113.10 | - | arn:aws:sts::1:assumed-role/ci-deploy/ci-deploy | cli",
        "aws-cli/1.32.0 Python/3.11 | 203.0.113.10 | - | - | cli",
        "Boto3/1.34.14 md/Botocore#1.34.14 ua/2.0 os/linux | 203.0.113.10 | - | - | sdk",
        "Botocore/1.34.14 | 203.0.113.10 | - | - | sdk",
        "aws-sdk-java/2.25.6 Linux/6.1 OpenJDK_64-Bit_Server_VM/17 | 10.0.0.9 | - | - | sdk",
        "aws-sdk-go-v2/1.25.3 os/linux lang/go#1.21.8 | 10.0.0.9 | - | - | sdk",
        "aws-sdk-js/3.500.0 ua/2.0 os/linux#5.10 lang/js md/nodejs#20.11.0 | 10.0.0.9 | - | - | sdk",
        "curl/8.5.0 | 203.0.113.10 | - | - | other",
        "- | - | - | - | other",
        "'   ' | '' | - | - | other",
      })
  void classifies(
      String userAgent, String sourceIp, String invokedBy, String principal, String agent) {
    assertThat(CallerAgents.classify(userAgent, sourceIp, invokedBy, principal)).isEqualTo(agent);
  }

  @Property
  void anyInputGivesAKnownAgent(
      @ForAll("values") String userAgent,
      @ForAll("values") String sourceIp,
      @ForAll("values") String invokedBy,
      @ForAll("values") String principal) {
    assertThat(CallerAgents.classify(userAgent, sourceIp, invokedBy, principal))
        .isIn(CallerAgents.ALL);
  }

  @Property(tries = 20)
  void hugeValuesAreReadOnlyAsFarAsTheCap(@ForAll("huge") String value) {
    assertThat(CallerAgents.classify(value, value, null, value)).isEqualTo("other");
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> markers =
        Arbitraries.of(
                "console.amazonaws.com",
                "Mozilla/",
                "Terraform",
                "aws-cli/",
                "Boto3",
                ".amazonaws.com",
                "GitHubActions",
                "gitlab-runner",
                "exec-env/CodeBuild",
                "AWS Internal",
                " ",
                "/",
                "\u0130",
                "\uD83D",
                "\u0000")
            .list()
            .ofMaxSize(6)
            .map(list -> String.join("", list));
    Arbitrary<String> binary =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(200)
            .map(b -> new String(b, StandardCharsets.ISO_8859_1));
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300), markers, binary, Arbitraries.just(null));
  }

  @Provide
  Arbitrary<String> huge() {
    return Arbitraries.integers()
        .between(100_000, 2_000_000)
        .map(n -> "x".repeat(n) + "Terraform.amazonaws.com");
  }
}
