package io.logpulse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.LogEvent;
import io.logpulse.schema.ServiceEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever arrives, the parser returns a well-formed event: no exception escapes, the format is one
 * of the seven, the message respects the cap, latencies are finite and non-negative, and the same
 * input always gives the same output.
 */
class LogEventParserPropertiesTest {
  private static final int CAP = 200;
  private static final Set<String> FORMATS =
      Set.of("json", "nginx", "apache", "lambda", "apigateway", "cloudtrail", "text");
  private static final List<String> LOG_GROUPS =
      List.of(
          "/aws/lambda/checkout-fn",
          "/ecs/orders-task",
          "API-Gateway-Execution-Logs_a1b2c3d4e5/prod",
          "/var/log/apache2",
          "aws-cloudtrail-logs-111111111111-0a1b2c3d",
          "");

  private static final List<String> VALID_MESSAGES =
      List.of(
          ParseFixtures.fixture("cloudtrail-update-function-code.json"),
          ParseFixtures.fixture("cloudtrail-authorize-security-group-ingress.json"),
          "{\"timestamp\":\"2024-01-15T10:00:00.123Z\",\"level\":\"error\",\"service\":\"orders-api\","
              + "\"request_id\":\"req-42\",\"method\":\"POST\",\"path\":\"/orders/12345?x=1\","
              + "\"status\":503,\"latency\":\"87.5ms\",\"http\":{\"status_code\":\"500\"}}",
          "{\"time\":\"2024-01-15T10:00:00.000Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":"
              + "\"3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8\",\"metrics\":{\"durationMs\":12.5,"
              + "\"initDurationMs\":150.2,\"maxMemoryUsedMB\":64},\"status\":\"timeout\"}}",
          "{\"requestId\":\"c0a8e2f1\",\"requestTime\":\"15/Jan/2024:10:00:00 +0000\",\"httpMethod\":\"GET\","
              + "\"resourcePath\":\"/pets/{petId}\",\"status\":\"200\",\"responseLatency\":\"45\"}",
          "203.0.113.9 - - [15/Jan/2024:10:00:00 +0000] \"GET /products/8812?ref=home HTTP/1.1\""
              + " 200 5123 \"https://shop.example.com/\" \"Mozilla/5.0\" 0.042",
          "2001:db8::1 - frank [15/Jan/2024:11:00:00 +0100] \"POST /cart HTTP/1.1\" 502 - \"-\" \"curl\" 183000",
          "203.0.113.5 - - [15/Jan/2024:10:00:00 +0000] \"GET /pets/{petId} HTTP/1.1\" 404 48"
              + " c0a8e2f1-1111-2222-3333-444455556666",
          "REPORT RequestId: 3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8\tDuration: 12.34 ms\tBilled Duration: 13 ms"
              + "\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 150.00 ms\tStatus: timeout",
          "2024-01-15T10:00:03.000Z 3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8 Task timed out after 3.00 seconds",
          "[ERROR]\t2024-01-15T10:00:00.000Z\t3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8\tboom",
          "2024-01-15 10:00:00,123 ERROR [main] c.e.Billing - failed\n\tat c.e.Billing.run(Billing.java:7)",
          "time=2024-01-15T10:00:00Z level=warning msg=\"slow\"",
          "10.0.0.2, 2001:db8::1, 89.160.20.112 - - [10/Oct/2026:13:55:36.123 +0000] \"GET /orders/17"
              + " HTTP/1.1\" - 512 \"-\" \"curl/8.0\" rt=0.042 urt=\"0.040, 0.002\"",
          "{\"errorCode\":\"AccessDenied\",\"eventName\":\"PutObject\",\"eventSource\":\"s3.amazonaws.com\","
              + "\"awsRegion\":\"eu-west-1\",\"recipientAccountId\":\"111111111111\","
              + "\"userIdentity\":{\"type\":\"AssumedRole\"}}",
          "{\"level\":\"50\",\"req\":{\"method\":\"GET\",\"url\":\"/a\"},\"res\":{\"statusCode\":500},"
              + "\"event\":{\"duration\":12000000},\"@t\":\"2024-01-15T10:00:00Z\"}");

  private final LogEventParser capped =
      new LogEventParser(ParserSettings.defaults().withMaxMessageLength(CAP));

  @Property
  void anyStringGivesAWellFormedEvent(@ForAll @StringLength(max = 600) String message) {
    check(message);
  }

  @Property
  void randomBytesDecodedAsUtf8GiveAWellFormedEvent(@ForAll("bytes") byte[] bytes) {
    check(new String(bytes, StandardCharsets.UTF_8));
  }

  @Property
  void stringsFromTheParsersAlphabetGiveAWellFormedEvent(@ForAll("logAlphabet") String message) {
    check(message);
  }

