package io.logpulse.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    // The service's name parts starting a resource's name: the service's own infrastructure.
    "web, web-alb-sg, 0.7",
    "web-nginx, web-nginx-tasks-sg, 0.7",
    "inventory-api, inventory-api-task-role, 0.7",
    "inventory, inventory-api-task-role, 0.7",
    "inventory-api, arn:aws:iam::123456789012:role/inventory-api-task-role, 0.7",
    "orders, arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/orders-alb/50dc/f2f7,"
        + " 0.7",
    // The stem without generic words, and then only the leading parts: weaker.
    "inventory-api, inventory-task-role, 0.5",
    "checkout-web, checkout-db, 0.5",
    "web-nginx, web-alb-sg, 0.3",
    "web-nginx, arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web-alb/50dc/f2f7,"
        + " 0.3",
    "shop-cart, arn:aws:iam::123456789012:role/shop-task-role, 0.3",
    // Siblings and lookalikes are no match.
    "checkout-db, checkout-web, 0.0",
    "shop-cart, shop-payments-fn, 0.0",
    "api-orders, api-gateway-logs, 0.0",
    "web, webhooks-sg, 0.0",
    "web, sg-0a1b2c3d4e5f60718, 0.0",
  })
  void namePartsOfResourceNames(String service, String resource, double score) {
    assertThat(NONE.match(service, List.of(resource)).score()).isEqualTo(score);
  }

  @Property
  void theScoreIsAlwaysOneOfTheLevelsAndNeverThrows(
      @ForAll String service, @ForAll List<String> resources) {
    double score = NONE.match(service, resources).score();
    assertThat(score).isIn(0.0, 0.2, 0.3, 0.5, 0.7, 1.0);
  }

  @Property
  void leadingNamePartsWithInfrastructureWordsAreAPartialMatch(
      @ForAll("words") String tier,
      @ForAll("words") String component,
      @ForAll("infrastructure") String suffix) {
    String service = tier + "-" + component;
    assertThat(NONE.match(service, List.of(tier + "-" + suffix)).score())
        .isEqualTo(ServiceAffinity.PARTIAL);
    assertThat(NONE.match(service, List.of(tier + "-" + component + "x-" + suffix)).score())
        .as("a sibling that only starts alike")
        .isZero();
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.of("shop", "orders", "billing", "search", "ledger", "nginx", "cart");
  }

  @Provide
  Arbitrary<String> infrastructure() {
    return Arbitraries.of("alb-sg", "task-role", "db", "tg", "listener", "exec-role", "cache");
  }

  @Property
  void shortNamesNeverThrowAndStayShort(@ForAll String name) {
    assertThat(ChangeNames.resource(name)).hasSizeLessThanOrEqualTo(80);
    assertThat(ChangeNames.principal(name)).hasSizeLessThanOrEqualTo(80);
    assertThat(ChangeNames.resource("arn:aws:x:r:1:" + name)).hasSizeLessThanOrEqualTo(80);
  }
}
