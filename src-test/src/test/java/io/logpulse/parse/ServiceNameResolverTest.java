package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceNameResolverTest {
  private final ServiceNameResolver defaults = new ServiceNameResolver("", true, 100);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/aws/lambda/checkout-fn, checkout-fn",
    "/aws/lambda/checkout-fn/extra, checkout-fn",
    "/ecs/orders, orders",
    "/ecs/orders-task, orders",
    "/aws/ecs/payments-task/container, payments",
    "/ecs/orders/web, orders",
    "API-Gateway-Execution-Logs_a1b2c3d4e5/prod, apigw-a1b2c3d4e5",
    "API-Gateway-Execution-Logs_a1b2c3d4e5, apigw-a1b2c3d4e5",
    "/aws/apigateway/public-api, public-api",
    "/aws/api-gateway/orders-http, orders-http",
    "/aws/eks/prod-cluster/cluster, eks-prod-cluster",
    "aws-cloudtrail-logs-111111111111-0a1b2c3d, cloudtrail",
    "/aws/cloudtrail/org-trail, cloudtrail",
    "CloudTrail/DefaultLogGroup, cloudtrail",
    "/app/billing/, billing",
    "/aws/ec2/web/nginx/access, nginx",
    "/aws/ec2/web/nginx/error, nginx",
    "/billing/application/stdout, billing",
    "/access, access",
    "inventory, inventory",
    "//, unknown",
    "'', unknown",
  })
  void builtInRulesAndLastSegmentFallback(String logGroup, String service) {
    assertThat(defaults.resolve(logGroup)).isEqualTo(service);
  }

  @Test
  void customRulesComeFirstAndSupportNamedAndNumberedGroups() {
    ServiceNameResolver resolver =
        new ServiceNameResolver(
            "^/aws/lambda/(?<team>[a-z]+)-(?<fn>.+)$=>${team}.${fn};\n^/custom/(\\w+)/.*=>team-${1}",
            true, 10);
    assertThat(resolver.resolve("/aws/lambda/billing-invoice")).isEqualTo("billing.invoice");
    assertThat(resolver.resolve("/custom/search/logs")).isEqualTo("team-search");
    assertThat(resolver.resolve("/aws/lambda/Checkout")).isEqualTo("Checkout");
  }

  @Test
  void withoutDefaultsOnlyCustomRulesAndTheFallbackApply() {
    ServiceNameResolver resolver = new ServiceNameResolver("^/x/(\\w+)=>${1}", false, 10);
    assertThat(resolver.resolve("/x/abc")).isEqualTo("abc");
    assertThat(resolver.resolve("/aws/lambda/checkout-fn")).isEqualTo("checkout-fn");
    assertThat(resolver.resolve("aws-cloudtrail-logs-1")).isEqualTo("aws-cloudtrail-logs-1");
  }

  @Test
  void ruleExpandingToBlankFallsThroughToTheNextRule() {
    ServiceNameResolver resolver =
        new ServiceNameResolver("^/opt/(?<name>[a-z]*)=>${name}", true, 10);
    assertThat(resolver.resolve("/opt/web")).isEqualTo("web");
    assertThat(resolver.resolve("/opt/42/billing")).isEqualTo("billing");
  }

  @Test
  void cachedResultsStayCorrectWhenTheCacheOverflows() {
    ServiceNameResolver resolver = new ServiceNameResolver("", true, 2);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 5; i++) {
        assertThat(resolver.resolve("/aws/lambda/fn-" + i)).isEqualTo("fn-" + i);
      }
    }
    ServiceNameResolver uncached = new ServiceNameResolver("", true, 0);
    assertThat(uncached.resolve("/ecs/a-task")).isEqualTo("a");
  }

  @Test
  void invalidRegexIsRejectedNamingTheRule() {
    assertThatThrownBy(() -> new ServiceNameResolver("^/ok/(\\w+)=>${1}; ^/bad/(=>x", true, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule #2")
        .hasMessageContaining("^/bad/(=>x")
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void ruleWithoutArrowIsRejected() {
    assertThatThrownBy(() -> new ServiceNameResolver("^/aws/lambda/(.*)", true, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule #1 '^/aws/lambda/(.*)'")
        .hasMessageContaining("REGEX=>TEMPLATE");
  }

  @Test
  void templateReferringToAMissingGroupIsRejected() {
    assertThatThrownBy(() -> new ServiceNameResolver("^/a/(?<name>\\w+)=>${nmae}", true, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group 'nmae'");
    assertThatThrownBy(() -> new ServiceNameResolver("^/a/(\\w+)=>${2}", true, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group '2'");
  }

  @Test
  void emptyTemplateOrUnclosedReferenceIsRejected() {
    assertThatThrownBy(() -> new ServiceNameResolver("^/a/=>  ", true, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template after => is empty");
    assertThatThrownBy(() -> new ServiceNameResolver("^/a/(\\w+)=>${1", true, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed");
  }

  @Test
  void blankRuleEntriesAreIgnored() {
    ServiceNameResolver resolver = new ServiceNameResolver(" ;\n ; ^/z/(\\w+)=>z-${1} ;", true, 10);
    assertThat(resolver.resolve("/z/q")).isEqualTo("z-q");
  }
}
