package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * A JVM service on ECS that logs one structured JSON line per HTTP request (level, message, method,
 * path with ids, status, latency_ms, request_id, service) and, for some failures, an extra ERROR
 * line whose {@code stack_trace} field holds a multi-line Java stack trace. A quiet service's units
 * are mostly background work (a scheduled sweep), logged as a line with no status or latency.
 */
final class EcsJsonProfile implements LogProfile {

  private static final long serialVersionUID = 1L;

  private final String service;
  private final double medianLatencyMs;
  private final double requestShare;

  EcsJsonProfile(String service, double medianLatencyMs) {
    this(service, medianLatencyMs, 1);
  }

  /**
   * @param requestShare the share of units that are HTTP requests; the others are background work
   */
  EcsJsonProfile(String service, double medianLatencyMs, double requestShare) {
    this.service = service;
    this.medianLatencyMs = medianLatencyMs;
    this.requestShare = requestShare;
  }

  @Override
  public double requestShare() {
    return requestShare;
  }

  @Override
  public int maxEventsPerUnit() {
    return 2;
  }

  @Override
  public void write(Unit unit, LogLines out) {
    SplittableRandom rng = unit.rng;
    if (requestShare < 1 && !unit.forceError && rng.nextDouble() >= requestShare) {
      StringBuilder line = out.begin(unit.timestamp);
      header(line, unit.timestamp, "INFO");
      line.append(",\"logger\":\"com.example.shop.").append(service).append(".Sweeper\"");
      line.append(",\"message\":\"sweep done: ").append(rng.nextInt(12)).append(" pending\"}");
      out.commit();
      return;
    }
    int route = rng.nextInt(10);
    boolean health = route == 0;
    String method;
    if (health) {
      method = "GET";
    } else {
      method = route < 4 ? "GET" : route < 7 ? "POST" : route < 9 ? "PUT" : "DELETE";
    }
    double latency =
        health ? 0.5 + rng.nextDouble() : Traffic.latencyMs(rng, medianLatencyMs, unit.slowdown());
    int status = health ? 200 : Traffic.status(rng, unit.errorRate());
    long pathSeed = rng.nextLong();
    long requestIdSeed = rng.nextLong();
    long end = unit.after((long) latency);

    if (status >= 500 && rng.nextDouble() < 0.6) {
      StringBuilder err = out.begin(end);
      header(err, end, "ERROR");
      err.append(",\"logger\":\"com.example.shop.").append(service).append(".ErrorHandler\"");
      err.append(",\"thread\":\"http-nio-8080-exec-").append(1 + rng.nextInt(200)).append('"');
      err.append(",\"message\":\"Request failed: ").append(method).append(' ');
      path(err, route, new SplittableRandom(pathSeed)).append('"');
      err.append(",\"request_id\":\"");
      Text.uuid(err, new SplittableRandom(requestIdSeed)).append("\",\"stack_trace\":");
      Text.jsonString(err, StackTraces.pick(rng, unit.regression())).append('}');
      out.commit();
    }

    StringBuilder line = out.begin(end);
    header(line, end, status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO");
    line.append(",\"message\":\"").append(status >= 500 ? "request failed" : "request completed");
    line.append("\",\"method\":\"").append(method).append("\",\"path\":\"");
    if (health) {
      line.append("/health");
    } else {
      path(line, route, new SplittableRandom(pathSeed));
    }
    line.append("\",\"status\":").append(status).append(",\"latency_ms\":");
    Text.fixed(line, latency, 1).append(",\"request_id\":\"");
    Text.uuid(line, new SplittableRandom(requestIdSeed)).append("\"}");
    out.commit();
  }

  private void header(StringBuilder sb, long timestamp, String level) {
    sb.append("{\"timestamp\":\"");
    Text.isoMillis(sb, timestamp).append("\",\"level\":\"").append(level);
    sb.append("\",\"service\":\"").append(service).append('"');
  }

  private static StringBuilder path(StringBuilder sb, int route, SplittableRandom ids) {
    switch (route % 4) {
      case 0 -> Text.hex(sb.append("/api/carts/c-"), ids, 8);
      case 1 ->
          Text.hex(Text.hex(sb.append("/api/carts/c-"), ids, 8).append("/items/sku-"), ids, 6);
      case 2 -> Text.hex(sb.append("/api/checkout/ord-"), ids, 10).append("/confirm");
      default -> Text.hex(sb.append("/api/orders/ord-"), ids, 10);
    }
    return sb;
  }
}
