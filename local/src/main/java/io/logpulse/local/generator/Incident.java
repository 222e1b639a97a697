package io.logpulse.local.generator;

import java.io.Serializable;
import java.time.Instant;

/**
 * An error burst the generator injects on purpose, with the CloudTrail change it plants shortly
 * before it, so that tests and the run summary can compare what the job detected with what actually
 * happened. On JVM services half of the burst's stack traces are the change's regression, an
 * exception the service never throws otherwise.
 *
 * @param service the affected service, as it appears in its log group (for example {@code
 *     payments-fn})
 * @param account the member account whose log streams of that service misbehave
 * @param start first simulated instant of the burst (inclusive)
 * @param end end of the burst (exclusive)
 * @param errorRate share of requests (or log lines) that fail during the burst
 * @param change the CloudTrail event name and target of the planted change, e.g. {@code
 *     UpdateFunctionCode20150331v2 payments-fn}
 * @param changeTime when that change was made, a few minutes before {@code start}
 */
public record Incident(
    String service,
    String account,
    Instant start,
    Instant end,
    double errorRate,
    String change,
    Instant changeTime)
    implements Serializable {

  /** Whether the given epoch-millisecond instant falls inside the burst. */
  public boolean covers(long epochMillis) {
    return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
  }
}
