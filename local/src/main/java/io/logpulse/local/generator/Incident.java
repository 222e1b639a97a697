package io.logpulse.local.generator;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A problem the generator injects on purpose into one service of one account, with the CloudTrail
 * change that causes it and the decoy changes planted around it, so that tests, the run summary and
 * the scenario evaluation can compare what the job detected and blamed with what actually happened.
 *
 * <p>During an {@link Problem#ERRORS} incident a share of requests fails and the rest slow down; on
 * JVM services half of its stack traces are the change's regression, an exception the service never
 * throws otherwise. During a {@link Problem#LATENCY} incident every request slows down and the
 * error rate stays at its baseline.
 *
 * @param service the affected service, as the job names it from its log group by default (for
 *     example {@code payments-fn}, or {@code web-nginx} for {@code /ecs/web-nginx})
 * @param account the member account whose log streams of that service misbehave
 * @param problem what goes wrong
 * @param start first simulated instant of the incident (inclusive)
 * @param end end of the incident (exclusive)
 * @param errorRate share of requests (or log lines) that fail during the incident; the baseline
 *     rate for a latency incident
 * @param latencyFactor how many times slower requests are during the incident
 * @param plantedChange the cause: a change made in {@code account} a few minutes before {@code
 *     start}, naming the service
 * @param decoys mutating changes planted nearby that did not cause it and must not be blamed: a
 *     change of another service in the same account, and the same change of the same service in
 *     another account, closer to {@code start} than the planted one
 */
public record Incident(
    String service,
    String account,
    Problem problem,
    Instant start,
    Instant end,
    double errorRate,
    double latencyFactor,
    PlantedChange plantedChange,
    List<PlantedChange> decoys)
    implements Serializable {

  /** What goes wrong in the service. */
  public enum Problem {
    /** Requests fail: error rate, error logs and a new stack trace rise. */
    ERRORS,
    /** Requests slow down: the latency percentiles rise, the error rate does not. */
    LATENCY
  }

  public Incident {
    decoys = List.copyOf(decoys);
  }

  /** Whether the given epoch-millisecond instant falls inside the incident. */
  public boolean covers(long epochMillis) {
    return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
  }

  /** One line naming the planted change, e.g. {@code UpdateFunctionCode20150331v2 payments-fn}. */
  public String change() {
    return plantedChange.description();
  }
}
