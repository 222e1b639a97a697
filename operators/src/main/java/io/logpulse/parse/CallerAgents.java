package io.logpulse.parse;

import java.util.List;
import java.util.Locale;

/**
 * Names what made a CloudTrail call — the {@code agent} of a change — from its user agent, {@code
 * userIdentity.invokedBy}, source IP and principal, so an incident can say "by CI" or "from the
 * console" without anyone reading user agent strings.
 *
 * <p>The first matching rule wins; markers are matched case-insensitively as substrings unless
 * stated otherwise:
 *
 * <ol>
 *   <li>{@code console}: the user agent names the console or sign-in ({@code
 *       console.amazonaws.com}, {@code signin.amazonaws.com}, {@code AWS Internal}, {@code
 *       S3Console/}), starts with {@code console.} (a service's console, {@code
 *       console.ec2.amazonaws.com}) or with {@code Mozilla/} (a browser);
 *   <li>{@code iac}: the user agent names Terraform ({@code Terraform}, {@code HashiCorp}),
 *       CloudFormation, the CDK ({@code aws-cdk}) or Pulumi, or CloudFormation invoked the call;
 *   <li>{@code ci}: the user agent names a CI tool (GitHub Actions, GitLab, Jenkins, CircleCI,
 *       Buildkite, CodeBuild or CodePipeline, for example {@code exec-env/CodeBuild}), or CodeBuild
 *       or CodePipeline invoked the call;
 *   <li>{@code aws-service}: another AWS service invoked the call ({@code invokedBy} is set), or
 *       the user agent or source IP is an AWS host ({@code lambda.amazonaws.com});
 *   <li>{@code ci}: the principal's role or session name names a CI runner ({@code github-actions},
 *       {@code GitHubActions} — the session name of GitHub's {@code configure-aws-credentials} —
 *       {@code gitlab-runner}, {@code gitlab-ci}, {@code jenkins}, {@code circleci}, {@code
 *       buildkite}, {@code codebuild}, {@code codepipeline}). This comes after the tool rules, so
 *       Terraform run by a CI runner stays {@code iac}, and a plain name such as {@code ci-deploy}
 *       is not enough;
 *   <li>{@code cli}: the user agent contains {@code aws-cli/};
 *   <li>{@code sdk}: the user agent names an AWS SDK ({@code aws-sdk-java}, {@code aws-sdk-go}, any
 *       {@code aws-sdk-*}, {@code Boto3}, {@code Botocore});
 *   <li>{@code other}.
 * </ol>
 *
 * Only the first {@value #MAX_CHARS} characters of each value are looked at.
 */
final class CallerAgents {
  static final String CONSOLE = "console";
  static final String CLI = "cli";
  static final String CI = "ci";
  static final String IAC = "iac";
  static final String SDK = "sdk";
  static final String AWS_SERVICE = "aws-service";
  static final String OTHER = "other";

  /** Every agent {@link #classify} returns. */
  static final List<String> ALL = List.of(CONSOLE, CLI, CI, IAC, SDK, AWS_SERVICE, OTHER);

  static final int MAX_CHARS = 1024;

  private static final String AWS_HOST_SUFFIX = ".amazonaws.com";

  /** The value of the call a rule looks at. */
  private enum Field {
    USER_AGENT,
    INVOKED_BY,
    SOURCE_IP,
    PRINCIPAL
  }

  /** How a rule matches its field's lower-cased value. */
  private enum Match {
    CONTAINS,
    STARTS_WITH,
    /** The value is an AWS host name such as {@code lambda.amazonaws.com}; markers unused. */
    AWS_HOST,
    /** The value is present; markers unused. */
    PRESENT
  }

  private record Rule(String agent, Field field, Match match, String... markers) {}

  private static final Rule[] RULES = {
    new Rule(
        CONSOLE,
        Field.USER_AGENT,
        Match.CONTAINS,
        "console.amazonaws.com",
        "signin.amazonaws.com",
        "aws internal",
        "s3console/"),
    new Rule(CONSOLE, Field.USER_AGENT, Match.STARTS_WITH, "console.", "mozilla/"),
    new Rule(
        IAC,
        Field.USER_AGENT,
        Match.CONTAINS,
        "terraform",
        "hashicorp",
        "cloudformation",
        "aws-cdk",
        "pulumi"),
    new Rule(IAC, Field.INVOKED_BY, Match.CONTAINS, "cloudformation"),
    new Rule(
        CI,
        Field.USER_AGENT,
        Match.CONTAINS,
        "github-actions",
        "githubactions",
        "gitlab",
        "jenkins",
        "circleci",
        "buildkite",
        "codebuild",
        "codepipeline"),
    new Rule(CI, Field.INVOKED_BY, Match.CONTAINS, "codebuild", "codepipeline"),
    new Rule(AWS_SERVICE, Field.INVOKED_BY, Match.PRESENT),
    new Rule(AWS_SERVICE, Field.USER_AGENT, Match.AWS_HOST),
    new Rule(AWS_SERVICE, Field.SOURCE_IP, Match.AWS_HOST),
    new Rule(
        CI,
        Field.PRINCIPAL,
        Match.CONTAINS,
        "github-actions",
        "githubactions",
        "github_actions",
        "gitlab-runner",
        "gitlab-ci",
        "jenkins",
        "circleci",
        "buildkite",
        "codebuild",
        "codepipeline"),
    new Rule(CLI, Field.USER_AGENT, Match.CONTAINS, "aws-cli/"),
    new Rule(SDK, Field.USER_AGENT, Match.CONTAINS, "aws-sdk-", "boto3", "botocore"),
  };

  private CallerAgents() {}

  /**
   * The agent of a call (see the class documentation); any argument may be null. Never throws,
   * never returns null.
   */
  static String classify(String userAgent, String sourceIp, String invokedBy, String principal) {
    String[] values = {
      lower(userAgent), lower(invokedBy), lower(sourceIp), lower(principal),
    };
    for (Rule rule : RULES) {
      String value = values[rule.field().ordinal()];
      if (value != null && matches(rule, value)) {
        return rule.agent();
      }
    }
    return OTHER;
  }

  private static boolean matches(Rule rule, String value) {
    switch (rule.match()) {
      case PRESENT:
        return true;
      case AWS_HOST:
        return value.endsWith(AWS_HOST_SUFFIX)
            && value.length() > AWS_HOST_SUFFIX.length()
            && value.indexOf(' ') < 0
            && value.indexOf('/') < 0;
      default:
        for (String marker : rule.markers()) {
          if (rule.match() == Match.STARTS_WITH
              ? value.startsWith(marker)
              : value.contains(marker)) {
            return true;
          }
        }
        return false;
    }
  }

  /** The value's first {@link #MAX_CHARS} characters in lower case; null when blank. */
  private static String lower(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String head = value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) : value;
    return head.trim().toLowerCase(Locale.ROOT);
  }
}
