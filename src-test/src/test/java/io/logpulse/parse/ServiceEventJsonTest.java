package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.fixture;
import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ServiceEventJsonTest {
  @Test
  void writesTheParseContractKeysInOrderWithNullsForUnknownValues() {
    String json =
        ServiceEventJson.toJson(
            parse(
                "/ecs/web-task",
                "{\"level\":\"warn\",\"method\":\"GET\",\"path\":\"/a/1\",\"status\":200}"));
    assertThat(json)
        .isEqualTo(
            "{\"format\":\"json\",\"timestamp\":null,\"level\":\"WARN\",\"error\":false,\"status\":200,"
                + "\"latency_ms\":null,\"method\":\"GET\",\"path\":\"/a/1\",\"request_id\":null,"
                + "\"service\":\"web\",\"operation\":\"GET /a/{id}\",\"request\":true,\"cold_start\":false,"
                + "\"account\":\"123456789012\",\"log_group\":\"/ecs/web-task\"}");
  }

  @Test
  void cloudTrailEventsAddTheChangeFields() {
    String json =
        ServiceEventJson.toJson(
            parse("aws-cloudtrail-logs-x", fixture("cloudtrail-update-function-code.json")));
    assertThat(json)
        .isEqualTo(
            "{\"format\":\"cloudtrail\",\"timestamp\":1705312800000,\"level\":\"INFO\",\"error\":false,"
                + "\"status\":null,\"latency_ms\":null,\"method\":null,\"path\":null,"
                + "\"request_id\":\"5d3f2c1a-0b9e-4c7d-8a6f-1e2d3c4b5a69\",\"service\":\"cloudtrail\","
                + "\"operation\":null,\"request\":false,\"cold_start\":false,\"account\":\"111111111111\","
                + "\"log_group\":\"aws-cloudtrail-logs-x\",\"event_source\":\"lambda.amazonaws.com\","
                + "\"event_name\":\"UpdateFunctionCode20150331v2\",\"region\":\"eu-west-1\","
                + "\"principal\":\"arn:aws:sts::111111111111:assumed-role/ci-deploy/ci-deploy\","
                + "\"read_only\":false,\"change\":true,\"change_kind\":\"deploy\","
                + "\"resources\":[\"checkout-fn\","
                + "\"arn:aws:lambda:eu-west-1:111111111111:function:checkout-fn\"],"
                + "\"trail_event_id\":\"0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9\",\"error_code\":null,"
                + "\"principal_kind\":\"role\",\"source_ip\":\"203.0.113.10\","
                + "\"user_agent\":\"aws-cli/2.15.0\",\"agent\":\"cli\"}");
  }

  @Test
  void failedCloudTrailCallsCarryTheirErrorCode() {
    String json =
        ServiceEventJson.toJson(
            parse("aws-cloudtrail-logs-x", fixture("cloudtrail-put-parameter-denied.json")));
    assertThat(json).contains("\"change\":false").contains("\"error_code\":\"AccessDenied\"");
  }

  @Test
  void writeLineEndsWithANewlineAndEscapesText() throws IOException {
    StringWriter out = new StringWriter();
    ServiceEventJson.writeLine(
        parse("/aws/lambda/fn", "REPORT RequestId: \"quoted\"\tDuration: 1.5 ms"), out);
    ServiceEventJson.writeLine(parse("/aws/lambda/fn", "END RequestId: x"), out);
    String[] lines = out.toString().split("\n", -1);
    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(lines[0])
        .contains("\"latency_ms\":1.5")
        .contains("\"request_id\":\"\\\"quoted\\\"\"")
        .contains("\"format\":\"lambda\"");
  }
}
