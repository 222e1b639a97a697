package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpulse.schema.ServiceEvent;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The same fact written the way different logging libraries write it (pino-http, Serilog and
 * ASP.NET Core, Elastic Common Schema, Google's httpRequest, plain keys) gives the same event.
 */
class JsonLogVariantsPropertiesTest {
  private static final String GROUP = "/ecs/orders-task";

  private static ServiceEvent parse(String json) {
    return ParseFixtures.parse(GROUP, json);
  }

  @Property
  void everySpellingOfAStatusGivesThatStatus(@ForAll @IntRange(min = 100, max = 599) int status) {
    for (String json :
        new String[] {
          "{\"res\":{\"statusCode\":" + status + "}}",
          "{\"StatusCode\":" + status + "}",
          "{\"httpRequest\":{\"status\":" + status + "}}",
          "{\"http\":{\"response\":{\"status_code\":\"" + status + "\"}}}"
        }) {
      assertThat(parse(json).getStatus()).as(json).isEqualTo(status);
      assertThat(parse(json).getError()).as(json).isEqualTo(status >= 500);
    }
  }

  @Property
  void everySpellingOfALatencyGivesTheSameMilliseconds(
      @ForAll @IntRange(min = 0, max = 600_000) int micros) {
    double millis = micros / 1000.0;
    String seconds = String.format(Locale.ROOT, "%.6f", micros / 1e6);
    for (String json :
        new String[] {
          "{\"event\":{\"duration\":" + micros * 1000L + "}}",
          "{\"Elapsed\":" + millis + "}",
          "{\"responseTime\":" + millis + "}",
          "{\"httpRequest\":{\"latency\":\"" + seconds + "s\"}}",
          "{\"httpRequest\":{\"latency\":" + seconds + "}}"
        }) {
      assertThat(parse(json).getLatencyMs()).as(json).isCloseTo(millis, within(1e-6));
    }
  }

  @Property
  void aNumericLevelReadsTheSameAsANumberAndAsAString(
      @ForAll @IntRange(min = 0, max = 999) int level) {
    String asNumber = parse("{\"level\":" + level + "}").getLevel();
    String asString = parse("{\"level\":\"" + level + "\"}").getLevel();
    String serilog = parse("{\"@l\":\"" + level + "\"}").getLevel();

    assertThat(asString).isEqualTo(asNumber);
    assertThat(serilog).isEqualTo(asNumber);
    assertThat(asNumber).isEqualTo(level >= 10 && level <= 60 ? Levels.fromNumber(level) : null);
  }

  @Property
  void everySpellingOfMethodAndPathGivesTheSameOperation(
      @ForAll("methods") String method, @ForAll @IntRange(min = 1, max = 99_999) int id) {
    String path = "/orders/" + id;
    for (String json :
        new String[] {
          "{\"req\":{\"method\":\"" + method + "\",\"url\":\"" + path + "?q=1\"}}",
          "{\"RequestMethod\":\"" + method + "\",\"RequestPath\":\"" + path + "\"}",
          "{\"httpRequest\":{\"requestMethod\":\"" + method + "\",\"requestUrl\":\"" + path + "\"}}"
        }) {
      ServiceEvent e = parse(json);
      assertThat(e.getMethod()).as(json).isEqualTo(method);
      assertThat(e.getPath()).as(json).isEqualTo(path);
      assertThat(e.getOperation()).as(json).isEqualTo(method + " /orders/{id}");
    }
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH");
  }
}
