package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ServiceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogParserTest {
  private static final String NGINX_GROUP = "/ecs/storefront";
  private static final String APACHE_GROUP = "/ec2/apache-web/access_log";

  /** 2024-01-15T10:00:00Z. */
  private static final long TIME = 1_705_312_800_000L;

  @Test
  void nginxCombinedWithRequestTimeInSeconds() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "203.0.113.9 - - [15/Jan/2024:10:00:00 +0000] \"GET /products/8812?ref=home HTTP/1.1\""
                + " 200 5123 \"https://shop.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.042");

    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/products/8812");
    assertThat(e.getOperation()).isEqualTo("GET /products/{id}");
    assertThat(e.getStatus()).isEqualTo(200);
    assertThat(e.getLatencyMs()).isEqualTo(42.0);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isFalse();
    assertThat(e.getLevel()).isNull();
    assertThat(e.getRequestId()).isNull();
    assertThat(e.getService()).isEqualTo("storefront");
  }

  @Test
  void apacheCombinedWithDurationInMicroseconds() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "198.51.100.4 - frank [15/Jan/2024:11:00:00 +0100] \"POST /cart/checkout HTTP/1.1\""
                + " 502 312 \"-\" \"curl/8.4.0\" 183000");

    assertThat(e.getFormat()).isEqualTo("apache");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getMethod()).isEqualTo("POST");
    assertThat(e.getPath()).isEqualTo("/cart/checkout");
    assertThat(e.getStatus()).isEqualTo(502);
    assertThat(e.getLatencyMs()).isEqualTo(183.0);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isTrue();
  }

  @Test
  void commonLogFormatWithoutTrailingNumberIsNginxUnlessTheLogGroupNamesApache() {
    String line = "192.0.2.1 - - [15/Jan/2024:10:00:00 +0000] \"GET /index.html HTTP/1.0\" 304 -";

    ServiceEvent nginx = parse(NGINX_GROUP, line);
    ServiceEvent apache = parse(APACHE_GROUP, line);
    ServiceEvent httpd = parse("/var/log/HTTPD/access", line);

    assertThat(nginx.getFormat()).isEqualTo("nginx");
    assertThat(apache.getFormat()).isEqualTo("apache");
    assertThat(httpd.getFormat()).isEqualTo("apache");
    assertThat(nginx.getStatus()).isEqualTo(304);
    assertThat(nginx.getLatencyMs()).isNull();
    assertThat(nginx.getPath()).isEqualTo("/index.html");
    assertThat(nginx.getRequest()).isTrue();
  }

  @Test
  void combinedWithoutTrailingNumberFollowsTheLogGroup() {
    String line =
        "192.0.2.1 - - [15/Jan/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" \"kube-probe/1.29\"";
    assertThat(parse(APACHE_GROUP, line).getFormat()).isEqualTo("apache");
    assertThat(parse(NGINX_GROUP, line).getFormat()).isEqualTo("nginx");
    assertThat(parse(NGINX_GROUP, line).getOperation()).isEqualTo("GET /");
  }

  @Test
  void ipv6ClientAndDashBytes() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "2001:db8:85a3::8a2e:370:7334 - - [15/Jan/2024:10:00:00 +0000] \"HEAD /status HTTP/2.0\""
                + " 503 - \"-\" \"probe\" 1.500");
    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getMethod()).isEqualTo("HEAD");
    assertThat(e.getStatus()).isEqualTo(503);
    assertThat(e.getLatencyMs()).isEqualTo(1500.0);
    assertThat(e.getError()).isTrue();
  }

  @Test
  void escapedQuotesInsideTheRequestDoNotEndIt() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "203.0.113.9 - - [15/Jan/2024:10:00:00 +0000] \"GET /search?q=\\\"shoes\\\" HTTP/1.1\""
                + " 200 99 \"-\" \"ua\" 0.010");
    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getPath()).isEqualTo("/search");
    assertThat(e.getLatencyMs()).isEqualTo(10.0);
  }

  @Test
  void garbageRequestLineStillCountsAsARequestWithoutMethodOrPath() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "198.51.100.23 - - [15/Jan/2024:10:00:00 +0000] \"\\x16\\x03\\x01\\x00\\xA5\" 400 157 \"-\" \"-\" 0.001");
    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getStatus()).isEqualTo(400);
    assertThat(e.getMethod()).isNull();
    assertThat(e.getPath()).isNull();
    assertThat(e.getOperation()).isNull();
    assertThat(e.getRequest()).isTrue();
  }

  @Test
  void unparseableTimeLeavesTimestampEmpty() {
    ServiceEvent e =
        parse(NGINX_GROUP, "192.0.2.1 - - [yesterday] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" 0.001");
    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getTimestamp()).isNull();
  }

  @Test
  void linesThatOnlyLookAlikeAreText() {
    assertThat(
            parse(NGINX_GROUP, "192.0.2.1 - - [15/Jan/2024:10:00:00 +0000] \"GET /\" OK 1")
                .getFormat())
        .isEqualTo("text");
    assertThat(
            parse(NGINX_GROUP, "192.0.2.1 - - [15/Jan/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200")
                .getFormat())
        .isEqualTo("text");
    assertThat(parse(NGINX_GROUP, "connection from 192.0.2.1 closed").getFormat())
        .isEqualTo("text");
  }

  @Test
  void aClientListOfForwardedForAddressesIsTheClient() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "10.0.0.2, 10.0.0.1, 89.160.20.112 - - [10/Oct/2026:13:55:36 +0000]"
                + " \"GET /orders/17 HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"");

    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getTimestamp()).isEqualTo(1_791_640_536_000L);
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/orders/17");
    assertThat(e.getOperation()).isEqualTo("GET /orders/{id}");
    assertThat(e.getStatus()).isEqualTo(200);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void aClientListWithIpv6AddressesAndNoSpacesKeepsTheLatency() {
    ServiceEvent spaced =
        parse(
            NGINX_GROUP,
            "2001:db8::7, 10.0.0.1, ::ffff:192.0.2.128 - - [15/Jan/2024:10:00:00 +0000]"
                + " \"POST /cart HTTP/2.0\" 503 - \"-\" \"ua\" 0.250");
    ServiceEvent packed =
        parse(
            NGINX_GROUP,
            "2001:db8::7,10.0.0.1 - - [15/Jan/2024:10:00:00 +0000] \"POST /cart HTTP/2.0\" 503 12");

    assertThat(spaced.getFormat()).isEqualTo("nginx");
    assertThat(spaced.getLatencyMs()).isEqualTo(250.0);
    assertThat(spaced.getStatus()).isEqualTo(503);
    assertThat(spaced.getError()).isTrue();
    assertThat(packed.getFormat()).isEqualTo("nginx");
    assertThat(packed.getPath()).isEqualTo("/cart");
  }

  @Test
  void aDashStatusKeepsMethodAndPathWithNoStatusAndNoError() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "203.0.113.9 - - [15/Jan/2024:10:00:00 +0000] \"GET /orders/17 HTTP/1.1\" - 0"
                + " \"-\" \"curl/8.0\" 0.125");

    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/orders/17");
    assertThat(e.getStatus()).isNull();
    assertThat(e.getLatencyMs()).isEqualTo(125.0);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void nginxKeyValueTimingsGiveTheRequestTime() {
    ServiceEvent e =
        parse(
            APACHE_GROUP,
            "203.0.113.9 - - [15/Jan/2024:10:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\""
                + " \"kube-probe/1.29\" \"-\" rt=0.042 uct=\"0.000\" uht=\"0.040\" urt=\"0.040\"");
    ServiceEvent quoted =
        parse(
            NGINX_GROUP,
            "203.0.113.9 - - [15/Jan/2024:10:00:00 +0000] \"GET /health HTTP/1.1\" 200 2"
                + " request_time=\"1.5\" upstream=10.0.0.3:8080");

    assertThat(e.getFormat()).isEqualTo("nginx");
    assertThat(e.getLatencyMs()).isEqualTo(42.0);
    assertThat(quoted.getLatencyMs()).isEqualTo(1500.0);
  }

  @Test
  void aTimeWithMillisecondsKeepsThem() {
    ServiceEvent e =
        parse(
            NGINX_GROUP,
            "203.0.113.9 - - [15/Jan/2024:10:00:00.123 +0000] \"GET / HTTP/1.1\" 200 2 \"-\" \"ua\"");

    assertThat(e.getTimestamp()).isEqualTo(TIME + 123);
  }

  @Test
  void clientListsWithEmptyEntriesAreNotAccessLogs() {
    for (String client : List.of("10.0.0.1,, 10.0.0.2", ", 10.0.0.2", "10.0.0.1 ,10.0.0.2")) {
      assertThat(
              parse(
                      NGINX_GROUP,
                      client + " - - [15/Jan/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 2")
                  .getFormat())
          .as(client)
          .isEqualTo("text");
    }
  }
}