  @Property
  void truncatedAndCorruptedFixturesGiveAWellFormedEvent(@ForAll("corrupted") String message) {
    check(message);
  }

  @Property(tries = 50)
  void deeplyNestedJsonGivesAWellFormedEvent(
      @ForAll @IntRange(min = 1, max = 5000) int depth, @ForAll("containerKeys") String key) {
    String nested = ("{\"" + key + "\":").repeat(depth) + "{\"status\":500}" + "}".repeat(depth);
    String arrays = "{\"resources\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    ServiceEvent e = check(nested);
    check(arrays);
    if (depth > 1100) {
      assertThat(e.getFormat()).as("beyond Jackson's nesting limit it is text").isEqualTo("text");
    }
  }

  @Property(tries = 10)
  void hugeMessagesAreParsedAndCut(@ForAll @IntRange(min = 100_000, max = 1_000_000) int size) {
    String bigJson = "{\"pad\":\"" + "x".repeat(size) + "\",\"level\":\"error\",\"status\":503}";
    ServiceEvent json = check(bigJson);
    assertThat(json.getFormat()).isEqualTo("json");
    assertThat(json.getStatus()).isEqualTo(503);

    ServiceEvent longNumber = check("{\"status\":" + "9".repeat(size) + "}");
    assertThat(longNumber.getStatus()).isNull();

    check("ERROR " + "y".repeat(size));
    check("{\"records\":[" + "{\"a\":1},".repeat(size / 8) + "{}]}");
    check("REPORT RequestId: x Duration: " + "1".repeat(size) + " ms");
  }

  /** Parses {@code message} in every log group and checks the invariants; returns one result. */
  private ServiceEvent check(String message) {
    ServiceEvent last = null;
    for (String group : LOG_GROUPS) {
      LogEvent event = ParseFixtures.event(group, message);
      ServiceEvent e = capped.parse(event);
      assertThat(e.getFormat()).isIn(FORMATS);
      assertThat(e.getMessage().length()).isLessThanOrEqualTo(CAP);
      assertThat(message).startsWith(e.getMessage());
      assertValidMillis(e.getLatencyMs());
      assertValidMillis(e.getInitDurationMs());
      assertThat(e.getService()).isNotBlank();
      assertThat(e.getStatus())
          .satisfiesAnyOf(s -> assertThat(s).isNull(), s -> assertThat(s).isBetween(100, 599));
      assertThat(e.getLevel()).isIn(null, "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
      assertThat(capped.parse(event)).as("deterministic").isEqualTo(e);
      assertThat(ServiceEventJson.toJson(e)).startsWith("{\"format\":");
      ServiceEvent full = ParseFixtures.DEFAULT_PARSER.parse(event);
      assertThat(full.getFormat()).isEqualTo(e.getFormat());
      last = e;
    }
    return last;
  }

  private static void assertValidMillis(Double millis) {
    if (millis != null) {
      assertThat(millis).isFinite().isGreaterThanOrEqualTo(0.0);
    }
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(1000);
  }

  /** Characters the parsers branch on, so random strings often get past the first checks. */
  @Provide
  Arbitrary<String> logAlphabet() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            "\"",
            ":",
            ",",
            " ",
            "\t",
            "\n",
            "-",
            "/",
            ".",
            "0",
            "5",
            "9",
            "200",
            "500",
            "\"status\"",
            "\"level\"",
            "\"latency_ms\"",
            "\"type\"",
            "\"record\"",
            "\"platform.report\"",
            "\"eventVersion\"",
            "\"eventSource\"",
            "\"eventName\"",
            "\"requestId\"",
            "\"resources\"",
            "\"ARN\"",
            "ERROR",
            "[ERROR]",
            "level=",
            "START RequestId: ",
            "REPORT RequestId: ",
            "Duration: ",
            "Status: ",
            "Init Duration: ",
            "2024-01-15T10:00:00Z",
            "15/Jan/2024:10:00:00 +0000",
            "3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8",
            "\"GET / HTTP/1.1\"",
            "ms",
            "s",
            "µs",
            "1e400",
            "-1",
            "NaN",
            "\\",
            "\\\"",
            "\uD83D",
            "\uDE00",
            "\u0000");
    return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
  }

  @Provide
  Arbitrary<String> corrupted() {
    return Combinators.combine(
            Arbitraries.of(VALID_MESSAGES),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.chars().all(),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.of(true, false))
        .as(
            (message, cut, replacement, at, truncate) -> {
              StringBuilder s = new StringBuilder(message);
              s.setCharAt((int) (at * (s.length() - 1)), replacement);
              return truncate ? s.substring(0, (int) (cut * s.length())) : s.toString();
            });
  }

  @Provide
  Arbitrary<String> containerKeys() {
    return Arbitraries.of("a", "http", "record", "userIdentity", "requestParameters", "resources");
  }
}
