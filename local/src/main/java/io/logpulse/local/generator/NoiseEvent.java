package io.logpulse.local.generator;

import java.io.Serializable;
import java.time.Instant;

/**
 * Something the generator plants that is normal in a fleet and must not page anyone: a one-minute
 * latency blip, a single failed request in a quiet service, a healthy traffic surge, a harmless
 * change. Recorded as ground truth next to the planted incidents, so that an evaluation can say
 * which noise each false incident came from.
 *
 * @param kind what happened
 * @param account the member account of the service
 * @param service the service, as the job names it
 * @param start first instant of the event (inclusive); for a change, when it was made
 * @param end end of the event (exclusive); for a change, the same as {@code start}
 * @param size how strong: the slow requests' latency factor of a blip, the traffic factor of a
 *     surge, 1 otherwise
 */
public record NoiseEvent(
    Kind kind, String account, String service, Instant start, Instant end, double size)
    implements Serializable {

  /** The kinds of noise. */
  public enum Kind {
    /** A few requests many times slower for under a minute: p99 jumps for one window. */
    LATENCY_BLIP("latency-blip"),
    /** One failed request in a service that serves a few requests a minute. */
    SINGLE_ERROR("single-error"),
    /** Two to three times the requests for 5 to 20 minutes, errors and latency healthy. */
    TRAFFIC_SURGE("traffic-surge"),
    /** A deploy of a healthy version, a parameter edit, tags or scaling. */
    HARMLESS_CHANGE("harmless-change");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name reports use, e.g. {@code latency-blip}. */
    public String label() {
      return label;
    }
  }

  /**
   * Whether an incident of {@code service} in {@code account} starting at {@code start} may come
   * from this event: same account and service, from {@link Incident#LEAD} before its start to
   * {@link Incident#SLACK} after its end.
   */
  public boolean explains(String account, String service, Instant start) {
    return this.account.equals(account)
        && this.service.equals(service)
        && !start.isBefore(this.start.minus(Incident.LEAD))
        && !start.isAfter(end.plus(Incident.SLACK));
  }

  /** Whether the event's effect is on at the given epoch-millisecond instant. */
  boolean covers(long epochMillis) {
    return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
  }
}
