package io.logpulse.local.generator;

import io.logpulse.local.generator.Incident.Cause;
import io.logpulse.local.generator.Incident.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the incidents of a run from its seed: about one per simulated hour, each 5 to 15 minutes
 * long (shorter in short runs), none in the run's first hour (a third of shorter runs), where the
 * detectors are still learning what normal is, each in its own equal slice of the rest so that
 * incidents never overlap, neither with each other nor with the changes planted before them.
 *
 * <p>Scenarios are not drawn uniformly: they follow the cycle of the five kinds of cause (deploy,
 * parameter, IAM, network, no change: {@link Cause}) from a seeded position, so any five
 * consecutive incidents hold one of each and a default three-hour run three different ones. Each
 * kind walks through its {@link Scenario#of scenarios} from a seeded offset.
 *
 * <p>Each incident's planted change is made 2 to 6 minutes before it (a dependency outage has none,
 * but its decoys are placed as if it had); the same-account decoy 1 to 3 minutes before the planted
 * change (further from the incident, of another service); the cross-account decoy between the
 * planted change and the incident (closer to it). CloudTrail delivers every change after {@link
 * Estate#CLOUDTRAIL_LAG_MILLIS}, except one planted change per run, delivered after {@link
 * #EXTRA_LATE_MILLIS}. Changes are made on whole seconds, as CloudTrail's eventTime records them.
 */
final class BurstPlanner {

  /** How much slower every request of a service is while its errors rise. */
  static final double ERRORS_SLOWDOWN = 2.5;

  /** The delivery lag of the one planted change per run that CloudTrail delivers extra late. */
  static final long EXTRA_LATE_MILLIS = 12 * 60_000L;

  /**
   * How long the detectors learn before they may raise anomalies, by default: {@code detect.warmup}
   * (60 one-minute windows) and {@code detect.patterns.warmup} (1 hour). An incident in that time
   * could not be found, and its new stack traces would be learned as normal.
   */
  static final long DETECTOR_WARMUP_MILLIS = 3_600_000L;

  /** The earliest a planted change (the same-account decoy) is made before its incident. */
  private static final long CHANGES_LEAD_MILLIS = 9 * 60_000L;

  /** The cycle of causes, in order. */
  private static final Cause[] CYCLE = Cause.values();

  private BurstPlanner() {}

  static List<Incident> plan(SplittableRandom rng, Instant start, Duration duration) {
    long runMillis = duration.toMillis();
    int count = (int) Math.max(1, Math.round(runMillis / 3_600_000d));
    long lead = Math.min(DETECTOR_WARMUP_MILLIS, runMillis / 3);
    long margin = Math.min(15 * 60_000L, runMillis / 6);
    long maxLength = Math.max(60_000L, Math.min(15 * 60_000L, runMillis / 4));
    long minLength = Math.min(5 * 60_000L, maxLength);
    long slice = (runMillis - lead - margin) / count;
    int cyclePosition = rng.nextInt(CYCLE.length);
    int scenarioOffset = rng.nextInt(Scenario.DEPLOYS.size());
    int extraLate = rng.nextInt(count);
    for (int k = 0;
        k < count && CYCLE[(cyclePosition + extraLate) % CYCLE.length] == Cause.NO_CHANGE;
        k++) {
      extraLate = (extraLate + 1) % count;
    }

    List<Incident> incidents = new ArrayList<>();
    int[] used = new int[CYCLE.length];
    for (int i = 0; i < count; i++) {
      Cause cause = CYCLE[(cyclePosition + i) % CYCLE.length];
      List<Scenario> scenarios = Scenario.of(cause);
      Scenario scenario =
          scenarios.get((scenarioOffset + used[cause.ordinal()]++) % scenarios.size());
      long length = minLength + rng.nextLong(maxLength - minLength + 1);
      long earliest = lead + i * slice + Math.min(CHANGES_LEAD_MILLIS, slice - length);
      long latest = lead + (i + 1) * slice - length;
      long offset = earliest + rng.nextLong(Math.max(0, latest - earliest) + 1);
      Instant from = start.plusMillis(offset);
      long lag = i == extraLate ? EXTRA_LATE_MILLIS : Estate.CLOUDTRAIL_LAG_MILLIS;
      incidents.add(incident(rng, scenario, from, from.plusMillis(length), lag));
    }
    return List.copyOf(incidents);
  }

  private static Incident incident(
      SplittableRandom rng, Scenario scenario, Instant from, Instant to, long lag) {
    long startMs = from.toEpochMilli();
    long changeMs = seconds(startMs - 120_000L - rng.nextLong(240_000L));
    long decoyMs = seconds(changeMs - 60_000L - rng.nextLong(120_000L));
    long otherMs =
        seconds(changeMs + (long) ((startMs - changeMs) * (0.3 + 0.5 * rng.nextDouble())));
    boolean errors = scenario.problem() == Problem.ERRORS;
    PlantedChange cause =
        scenario.call() == null
            ? null
            : CloudTrailChanges.plant(
                scenario.call(), scenario.account(), scenario.resource(), changeMs, lag);
    double errorRate =
        errors
            ? Math.round((0.10 + rng.nextDouble() * 0.20) * 1000) / 1000d
            : Traffic.BASELINE_ERROR_RATE;
    double latencyFactor =
        errors ? ERRORS_SLOWDOWN : Math.round((3 + rng.nextDouble() * 3) * 10) / 10d;
    long normal = Estate.CLOUDTRAIL_LAG_MILLIS;
    return new Incident(
        scenario.service(),
        scenario.account(),
        scenario.problem(),
        scenario.cause(),
        from,
        to,
        errorRate,
        latencyFactor,
        cause,
        List.of(
            CloudTrailChanges.plant(
                scenario.decoyCall(),
                scenario.account(),
                scenario.decoyResource(),
                decoyMs,
                normal),
            CloudTrailChanges.plant(
                scenario.otherCall(),
                scenario.otherAccount(),
                scenario.otherResource(),
                otherMs,
                normal)));
  }

  private static long seconds(long epochMillis) {
    return Math.floorDiv(epochMillis, 1000L) * 1000L;
  }
}
