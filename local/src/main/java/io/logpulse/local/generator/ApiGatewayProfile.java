package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * API Gateway access logs in the JSON layout the console proposes, where every {@code $context}
 * variable is quoted, numbers included: requestId, ip, requestTime, httpMethod, routeKey,
 * resourcePath, status, protocol, responseLength, responseLatency, integrationLatency.
 */
final class ApiGatewayProfile implements LogProfile {

  private static final long serialVersionUID = 1L;
  private static final String[][] ROUTES = {
    {"GET", "/orders"},
    {"GET", "/orders/{orderId}"},
    {"GET", "/orders/{orderId}"},
    {"POST", "/orders"},
    {"PUT", "/orders/{orderId}/status"},
    {"DELETE", "/orders/{orderId}"}
  };

  private final double medianLatencyMs;

  ApiGatewayProfile(double medianLatencyMs) {
    this.medianLatencyMs = medianLatencyMs;
  }

  @Override
  public void write(Unit unit, LogLines out) {
    SplittableRandom rng = unit.rng;
    String[] route = ROUTES[rng.nextInt(ROUTES.length)];
    double latency = Traffic.latencyMs(rng, medianLatencyMs, unit.slowdown());
    int status = Traffic.status(rng, unit.errorRate());
    long overhead = 2 + rng.nextInt(8);
    long responseLatency = Math.round(latency) + overhead;

    StringBuilder line = out.begin(unit.after(responseLatency));
    Text.upperAlnum(line.append("{\"requestId\":\""), rng, 8).append("=\",\"ip\":\"");
    Clients.ip(line, rng).append("\",\"requestTime\":\"");
    Text.clf(line, unit.timestamp).append("\",\"httpMethod\":\"").append(route[0]);
    line.append("\",\"routeKey\":\"").append(route[0]).append(' ').append(route[1]);
    line.append("\",\"resourcePath\":\"").append(route[1]);
    line.append("\",\"status\":\"").append(status).append("\",\"protocol\":\"HTTP/1.1\"");
    line.append(",\"responseLength\":\"")
        .append(status >= 400 ? 40 + rng.nextInt(80) : 120 + rng.nextInt(4000));
    line.append("\",\"responseLatency\":\"").append(responseLatency);
    line.append("\",\"integrationLatency\":\"").append(responseLatency - overhead).append("\"}");
    out.commit();
  }
}
