package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.ServiceEvent;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the parser makes of a message, {@link ChangeEvents#from} does not throw, keeps only
 * CloudTrail calls that are not read-only, marks exactly those with an error code as failed, and
 * always names a known kind and agent.
 */
class ChangeEventsPropertiesTest {
  private static final String GROUP = "aws-cloudtrail-logs-111111111111-0a1b2c3d";

  private static final List<String> KEYS =
      List.of(
          "eventVersion",
          "eventSource",
          "eventName",
          "eventType",
          "eventID",
          "eventTime",
          "readOnly",
          "errorCode",
          "userAgent",
          "sourceIPAddress",
          "awsRegion",
          "recipientAccountId",
          "userIdentity",
          "requestParameters",
          "responseElements",
          "resources");

  private static final List<String> VALUES =
      List.of(
          "\"1.08\"",
          "\"lambda.amazonaws.com\"",
          "\"ssm.amazonaws.com\"",
          "\"events.amazonaws.com\"",
          "\"UpdateFunctionCode20150331v2\"",
          "\"PutParameter\"",
          "\"DescribeInstances\"",
          "\"ConsoleLogin\"",
          "\"AwsApiCall\"",
          "\"AwsConsoleSignIn\"",
          "\"AccessDenied\"",
          "\"2024-01-15T10:00:00Z\"",
          "\"aws-cli/2.15.0\"",
          "\"autoscaling.amazonaws.com\"",
          "true",
          "false",
          "\"true\"",
          "null",
          "12",
          "\"\"",
          "[]",
          "[{\"ARN\":\"arn:aws:s3:::b\"},{\"ARN\":7}]",
          "{\"name\":\"/p\",\"functionName\":\"fn\",\"service\":{\"x\":1}}",
          "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/gitlab-runner/s\","
              + "\"invokedBy\":\"lambda.amazonaws.com\"}",
          "{\"functionArn\":\"arn:aws:lambda:eu-west-1:1:function:fn\",\"service\":{\"serviceArn\":1}}");

  @Property(tries = 2000)
  void changeEventsFollowTheParsedEvent(@ForAll("cloudTrailLike") String message) {
    ChangeEvent c = check(message);
    Statistics.collect(c == null ? "none" : c.getFailed() ? "failed" : "change");
    Statistics.coverage(
        coverage -> {
          coverage.check("none").percentage(p -> p > 10);
          coverage.check("change").percentage(p -> p > 10);
          coverage.check("failed").percentage(p -> p > 2);
        });
  }

  @Property
  void anyStringMapsWithoutThrowing(@ForAll String message) {
    check(message);
  }

  private static ChangeEvent check(String message) {
    ServiceEvent e = ParseFixtures.parse(GROUP, message);
    ChangeEvent c = ChangeEvents.from(e);
    boolean signal =
        "cloudtrail".equals(e.getFormat())
            && Boolean.FALSE.equals(e.getReadOnly())
            && (e.getChange() || e.getErrorCode() != null);
    assertThat(c != null).as("a change event exactly for change signals").isEqualTo(signal);
    assertThat(e.getChange() && e.getErrorCode() != null)
        .as("a failed call is no change")
        .isFalse();
    if (c != null) {
      assertThat(c.getFailed()).isEqualTo(c.getErrorCode() != null);
      assertThat(c.getErrorCode()).isEqualTo(e.getErrorCode());
      assertThat(c.getChangeKind()).isIn(ChangeEvents.KINDS);
      assertThat(c.getAgent()).isIn(ChangeEvents.AGENTS);
      assertThat(c.getChangeId()).isNotNull();
      assertThat(c.getResources()).hasSizeLessThanOrEqualTo(32).doesNotHaveDuplicates();
      assertThat(ChangeEvents.from(e)).as("pure").isEqualTo(c);
    }
    return c;
  }

  /**
   * CloudTrail-like JSON objects: an event source, name and type drawn mostly from real ones, then
   * any of CloudTrail's keys with plausible, wrong-typed or random values (a later duplicate key
   * wins or loses like in any message).
   */
  @Provide
  Arbitrary<String> cloudTrailLike() {
    Arbitrary<String> source =
        Arbitraries.frequencyOf(
            Tuple.of(
                4,
                Arbitraries.of("lambda.amazonaws.com", "ssm.amazonaws.com", "ec2.amazonaws.com")),
            Tuple.of(1, text()));
    Arbitrary<String> name =
        Arbitraries.frequencyOf(
            Tuple.of(
                4,
                Arbitraries.of(
                    "UpdateFunctionCode20150331v2",
                    "PutParameter",
                    "DescribeInstances",
                    "ConsoleLogin",
                    "CreateBucket")),
            Tuple.of(1, text()));
    Arbitrary<String> type =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just("AwsApiCall")),
            Tuple.of(1, Arbitraries.of("AwsConsoleSignIn", "AwsServiceEvent")),
            Tuple.of(1, text()));
    Arbitrary<String> value =
        Arbitraries.oneOf(Arbitraries.of(VALUES), text().map(ChangeEventsPropertiesTest::quote));
    Arbitrary<String> field =
        Combinators.combine(Arbitraries.of(KEYS), value).as((k, v) -> quote(k) + ":" + v);
    return Combinators.combine(source, name, type, field.list().ofMaxSize(8))
        .as(
            (s, n, t, fields) -> {
              StringBuilder json = new StringBuilder("{\"eventVersion\":\"1.08\"");
              json.append(",\"eventSource\":").append(quote(s));
              json.append(",\"eventName\":").append(quote(n));
              json.append(",\"eventType\":").append(quote(t));
              fields.forEach(f -> json.append(',').append(f));
              return json.append('}').toString();
            });
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings().ofMaxLength(40);
  }

  private static String quote(String s) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }
}
