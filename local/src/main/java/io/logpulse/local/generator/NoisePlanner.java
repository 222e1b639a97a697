package io.logpulse.local.generator;

import io.logpulse.local.generator.Estate.Platform;
import io.logpulse.local.generator.NoiseEvent.Kind;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plans the noise of a fleet's day from the run's seed, in every run, over the whole run: the
 * things that are normal and must not page anyone.
 *
 * <ul>
 *   <li>Latency blips in busy services (at least {@link #BUSY_REQUESTS_PER_SECOND}), a few per
 *       service-hour: for 15 to 45 seconds a share of requests ({@link Unit#BLIP_SLOW_SHARE}) is 8
 *       to 60 times slower (Pareto-tailed, a pause or a cold cache), so p99 jumps several-fold for
 *       one window.
 *   <li>Single failed requests in quiet services (under {@link #QUIET_REQUESTS_PER_SECOND}), which
 *       otherwise never fail.
 *   <li>Healthy traffic surges in services with requests: two to three times the requests for 5 to
 *       20 minutes.
 *   <li>Harmless changes, about {@link #CHANGES_PER_SERVICE_DAY} per service-day: deploys of
 *       healthy versions, parameter edits, tags and scaling, as the service's platform makes them.
 * </ul>
 *
 * Counts are Poisson, times uniform. Noise stays clear of a planted incident of the same service
 * (effects {@link #EFFECT_MARGIN} around it, changes from {@link #CHANGE_MARGIN} before its start),
 * so that an incident's cause and symptoms remain the planted ones.
 */
final class NoisePlanner {

  static final double BLIPS_PER_SERVICE_HOUR = 3;
  static final double SINGLE_ERRORS_PER_SERVICE_HOUR = 0.5;
  static final double SURGES_PER_SERVICE_DAY = 2;
  static final double CHANGES_PER_SERVICE_DAY = 2;
  static final double BUSY_REQUESTS_PER_SECOND = 1;
  static final double QUIET_REQUESTS_PER_SECOND = 0.2;

  private static final Duration EFFECT_MARGIN = Duration.ofMinutes(15);
  private static final Duration CHANGE_MARGIN = Duration.ofMinutes(30);
  private static final String[] PARAMETERS = {"feature-flags", "log-level", "cache-ttl-seconds"};

  private NoisePlanner() {}

  /** The noise events in start order, and the harmless changes to write to CloudTrail. */
  record Plan(List<NoiseEvent> events, List<PlantedChange> changes) implements Serializable {}

  /** A service with logs in one account, and how it runs. */
  record Service(
      String account,
      String service,
      Platform platform,
      String logStream,
      double requestsPerSecond) {

    boolean busy() {
      return requestsPerSecond >= BUSY_REQUESTS_PER_SECOND;
    }

    boolean quiet() {
      return requestsPerSecond > 0 && requestsPerSecond < QUIET_REQUESTS_PER_SECOND;
    }
  }

  /** The services with logs, in stream order, with their requests per second at mean load. */
  static List<Service> services(List<LogStreamSpec> streams) {
    Map<String, Service> services = new LinkedHashMap<>();
    for (LogStreamSpec stream : streams) {
      if (stream.profile() instanceof CloudTrailProfile) {
        continue;
      }
      double rps = stream.unitsPerSecond() * stream.profile().requestShare();
      services.merge(
          stream.account() + "/" + stream.service(),
          new Service(
              stream.account(),
              stream.service(),
              Platform.of(stream.logGroup()),
              stream.logStream(),
              rps),
          (a, b) ->
              new Service(
                  a.account(),
                  a.service(),
                  a.platform(),
                  a.logStream(),
                  a.requestsPerSecond() + b.requestsPerSecond()));
    }
    return List.copyOf(services.values());
  }

  static Plan plan(
      SplittableRandom rng,
      List<LogStreamSpec> streams,
      Instant start,
      Duration duration,
      List<Incident> incidents) {
    long from = start.toEpochMilli();
    long runMillis = duration.toMillis();
    double hours = runMillis / 3_600_000d;
    List<NoiseEvent> events = new ArrayList<>();
    List<PlantedChange> changes = new ArrayList<>();
    for (Service s : services(streams)) {
      if (s.busy()) {
        int blips = Traffic.poisson(rng, BLIPS_PER_SERVICE_HOUR * hours);
        for (int i = 0; i < blips; i++) {
          long length = 15_000L + rng.nextLong(30_001L);
          double factor = Math.min(60, 8 / Math.sqrt(1 - rng.nextDouble()));
          effect(
              events,
              incidents,
              s,
              Kind.LATENCY_BLIP,
              time(rng, from, runMillis, length),
              length,
              factor);
        }
      }
      if (s.quiet()) {
        int errors = Traffic.poisson(rng, SINGLE_ERRORS_PER_SERVICE_HOUR * hours);
        for (int i = 0; i < errors; i++) {
          effect(
              events,
              incidents,
              s,
              Kind.SINGLE_ERROR,
              time(rng, from, runMillis, 1_000L),
              1_000L,
              1);
        }
      }
      if (s.requestsPerSecond() > 0) {
        int surges = Traffic.poisson(rng, SURGES_PER_SERVICE_DAY * hours / 24);
        for (int i = 0; i < surges; i++) {
          long length = 5 * 60_000L + rng.nextLong(15 * 60_000L + 1);
          double factor = Math.round((2 + rng.nextDouble()) * 10) / 10d;
          effect(
              events,
              incidents,
              s,
              Kind.TRAFFIC_SURGE,
              time(rng, from, runMillis, length),
              length,
              factor);
        }
      }
      int harmless = Traffic.poisson(rng, CHANGES_PER_SERVICE_DAY * hours / 24);
      for (int i = 0; i < harmless; i++) {
        long time = Math.floorDiv(time(rng, from, runMillis, 0), 1000L) * 1000L;
        PlantedChange change = harmlessChange(rng, s, time);
        if (clearOfIncidents(incidents, s, time, time + CHANGE_MARGIN.toMillis() + 1)) {
          changes.add(change);
          events.add(
              new NoiseEvent(
                  Kind.HARMLESS_CHANGE, s.account(), s.service(), change.time(), change.time(), 1));
        }
      }
    }
    events.sort(Comparator.comparing(NoiseEvent::start).thenComparing(NoiseEvent::service));
    changes.sort(Comparator.comparing(PlantedChange::time));
    return new Plan(List.copyOf(events), List.copyOf(changes));
  }

  private static long time(SplittableRandom rng, long from, long runMillis, long length) {
    return from + rng.nextLong(Math.max(1, runMillis - length));
  }

  private static void effect(
      List<NoiseEvent> events,
      List<Incident> incidents,
      Service s,
      Kind kind,
      long start,
      long length,
      double size) {
    long margin = EFFECT_MARGIN.toMillis();
    if (clearOfIncidents(incidents, s, start - margin, start + length + margin)) {
      events.add(
          new NoiseEvent(
              kind,
              s.account(),
              s.service(),
              Instant.ofEpochMilli(start),
              Instant.ofEpochMilli(start + length),
              size));
    }
  }

  /**
   * Whether {@code [from, to)} misses every planted incident of the service, from its start to its
   * slack after its end.
   */
  private static boolean clearOfIncidents(List<Incident> incidents, Service s, long from, long to) {
    for (Incident incident : incidents) {
      if (incident.account().equals(s.account())
          && incident.service().equals(s.service())
          && from < incident.end().plus(Incident.SLACK).toEpochMilli()
          && to > incident.start().toEpochMilli()) {
        return false;
      }
    }
    return true;
  }

  /** A harmless change of the service as its platform makes it, delivered with the usual lag. */
  private static PlantedChange harmlessChange(SplittableRandom rng, Service s, long time) {
    String name = s.service();
    String parameter = "/" + name + "/" + PARAMETERS[rng.nextInt(PARAMETERS.length)];
    int pick = rng.nextInt(4);
    ChangeCall call;
    String resource;
    switch (s.platform()) {
      case LAMBDA -> {
        call =
            new ChangeCall[] {
                  ChangeCall.LAMBDA_CODE,
                  ChangeCall.PARAMETER,
                  ChangeCall.LAMBDA_TAGS,
                  ChangeCall.LAMBDA_CONCURRENCY
                }
                [pick];
        resource = call == ChangeCall.PARAMETER ? parameter : name;
      }
      case API_STACK -> {
        call = pick < 2 ? ChangeCall.STACK : ChangeCall.PARAMETER;
        resource = call == ChangeCall.PARAMETER ? parameter : name;
      }
      case EC2 -> {
        call =
            new ChangeCall[] {
                  ChangeCall.EC2_TAGS,
                  ChangeCall.PARAMETER,
                  ChangeCall.ASG_CAPACITY,
                  ChangeCall.ASG_CAPACITY
                }
                [pick];
        resource =
            switch (call) {
              case EC2_TAGS -> s.logStream();
              case PARAMETER -> parameter;
              default -> Estate.NGINX_ASG;
            };
      }
      default -> {
        call =
            new ChangeCall[] {
                  ChangeCall.ECS_SERVICE,
                  ChangeCall.PARAMETER,
                  ChangeCall.ECS_TAGS,
                  ChangeCall.ECS_SCALING
                }
                [pick];
        resource = call == ChangeCall.PARAMETER ? parameter : name;
      }
    }
    return CloudTrailChanges.plant(call, s.account(), resource, time, Estate.CLOUDTRAIL_LAG_MILLIS);
  }
}
