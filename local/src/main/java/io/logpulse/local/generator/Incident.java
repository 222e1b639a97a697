package io.logpulse.local.generator;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A problem the generator injects on purpose into one service of one account, with the CloudTrail
 * change that causes it (none for a dependency outage) and the decoy changes planted around it, so
 * that tests, the run summary and the scenario evaluation can compare what the job detected and
 * blamed with what actually happened.
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
 * @param cause what kind of cause the incident has, which the evaluation reports accuracy by
 * @param start first simulated instant of the incident (inclusive)
 * @param end end of the incident (exclusive)
 * @param errorRate share of requests (or log lines) that fail during the incident; the baseline
 *     rate for a latency incident
 * @param latencyFactor how many times slower requests are during the incident
 * @param plantedChange the cause: a change made in {@code account} a few minutes before {@code
 *     start}, naming the service (or its role or security group); null for {@link Cause#NO_CHANGE},
 *     whose right answer is no suspect
 * @param decoys mutating changes planted nearby that did not cause it and must not be blamed: a
 *     change of another service in the same account, and the same change of the same service in
 *     another account, closer to {@code start} than the planted one
 */
public record Incident(
    String service,
    String account,
    Problem problem,
    Cause cause,
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

  /** What kind of cause an incident has. */
  public enum Cause {
    /** A deploy of the service ships a bug. */
    DEPLOY("deploy"),
    /** A parameter edited by hand slows the service down. */
    PARAMETER("parameter"),
    /** A policy taken from the service's role: its calls are denied. */
    IAM("iam"),
    /** A security group rule revoked: the service cannot reach its upstream. */
    NETWORK("network"),
    /** A dependency fails with no change at all: the right answer is no suspect. */
    NO_CHANGE("no-change");

    private final String label;

    Cause(String label) {
      this.label = label;
    }

    /** The name reports use, e.g. {@code no-change}. */
    public String label() {
      return label;
    }
  }

  public Incident {
    if ((plantedChange == null) != (cause == Cause.NO_CHANGE)) {
      throw new IllegalArgumentException("only a no-change incident has no planted change");
    }
    decoys = List.copyOf(decoys);
  }

  /**
   * How long before a planted incident something detected may start and count as being about it:
   * the window that holds its first bad requests starts up to a window earlier.
   */
  public static final Duration LEAD = Duration.ofMinutes(5);

  /** How long after a planted incident's end something detected that starts still counts. */
  public static final Duration SLACK = Duration.ofMinutes(10);

  /**
   * Whether an anomaly or incident of {@code service} in {@code account} starting at {@code start}
   * is about this one: same account and service, from {@link #LEAD} before its start to {@link
   * #SLACK} after its end.
   */
  public boolean isAbout(String account, String service, Instant start) {
    return this.account.equals(account)
        && this.service.equals(service)
        && !start.isBefore(this.start.minus(LEAD))
        && start.isBefore(end.plus(SLACK));
  }

  /** Whether the given epoch-millisecond instant falls inside the incident. */
  public boolean covers(long epochMillis) {
    return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
  }

  /**
   * One line naming the planted change, e.g. {@code UpdateFunctionCode20150331v2 payments-fn}, or
   * {@code no change} for a dependency outage.
   */
  public String change() {
    return plantedChange == null ? "no change" : plantedChange.description();
  }
}
