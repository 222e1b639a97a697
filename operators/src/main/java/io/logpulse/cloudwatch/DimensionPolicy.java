package io.logpulse.cloudwatch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which dimension sets each metric is published under. Every set is a separate CloudWatch metric
 * per distinct value combination, and each one is billed, so the policy decides the bill. A
 * whole-service window is published under the sets without {@code Operation}, a per-operation
 * window only under the sets with it, so no set counts a request twice.
 *
 * <p>Written as sets separated by {@code ;}, each a comma-separated list of {@code Account}, {@code
 * Service}, {@code Operation}; e.g. {@code Account,Service;Service} publishes per account and
 * service and, rolled up over accounts, per service.
 *
 * @param sets the dimension sets, in publishing order
 */
public record DimensionPolicy(List<List<MetricDimension>> sets) implements Serializable {

  /** Per account and service, and per service across accounts. */
  public static final String DEFAULT = "Account,Service;Service";

  public DimensionPolicy {
    sets = sets.stream().map(List::copyOf).toList();
  }

  /** Parses the written form. */
  public static DimensionPolicy parse(String text) {
    List<List<MetricDimension>> sets = new ArrayList<>();
    Set<Set<MetricDimension>> seen = new LinkedHashSet<>();
    for (String set : text.split(";")) {
      if (set.isBlank()) {
        continue;
      }
      List<MetricDimension> dimensions = new ArrayList<>();
      for (String name : set.split(",")) {
        MetricDimension dimension = MetricDimension.named(name);
        if (dimensions.contains(dimension)) {
          throw new IllegalArgumentException("dimension " + name.trim() + " twice in one set");
        }
        dimensions.add(dimension);
      }
      if (!seen.add(EnumSet.copyOf(dimensions))) {
        throw new IllegalArgumentException("dimension set '" + set.trim() + "' given twice");
      }
      sets.add(dimensions);
    }
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("no dimension set");
    }
    return new DimensionPolicy(sets);
  }

  /** The sets a window is published under: with Operation for per-operation windows only. */
  public List<List<MetricDimension>> setsFor(boolean operationWindow) {
    return sets.stream()
        .filter(set -> set.contains(MetricDimension.OPERATION) == operationWindow)
        .toList();
  }

  @Override
  public String toString() {
    return sets.stream()
        .map(
            set ->
                set.stream().map(MetricDimension::cloudWatchName).collect(Collectors.joining(",")))
        .collect(Collectors.joining(";"));
  }
}
