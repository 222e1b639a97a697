package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpulse.schema.ServiceEvent;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Access log lines assembled from their parts, with a client that is one address or a forwarded-for
 * list of IPv4 and IPv6 addresses, a status that may be {@code -} and each kind of timing trailer,
 * parse back to the parts they were made of.
 */
class AccessLogParserPropertiesTest {

  /** 2024-01-15T10:00:00Z. */
  private static final long TIME = 1_705_312_800_000L;

  /** How the line ends, and what latency that means. */
  enum Trailer {
    NONE,
    COMBINED,
    REQUEST_TIME_SECONDS,
    APACHE_MICROS,
    KEYED_RT
  }

  record Line(
      List<String> clients,
      String separator,
      String method,
      String path,
      Integer status,
      Trailer trailer,
      int millis) {
    String text() {
      String line =
          String.join(separator, clients)
              + " - - [15/Jan/2024:10:00:00 +0000] \""
              + method
              + " "
              + path
              + " HTTP/1.1\" "
              + (status == null ? "-" : status.toString())
              + " 512";
      String combined = " \"-\" \"curl/8.0\"";
      return switch (trailer) {
        case NONE -> line;
        case COMBINED -> line + combined;
        case REQUEST_TIME_SECONDS -> line + combined + " " + seconds();
        case APACHE_MICROS -> line + combined + " " + millis * 1000L;
        case KEYED_RT -> line + combined + " rt=" + seconds() + " urt=\"" + seconds() + "\"";
      };
    }

    private String seconds() {
      return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    Double latency() {
      return trailer == Trailer.NONE || trailer == Trailer.COMBINED ? null : (double) millis;
    }
  }

  @Property
  void assembledLinesParseBackToTheirParts(@ForAll("lines") Line line) {
    ServiceEvent e = ParseFixtures.parse("/ecs/web", line.text());

    assertThat(e.getFormat())
        .isEqualTo(line.trailer() == Trailer.APACHE_MICROS ? "apache" : "nginx");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getMethod()).isEqualTo(line.method());
    assertThat(e.getPath()).isEqualTo(line.path());
    assertThat(e.getStatus()).isEqualTo(line.status());
    if (line.latency() == null) {
      assertThat(e.getLatencyMs()).isNull();
    } else {
      assertThat(e.getLatencyMs()).isCloseTo(line.latency(), within(1e-9));
    }
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isEqualTo(line.status() != null && line.status() >= 500);
  }

  @Provide
  Arbitrary<Line> lines() {
    Arbitrary<String> ipv4 =
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
    Arbitrary<String> ipv6 =
        Arbitraries.integers()
            .between(0, 0xffff)
            .list()
            .ofMinSize(2)
            .ofMaxSize(8)
            .map(
                parts -> {
                  List<String> hex = parts.stream().map(Integer::toHexString).toList();
                  return hex.size() == 8
                      ? String.join(":", hex)
                      : hex.get(0) + "::" + String.join(":", hex.subList(1, hex.size()));
                });
    Arbitrary<List<String>> clients =
        Arbitraries.oneOf(ipv4, ipv6, Arbitraries.of("::1", "web-1.internal"))
            .list()
            .ofMinSize(1)
            .ofMaxSize(5);
    Arbitrary<String> path =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(12)
            .list()
            .ofMinSize(0)
            .ofMaxSize(4)
            .map(segments -> "/" + String.join("/", segments));
    Arbitrary<Integer> status =
        Arbitraries.oneOf(Arbitraries.integers().between(100, 599), Arbitraries.just(null));
    return Combinators.combine(
            clients,
            Arbitraries.of(", ", ",", ",  "),
            Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
            path,
            status,
            Arbitraries.of(Trailer.class),
            Arbitraries.integers().between(0, 120_000))
        .as(Line::new);
  }
}
