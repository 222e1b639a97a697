package io.logpulse.correlate;

import io.logpulse.parse.CloudTrailApi;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Suspect;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Scores one change as a suspect of one incident, in [0,1]:
 *
 * <ul>
 *   <li>time proximity: {@code 2^(-minutes before / half-life)} for changes before the start, 0.8
 *       for changes inside the first bad window (up to {@link CorrelateSettings#afterStart()});
 *       changes outside {@code [start - horizon, start + afterStart]} are no candidates;
 *   <li>affinity of the change's resources to the service ({@link ServiceAffinity}); for network
 *       and permission changes combined with their reach ({@link ChangeReach}) as {@code 1 - (1 -
 *       name) × (1 - reach)}, so they are suspects for every service of the account, more so the
 *       more they reach, and most for the service whose resource they name;
 *   <li>the prior of its change kind: how often such a change breaks a service (deploys often,
 *       tagging and log retention never);
 *   <li>region: when the service's region is configured, a change in another region (global
 *       services aside) counts 0.6 times.
 * </ul>
 *
 * A change with no affinity at all (it names only other services' resources and reaches no further)
 * is no candidate: a deploy of another service seconds before an outage is a coincidence, not a
 * cause, and an incident whose impact no change explains names no suspect.
 *
 * <p>{@code score = prior × (0.35 proximity + 0.65 affinity) × region}, halved for failed calls,
 * which changed nothing but show someone tried. The prior scales the evidence rather than adding to
 * it, so bookkeeping that names the service (a log group's retention, a tag) does not outrank the
 * deploy that broke it. Each change is scored on its own, so merging a late change into an
 * incident's ranked list is the same as ranking all changes again.
 */
final class SuspectRanker implements Serializable {
  private static final long serialVersionUID = 1L;

  static final double WEIGHT_TIME = 0.35;
  static final double WEIGHT_AFFINITY = 0.65;
  static final double INSIDE_WINDOW = 0.8;
  static final double OTHER_REGION = 0.6;
  static final double FAILED = 0.5;

  private static final Set<String> GLOBAL_SOURCES =
      Set.of(
          "iam.amazonaws.com",
          "sts.amazonaws.com",
          "organizations.amazonaws.com",
          "cloudfront.amazonaws.com",
          "route53.amazonaws.com");

  private final CorrelateSettings settings;
  private final ServiceAffinity affinity;

  SuspectRanker(CorrelateSettings settings) {
    this.settings = settings;
    this.affinity = new ServiceAffinity(settings.serviceResources());
  }

  /**
   * Whether a change at {@code changeTime} is a candidate for an incident starting at {@code
   * start}.
   */
  boolean inWindow(long changeTime, long start) {
    long before = start - changeTime;
    return before <= settings.horizon().toMillis() && -before <= settings.afterStart().toMillis();
  }

  /** The change as a suspect of the incident, or null when it is no candidate or scores too low. */
  Suspect rank(ChangeEvent change, String service, long start) {
    long changeTime = change.getTime().toEpochMilli();
    if (!inWindow(changeTime, start)) {
      return null;
    }
    long before = start - changeTime;
    double proximity =
        before >= 0
            ? Math.pow(2, -(double) before / settings.halfLife().toMillis())
            : INSIDE_WINDOW;
    ServiceAffinity.Match match = affinity.match(service, change.getResources());
    ChangeReach.Reach reach = ChangeReach.of(change);
    double affinityScore =
        reach == null ? match.score() : 1 - (1 - match.score()) * (1 - reach.affinity());
    if (affinityScore <= 0) {
      // It names resources, none of them the service's, and reaches no further: another
      // service's change. Closeness in time alone never makes a suspect.
      return null;
    }
    double score =
        settings.kindPrior(change.getChangeKind())
            * (WEIGHT_TIME * proximity + WEIGHT_AFFINITY * affinityScore)
            * regionFactor(change, service)
            * (change.getFailed() ? FAILED : 1);
    if (score < settings.minSuspectScore()) {
      return null;
    }
    String resource =
        match.resource() != null
            ? match.resource()
            : change.getResources().isEmpty() ? null : change.getResources().get(0);
    return Suspect.newBuilder()
        .setChangeId(change.getChangeId())
        .setAccount(change.getAccount())
        .setRegion(change.getRegion())
        .setTime(change.getTime())
        .setEventSource(change.getEventSource())
        .setEventName(change.getEventName())
        .setChangeKind(change.getChangeKind())
        .setFailed(change.getFailed())
        .setPrincipal(change.getPrincipal())
        .setAgent(change.getAgent())
        .setResources(matchedFirst(change.getResources(), match.resource()))
        .setScore(Math.round(score * 1000) / 1000d)
        .setMinutesBefore(Math.round(before / 6_000d) / 10d)
        .setExplanation(
            reach == null
                ? explain(change, service, resource, match.score(), before)
                : ReachText.explain(change, reach, service, resource, match.score(), before))
        .build();
  }

  private double regionFactor(ChangeEvent change, String service) {
    String home = settings.serviceRegions().get(service);
    if (home == null
        || change.getRegion() == null
        || GLOBAL_SOURCES.contains(change.getEventSource())
        || home.equals(change.getRegion())) {
      return 1;
    }
    return OTHER_REGION;
  }

  /** The call, its target and who made it: {@code UpdateFunctionCode on payments-fn by role/ci}. */
  static String headline(
      String eventName, String resource, String principal, boolean failed, String errorCode) {
    StringBuilder line = new StringBuilder(CloudTrailApi.baseName(eventName));
    if (resource != null) {
      line.append(" on ").append(ChangeNames.resource(resource));
    }
    return byWhom(line, principal, failed, errorCode).toString();
  }

  /** Appends who made the call and whether it failed: {@code by role/ci (failed: AccessDenied)}. */
  static StringBuilder byWhom(
      StringBuilder line, String principal, boolean failed, String errorCode) {
    line.append(" by ").append(ChangeNames.principal(principal));
    if (failed) {
      line.append(" (failed").append(errorCode == null ? "" : ": " + errorCode).append(')');
    }
    return line;
  }

  /** The resources with the one that tied the change to the service first. */
  private static List<String> matchedFirst(List<String> resources, String matched) {
    if (matched == null || resources.isEmpty() || resources.get(0).equals(matched)) {
      return new ArrayList<>(resources);
    }
    List<String> ordered = new ArrayList<>(resources.size());
    ordered.add(matched);
    for (String resource : resources) {
      if (!resource.equals(matched)) {
        ordered.add(resource);
      }
    }
    return ordered;
  }

  private static String explain(
      ChangeEvent change, String service, String resource, double affinity, long before) {
    return headline(
            change.getEventName(),
            resource,
            change.getPrincipal(),
            change.getFailed(),
            change.getErrorCode())
        + " via "
        + change.getAgent()
        + ", "
        + IncidentText.offset(before)
        + "; "
        + change.getChangeKind()
        + " change that "
        + affinityPhrase(affinity, service);
  }

  private static String affinityPhrase(double affinity, String service) {
    if (affinity >= ServiceAffinity.SAME_NAME) {
      return "names " + service;
    }
    if (affinity >= ServiceAffinity.WORD) {
      return "mentions " + service;
    }
    if (affinity >= ServiceAffinity.STEM) {
      return "resembles " + service;
    }
    if (affinity >= ServiceAffinity.PARTIAL) {
      return "shares a name part with " + service;
    }
    return "names no resource";
  }
}
