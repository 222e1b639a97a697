package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ServiceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLogParserTest {
  private static final String GROUP = "/ecs/orders-task";

  @Test
  void readsEveryFieldOfAStructuredRequestLog() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"timestamp\":\"2024-01-15T10:00:00.123Z\",\"level\":\"error\",\"service\":\"orders-api\","
                + "\"request_id\":\"req-42\",\"method\":\"post\",\"path\":\"/orders/12345/items?x=1\","
                + "\"status\":503,\"latency_ms\":87.5,\"msg\":\"upstream failed\"}");

    assertThat(e.getFormat()).isEqualTo("json");
    assertThat(e.getTimestamp()).isEqualTo(1_705_312_800_123L);
    assertThat(e.getEventTime()).isEqualTo(ParseFixtures.EVENT_TIME);
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getService()).isEqualTo("orders-api");
    assertThat(e.getRequestId()).isEqualTo("req-42");
    assertThat(e.getMethod()).isEqualTo("POST");
    assertThat(e.getPath()).isEqualTo("/orders/12345/items");
    assertThat(e.getOperation()).isEqualTo("POST /orders/{id}/items");
    assertThat(e.getStatus()).isEqualTo(503);
    assertThat(e.getLatencyMs()).isEqualTo(87.5);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isTrue();
    assertThat(e.getAccount()).isEqualTo(ParseFixtures.OWNER);
    assertThat(e.getLogGroup()).isEqualTo(GROUP);
    assertThat(e.getLogStream()).isEqualTo(ParseFixtures.STREAM);
    assertThat(e.getEventId()).isEqualTo(ParseFixtures.EVENT_ID);
    assertThat(e.getColdStart()).isFalse();
    assertThat(e.getResources()).isEmpty();
    assertThat(e.getEventSource()).isNull();
  }

  @Test
  void logWithoutStatusOrLatencyIsNotARequestAndTakesTheServiceFromTheLogGroup() {
    ServiceEvent e = parse(GROUP, "{\"level\":\"info\",\"message\":\"cache warmed\"}");

    assertThat(e.getFormat()).isEqualTo("json");
    assertThat(e.getLevel()).isEqualTo("INFO");
    assertThat(e.getRequest()).isFalse();
    assertThat(e.getError()).isFalse();
    assertThat(e.getService()).isEqualTo("orders");
    assertThat(e.getStatus()).isNull();
    assertThat(e.getLatencyMs()).isNull();
    assertThat(e.getTimestamp()).isNull();
    assertThat(e.getOperation()).isNull();
  }

  @Test
  void readsNestedAndDottedKeysTheSameWay() {
    ServiceEvent nested =
        parse(
            GROUP,
            "{\"log\":{\"level\":\"warn\"},\"http\":{\"method\":\"GET\",\"path\":\"/health\","
                + "\"status_code\":200},\"service\":{\"name\":\"edge\"}}");
    ServiceEvent dotted =
        parse(
            GROUP,
            "{\"log.level\":\"warn\",\"http.method\":\"GET\",\"http.path\":\"/health\","
                + "\"http.status_code\":200,\"service.name\":\"edge\"}");

    for (ServiceEvent e : List.of(nested, dotted)) {
      assertThat(e.getLevel()).isEqualTo("WARN");
      assertThat(e.getMethod()).isEqualTo("GET");
      assertThat(e.getPath()).isEqualTo("/health");
      assertThat(e.getStatus()).isEqualTo(200);
      assertThat(e.getService()).isEqualTo("edge");
      assertThat(e.getRequest()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"level\":30}|INFO",
        "{\"level\":50}|ERROR",
        "{\"level\":60}|FATAL",
        "{\"level\":10}|TRACE",
        "{\"severity\":\"CRITICAL\"}|FATAL",
        "{\"lvl\":\"warning\"}|WARN",
        "{\"loglevel\":\"Debug\"}|DEBUG",
        "{\"levelname\":\"SEVERE\"}|ERROR",
      })
  void normalizesLevelsIncludingPinoNumbers(String message, String level) {
    assertThat(parse(GROUP, message).getLevel()).isEqualTo(level);
  }

  @Test
  void criticalAndFatalAreErrorsByDefaultButWarnIsNot() {
    assertThat(parse(GROUP, "{\"level\":\"critical\"}").getError()).isTrue();
    assertThat(parse(GROUP, "{\"level\":60}").getError()).isTrue();
    assertThat(parse(GROUP, "{\"level\":\"warn\"}").getError()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"latency_ms\":120}|120.0",
        "{\"duration_ms\":\"15.5\"}|15.5",
        "{\"elapsed_s\":1.5}|1500.0",
        "{\"duration_seconds\":0.25}|250.0",
        "{\"latency_us\":2500}|2.5",
        "{\"duration_ns\":3000000}|3.0",
        "{\"latency\":\"123ms\"}|123.0",
        "{\"duration\":\"1.2s\"}|1200.0",
        "{\"elapsed\":\"1m3.5s\"}|63500.0",
        "{\"took\":\"250µs\"}|0.25",
        "{\"request_time\":0.042}|42.0",
        "{\"request_time\":\"0.042\"}|42.0",
        "{\"response_time\":18}|18.0",
        "{\"responseTime\":19}|19.0",
        "{\"duration\":45}|45.0",
        "{\"duration\":45000000}|45.0",
        "{\"elapsed\":12.75}|12.75",
      })
  void convertsLatencyUnitsToMilliseconds(String message, double millis) {
    ServiceEvent e = parse(GROUP, message);
    assertThat(e.getLatencyMs()).isEqualTo(millis);
    assertThat(e.getRequest()).isTrue();
  }

  @Test
  void keyWithExplicitUnitWinsOverBareKeyWhateverTheOrder() {
    assertThat(parse(GROUP, "{\"duration\":5,\"duration_ms\":7}").getLatencyMs()).isEqualTo(7.0);
    assertThat(parse(GROUP, "{\"duration_ms\":7,\"duration\":5}").getLatencyMs()).isEqualTo(7.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"latency_ms\":-5}",
        "{\"latency_ms\":\"NaN\"}",
        "{\"latency_ms\":\"fast\"}",
        "{\"latency_ms\":1e400}",
        "{\"latency_ms\":{\"p99\":3}}",
        "{\"latency_ms\":[1,2]}",
        "{\"latency_ms\":true}",
        "{\"latency_ms\":null}",
      })
  void ignoresNegativeNonNumericAndWronglyTypedLatency(String message) {
    ServiceEvent e = parse(GROUP, message);
    assertThat(e.getFormat()).isEqualTo("json");
    assertThat(e.getLatencyMs()).isNull();
    assertThat(e.getRequest()).isFalse();
  }

  @Test
  void acceptsStatusAsANumericStringAndIgnoresItAsAnObjectOrOutOfRange() {
    assertThat(parse(GROUP, "{\"status\":\"500\"}").getStatus()).isEqualTo(500);
    assertThat(parse(GROUP, "{\"status\":\"500\"}").getError()).isTrue();
    assertThat(parse(GROUP, "{\"statusCode\":404.0}").getStatus()).isEqualTo(404);
    assertThat(parse(GROUP, "{\"status\":{\"code\":500}}").getStatus()).isNull();
    assertThat(parse(GROUP, "{\"status\":\"ok\"}").getStatus()).isNull();
    assertThat(parse(GROUP, "{\"status\":42}").getStatus()).isNull();
    assertThat(parse(GROUP, "{\"status\":\"5000\"}").getStatus()).isNull();
    assertThat(parse(GROUP, "{\"response\":{\"status\":502}}").getStatus()).isEqualTo(502);
    assertThat(parse(GROUP, "{\"status_code\":201}").getStatus()).isEqualTo(201);
  }

  @Test
  void statusBelowThresholdIsNotAnError() {
    ServiceEvent e = parse(GROUP, "{\"status\":404,\"level\":\"info\"}");
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"time\":1705312800}|1705312800000",
        "{\"ts\":1705312800.5}|1705312800500",
        "{\"time\":1705312800000}|1705312800000",
        "{\"@timestamp\":\"2024-01-15T12:00:00+02:00\"}|1705312800000",
        "{\"timestamp\":\"2024-01-15 10:00:00,123\"}|1705312800123",
        "{\"timestamp\":\"1705312800000\"}|1705312800000",
      })
  void readsIsoAndEpochTimestamps(String message, long epochMillis) {
    assertThat(parse(GROUP, message).getTimestamp()).isEqualTo(epochMillis);
  }

  @Test
  void ignoresUnparseableTimestamps() {
    assertThat(parse(GROUP, "{\"timestamp\":\"yesterday\"}").getTimestamp()).isNull();
    assertThat(parse(GROUP, "{\"time\":-1}").getTimestamp()).isNull();
    assertThat(parse(GROUP, "{\"time\":{\"sec\":1}}").getTimestamp()).isNull();
  }

  @Test
  void readsRequestIdMethodAndPathAliases() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"awsRequestId\":\"aws-1\",\"httpMethod\":\"DELETE\","
                + "\"url\":\"https://api.example.com/v1/carts/0f8fad5b-d9cb-469f-a165-70867728950e?force=1\","
                + "\"statusCode\":204}");
    assertThat(e.getRequestId()).isEqualTo("aws-1");
    assertThat(e.getMethod()).isEqualTo("DELETE");
    assertThat(e.getPath()).isEqualTo("/v1/carts/0f8fad5b-d9cb-469f-a165-70867728950e");
    assertThat(e.getOperation()).isEqualTo("DELETE /v1/carts/{id}");
  }

  @Test
  void prefersARequestIdOverATraceId() {
    ServiceEvent e = parse(GROUP, "{\"trace_id\":\"t-1\",\"x-request-id\":\"r-1\"}");
    assertThat(e.getRequestId()).isEqualTo("r-1");
  }

  @Test
  void ignoresServiceFieldsThatAreNotText() {
    assertThat(parse(GROUP, "{\"service\":{\"version\":\"1\"},\"level\":\"info\"}").getService())
        .isEqualTo("orders");
    assertThat(parse(GROUP, "{\"app\":\"  \"}").getService()).isEqualTo("orders");
    assertThat(parse(GROUP, "{\"application\":\"billing\"}").getService()).isEqualTo("billing");
  }

  @Test
  void doesNotMistakeNestedKeysOfUnknownObjectsForTopLevelFields() {
    ServiceEvent e =
        parse(GROUP, "{\"payload\":{\"status\":500,\"level\":\"error\",\"latency_ms\":3}}");
    assertThat(e.getStatus()).isNull();
    assertThat(e.getLevel()).isNull();
    assertThat(e.getLatencyMs()).isNull();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void invalidOrTruncatedJsonFallsBackToText() {
    ServiceEvent truncated = parse(GROUP, "{\"level\":\"error\",\"status\":50");
    assertThat(truncated.getFormat()).isEqualTo("text");
    assertThat(truncated.getStatus()).isNull();

    ServiceEvent trailingText = parse(GROUP, "{} ERROR handler crashed");
    assertThat(trailingText.getFormat()).isEqualTo("text");
    assertThat(trailingText.getLevel()).isEqualTo("ERROR");

    ServiceEvent notJson = parse(GROUP, "{ERROR} handler crashed");
    assertThat(notJson.getFormat()).isEqualTo("text");
    assertThat(notJson.getLevel()).isEqualTo("ERROR");
  }

  @Test
  void leadingWhitespaceBeforeTheObjectIsAllowed() {
    assertThat(parse(GROUP, "  \n {\"level\":\"info\"}").getFormat()).isEqualTo("json");
  }

  @Test
  void pinoHttpRequestLogsGiveMethodPathStatusAndLatency() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"level\":50,\"time\":1705312800123,\"pid\":7,\"hostname\":\"ip-10-0-0-1\","
                + "\"req\":{\"id\":12,\"method\":\"GET\",\"url\":\"/orders/17?expand=items\"},"
                + "\"res\":{\"statusCode\":502},\"responseTime\":31,\"msg\":\"request errored\"}");

    assertThat(e.getFormat()).isEqualTo("json");
    assertThat(e.getTimestamp()).isEqualTo(1_705_312_800_123L);
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/orders/17");
    assertThat(e.getStatus()).isEqualTo(502);
    assertThat(e.getLatencyMs()).isEqualTo(31.0);
    assertThat(e.getRequest()).isTrue();
  }

  @Test
  void serilogCompactJsonAndAspNetCoreRequestLogging() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"@t\":\"2024-01-15T10:00:00.1234567Z\",\"@mt\":\"HTTP {RequestMethod} {RequestPath}"
                + " responded {StatusCode} in {Elapsed:0.0000} ms\",\"@l\":\"Error\","
                + "\"RequestMethod\":\"POST\",\"RequestPath\":\"/cart/checkout\","
                + "\"StatusCode\":500,\"Elapsed\":812.5,\"SourceContext\":\"Serilog.AspNetCore\"}");

    assertThat(e.getTimestamp()).isEqualTo(1_705_312_800_123L);
    assertThat(e.getLevel()).isEqualTo("ERROR");
    assertThat(e.getMethod()).isEqualTo("POST");
    assertThat(e.getPath()).isEqualTo("/cart/checkout");
    assertThat(e.getStatus()).isEqualTo(500);
    assertThat(e.getLatencyMs()).isEqualTo(812.5);
    assertThat(e.getError()).isTrue();
  }

  @Test
  void elasticCommonSchemaEventDurationIsInNanoseconds() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"@timestamp\":\"2024-01-15T10:00:00.000Z\",\"log.level\":\"info\","
                + "\"http\":{\"request\":{\"method\":\"GET\"},\"response\":{\"status_code\":200}},"
                + "\"url\":{\"path\":\"/health\"},\"event\":{\"duration\":12500000},"
                + "\"message\":\"ok\"}");

    assertThat(e.getStatus()).isEqualTo(200);
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/health");
    assertThat(e.getLatencyMs()).isEqualTo(12.5);
    assertThat(e.getLevel()).isEqualTo("INFO");
  }

  @Test
  void googleStyleHttpRequestObjects() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"severity\":\"WARNING\",\"time\":\"2024-01-15T10:00:00Z\",\"httpRequest\":"
                + "{\"requestMethod\":\"PUT\",\"requestUrl\":\"/items/9\",\"status\":429,"
                + "\"latency\":\"0.250s\"}}");

    assertThat(e.getLevel()).isEqualTo("WARN");
    assertThat(e.getMethod()).isEqualTo("PUT");
    assertThat(e.getPath()).isEqualTo("/items/9");
    assertThat(e.getStatus()).isEqualTo(429);
    assertThat(e.getLatencyMs()).isEqualTo(250.0);
  }

  @Test
  void numericLevelsWrittenAsStringsArePinoLevels() {
    assertThat(parse(GROUP, "{\"level\":\"50\",\"msg\":\"x\"}").getLevel()).isEqualTo("ERROR");
    assertThat(parse(GROUP, "{\"level\":\"30\",\"msg\":\"x\"}").getLevel()).isEqualTo("INFO");
    assertThat(parse(GROUP, "{\"level\":\"5000\",\"msg\":\"x\"}").getLevel()).isNull();
  }
}
