package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A JSON line without {@code eventVersion} is a CloudTrail event exactly when it has an eventName,
 * an AWS service's eventSource, awsRegion, recipientAccountId and a userIdentity, in any key order
 * and among any application fields; an application's own event names never make it one.
 */
class CloudTrailDetectionPropertiesTest {

  /** Which of the facts a minimal event carries, and the other fields around them. */
  record Candidate(
      boolean name,
      boolean awsSource,
      boolean appSource,
      boolean region,
      boolean account,
      boolean identity,
      List<String> extras,
      long seed) {

    boolean isCloudTrail() {
      return name && awsSource && region && account && identity;
    }

    String json() {
      List<String> fields = new ArrayList<>(extras);
      if (name) {
        fields.add("\"eventName\":\"PutParameter\"");
      }
      if (awsSource) {
        fields.add("\"eventSource\":\"ssm.amazonaws.com\"");
      } else if (appSource) {
        fields.add("\"eventSource\":\"orders-service\"");
      }
      if (region) {
        fields.add("\"awsRegion\":\"eu-west-1\"");
      }
      if (account) {
        fields.add("\"recipientAccountId\":\"111111111111\"");
      }
      if (identity) {
        fields.add("\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/a\"}");
      }
      Collections.shuffle(fields, new Random(seed));
      return "{" + String.join(",", fields) + "}";
    }
  }

  @Property
  void cloudTrailExactlyWhenEveryFactIsThere(@ForAll("candidates") Candidate candidate) {
    String format = ParseFixtures.parse("/ecs/orders", candidate.json()).getFormat();

    assertThat(format)
        .as(candidate.json())
        .isEqualTo(candidate.isCloudTrail() ? "cloudtrail" : "json");
  }

  @Provide
  Arbitrary<Candidate> candidates() {
    Arbitrary<List<String>> extras =
        Arbitraries.of(
                "\"level\":\"info\"",
                "\"message\":\"order placed\"",
                "\"status\":200",
                "\"service\":\"orders\"",
                "\"userAgent\":\"aws-sdk-java/2.20\"",
                "\"sourceIPAddress\":\"10.0.0.1\"",
                "\"requestParameters\":{\"name\":\"/orders/flag\"}")
            .list()
            .uniqueElements()
            .ofMaxSize(4);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    return Combinators.combine(flag, flag, flag, flag, flag, flag, extras, Arbitraries.longs())
        .as(Candidate::new);
  }
}
