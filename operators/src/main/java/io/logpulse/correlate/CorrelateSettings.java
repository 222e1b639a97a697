package io.logpulse.correlate;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How impact is correlated with changes. Built only from the configuration ({@code correlate.*}),
 * where every default is written once.
 *
 * @param horizon how long before an incident's start a change is still a candidate; also how long
 *     changes are kept per account
 * @param afterStart how long after an incident's start a change still counts: an anomaly's start is
 *     the start of the first bad window, so a change inside that window may be its cause
 * @param lateWait how long (in event time, after an incident's start or close, whichever is later)
 *     a CloudTrail event that arrives late may still re-rank the incident
 * @param joinWindow how long after an incident's start a statistical anomaly of the service still
 *     joins it as evidence
 * @param halfLife time before the start at which a change's time proximity has halved
 * @param maxChangesPerAccount changes kept per account; beyond it the oldest are dropped (counted)
 * @param maxSuspects suspects an incident carries
 * @param minSuspectScore rank score below which a change is not named as a suspect
 * @param sharedAccounts accounts whose changes are candidates for incidents in every account (a
 *     shared networking or security account, say); correlation never crosses accounts otherwise
 * @param serviceResources per service, resource names or ARN patterns ({@code *} matches any run of
 *     characters) that belong to it, for resources whose names do not contain the service's
 * @param serviceRegions per service, the region it runs in: subscription envelopes do not say, so
 *     without it a change's region neither helps nor hurts it
 * @param kindPriors per change kind, how likely such a change is to break a service, in [0,1];
 *     kinds not listed get {@link #DEFAULT_KIND_PRIOR}
 */
public record CorrelateSettings(
    Duration horizon,
    Duration afterStart,
    Duration lateWait,
    Duration joinWindow,
    Duration halfLife,
    int maxChangesPerAccount,
    int maxSuspects,
    double minSuspectScore,
    Set<String> sharedAccounts,
    Map<String, List<String>> serviceResources,
    Map<String, String> serviceRegions,
    Map<String, Double> kindPriors)
    implements Serializable {

  /** Prior of change kinds missing from {@link #kindPriors}. */
  public static final double DEFAULT_KIND_PRIOR = 0.3;

  /**
   * Default priors: code and configuration changes break services most often; {@code other} covers
   * bookkeeping such as tags and log retention.
   */
  public static final Map<String, Double> DEFAULT_KIND_PRIORS =
      Map.of(
          "deploy", 1.0,
          "configuration", 0.8,
          "network", 0.7,
          "delete", 0.6,
          "scaling", 0.5,
          "iam", 0.7,
          "data", 0.15,
          "other", 0.2);

  public CorrelateSettings {
    requirePositive(horizon, "horizon");
    Objects.requireNonNull(afterStart, "afterStart");
    Objects.requireNonNull(lateWait, "lateWait");
    requirePositive(joinWindow, "joinWindow");
    requirePositive(halfLife, "halfLife");
    if (maxChangesPerAccount < 1 || maxSuspects < 1) {
      throw new IllegalArgumentException("maxChangesPerAccount and maxSuspects must be positive");
    }
    if (minSuspectScore < 0 || minSuspectScore > 1) {
      throw new IllegalArgumentException("minSuspectScore must be in [0,1]");
    }
    sharedAccounts = Set.copyOf(sharedAccounts);
    serviceResources = Map.copyOf(serviceResources);
    serviceRegions = Map.copyOf(serviceRegions);
    kindPriors = Map.copyOf(kindPriors);
  }

  /** The prior of a change kind. */
  public double kindPrior(String kind) {
    return kindPriors.getOrDefault(kind, DEFAULT_KIND_PRIOR);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
