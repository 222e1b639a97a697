package io.logpulse.parse;

import static io.logpulse.parse.ParseFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ServiceEvent;
import org.junit.jupiter.api.Test;

class ApiGatewayFormatTest {
  private static final String GROUP = "API-Gateway-Execution-Logs_a1b2c3d4e5/prod";
  private static final long TIME = 1_705_312_800_000L;

  @Test
  void restApiJsonAccessLog() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"requestId\":\"c0a8e2f1-1111-2222-3333-444455556666\",\"ip\":\"203.0.113.5\","
                + "\"caller\":\"-\",\"user\":\"-\",\"requestTime\":\"15/Jan/2024:10:00:00 +0000\","
                + "\"httpMethod\":\"GET\",\"resourcePath\":\"/pets/{petId}\",\"status\":\"200\","
                + "\"protocol\":\"HTTP/1.1\",\"responseLength\":\"512\",\"responseLatency\":\"45\","
                + "\"integrationLatency\":\"40\",\"integrationError\":\"-\"}");

    assertThat(e.getFormat()).isEqualTo("apigateway");
    assertThat(e.getRequestId()).isEqualTo("c0a8e2f1-1111-2222-3333-444455556666");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/pets/{petId}");
    assertThat(e.getOperation()).isEqualTo("GET /pets/{petId}");
    assertThat(e.getStatus()).isEqualTo(200);
    assertThat(e.getLatencyMs()).isEqualTo(45.0);
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isFalse();
    assertThat(e.getService()).isEqualTo("apigw-a1b2c3d4e5");
  }

  @Test
  void httpApiJsonAccessLogTakesMethodAndPathFromTheRouteKey() {
    ServiceEvent e =
        parse(
            "/aws/api-gateway/orders-http",
            "{\"requestId\":\"R8f2XhG8oAMEbWQ=\",\"ip\":\"2001:db8::1\",\"requestTime\":\"15/Jan/2024:10:00:00 +0000\","
                + "\"routeKey\":\"POST /orders/{id}\",\"status\":502,\"protocol\":\"HTTP/1.1\","
                + "\"responseLength\":36,\"integrationLatency\":29}");

    assertThat(e.getFormat()).isEqualTo("apigateway");
    assertThat(e.getMethod()).isEqualTo("POST");
    assertThat(e.getPath()).isEqualTo("/orders/{id}");
    assertThat(e.getStatus()).isEqualTo(502);
    assertThat(e.getLatencyMs()).isEqualTo(29.0);
    assertThat(e.getError()).isTrue();
    assertThat(e.getService()).isEqualTo("orders-http");
  }

  @Test
  void responseLatencyWinsOverIntegrationLatencyWhateverTheOrder() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"requestId\":\"r-1\",\"integrationLatency\":\"40\",\"responseLatency\":\"45\",\"status\":\"200\"}");
    assertThat(e.getLatencyMs()).isEqualTo(45.0);
  }

  @Test
  void integrationErrorIsAnErrorEvenWithAnOkStatus() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"requestId\":\"r-2\",\"httpMethod\":\"GET\",\"resourcePath\":\"/pets\",\"status\":\"200\","
                + "\"integrationError\":\"Lambda.Timeout\"}");
    assertThat(e.getFormat()).isEqualTo("apigateway");
    assertThat(e.getError()).isTrue();
  }

  @Test
  void dashForMissingValuesIsIgnored() {
    ServiceEvent e =
        parse(
            GROUP,
            "{\"requestId\":\"r-3\",\"requestTime\":\"-\",\"status\":\"-\",\"responseLatency\":\"-\",\"resourcePath\":\"-\"}");
    assertThat(e.getFormat()).isEqualTo("apigateway");
    assertThat(e.getStatus()).isNull();
    assertThat(e.getLatencyMs()).isNull();
    assertThat(e.getPath()).isNull();
    assertThat(e.getTimestamp()).isNull();
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void clfAccessLogEndingWithTheRequestId() {
    ServiceEvent e =
        parse(
            GROUP,
            "203.0.113.5 - - [15/Jan/2024:10:00:00 +0000] \"GET /pets/{petId} HTTP/1.1\" 404 48"
                + " c0a8e2f1-1111-2222-3333-444455556666");

    assertThat(e.getFormat()).isEqualTo("apigateway");
    assertThat(e.getRequestId()).isEqualTo("c0a8e2f1-1111-2222-3333-444455556666");
    assertThat(e.getTimestamp()).isEqualTo(TIME);
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/pets/{petId}");
    assertThat(e.getStatus()).isEqualTo(404);
    assertThat(e.getLatencyMs()).isNull();
    assertThat(e.getRequest()).isTrue();
    assertThat(e.getError()).isFalse();
  }

  @Test
  void clfAccessLogWithAnHttpApiRequestIdAndIpv6Client() {
    ServiceEvent e =
        parse(
            GROUP,
            "2001:db8::1 - - [15/Jan/2024:10:00:00 +0000] \"POST /orders HTTP/1.1\" 500 - R8f2XhG8oAMEbWQ=");
    assertThat(e.getFormat()).isEqualTo("apigateway");
    assertThat(e.getRequestId()).isEqualTo("R8f2XhG8oAMEbWQ=");
    assertThat(e.getError()).isTrue();
  }
}
