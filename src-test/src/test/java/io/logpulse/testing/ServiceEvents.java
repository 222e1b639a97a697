package io.logpulse.testing;

import io.logpulse.schema.ServiceEvent;

/** Service events for aggregation tests. */
public final class ServiceEvents {

  private ServiceEvents() {}

  /** A successful request of {@code service} at {@code time} with the given latency. */
  public static ServiceEvent request(String service, long time, double latencyMs) {
    return builder(service, time).setRequest(true).setStatus(200).setLatencyMs(latencyMs).build();
  }

  /** A failed request (HTTP 503). */
  public static ServiceEvent failedRequest(String service, long time, double latencyMs) {
    return builder(service, time)
        .setRequest(true)
        .setError(true)
        .setStatus(503)
        .setLevel("ERROR")
        .setLatencyMs(latencyMs)
        .build();
  }

  /** A log line that is not a request. */
  public static ServiceEvent logLine(String service, long time, String level) {
    return builder(service, time).setLevel(level).setError("ERROR".equals(level)).build();
  }

  /** A builder with every required field set; account 111111111111, format json. */
  public static ServiceEvent.Builder builder(String service, long time) {
    return ServiceEvent.newBuilder()
        .setAccount("111111111111")
        .setLogGroup("/ecs/" + service)
        .setLogStream("stream")
        .setEventId(Long.toString(time))
        .setEventTime(time)
        .setFormat("json")
        .setService(service)
        .setRequest(false)
        .setError(false)
        .setMessage("message at " + time);
  }
}
