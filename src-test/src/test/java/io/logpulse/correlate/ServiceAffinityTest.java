package io.logpulse.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ServiceAffinityTest {

  private static final ServiceAffinity NONE = new ServiceAffinity(Map.of());

  @Test
  void aSegmentNamedLikeTheServiceIsAFullMatch() {
    assertThat(
            NONE.match(
                "payments-fn",
                List.of("arn:aws:lambda:eu-west-1:123456789012:function:payments-fn")))
        .isEqualTo(
            new ServiceAffinity.Match(
                1.0, "arn:aws:lambda:eu-west-1:123456789012:function:payments-fn"));
    assertThat(NONE.match("checkout", List.of("/checkout/db/pool-size")).score()).isEqualTo(1.0);
    assertThat(
            NONE.match(
                    "orders-api",
                    List.of("arn:aws:cloudformation:eu-west-1:123456789012:stack/orders-api/1f2e"))
                .score())
        .isEqualTo(1.0);
  }

  @Test
  void wordsAndStemsArePartialMatches() {
    assertThat(NONE.match("checkout", List.of("checkout-tg")).score()).isEqualTo(0.7);
    assertThat(NONE.match("payments-fn", List.of("payments")).score()).isEqualTo(0.5);
    assertThat(NONE.match("checkout", List.of("checkouts")).score()).isZero();
    assertThat(NONE.match("web", List.of("webhooks")).score()).isZero();
  }

  @Test
  void noResourcesLeavesTheQuestionOpen() {
    assertThat(NONE.match("checkout", List.of()).score()).isEqualTo(0.2);
    assertThat(NONE.match("checkout", List.of("inventory")).score()).isZero();
  }

  @Test
  void configuredPatternsMatchCaseInsensitivelyWithWildcards() {
    ServiceAffinity configured =
        new ServiceAffinity(
            Map.of(
                "orders-api",
                List.of("a1b2c3d4e5", "arn:aws:elasticloadbalancing:*:targetgroup/orders-*")));
    assertThat(configured.match("orders-api", List.of("A1B2C3D4E5")).score()).isEqualTo(1.0);
    assertThat(
            configured
                .match(
                    "orders-api",
                    List.of(
                        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-tg/abc"))
                .score())
        .isEqualTo(1.0);
    assertThat(configured.match("orders-api", List.of("a1b2c3d4e")).score()).isZero();
  }

  @Property
  void theScoreIsAlwaysOneOfTheLevelsAndNeverThrows(
      @ForAll String service, @ForAll List<String> resources) {
    double score = NONE.match(service, resources).score();
    assertThat(score).isIn(0.0, 0.2, 0.5, 0.7, 1.0);
  }

  @Property
  void shortNamesNeverThrowAndStayShort(@ForAll String name) {
    assertThat(ChangeNames.resource(name)).hasSizeLessThanOrEqualTo(80);
    assertThat(ChangeNames.principal(name)).hasSizeLessThanOrEqualTo(80);
    assertThat(ChangeNames.resource("arn:aws:x:r:1:" + name)).hasSizeLessThanOrEqualTo(80);
  }
}
