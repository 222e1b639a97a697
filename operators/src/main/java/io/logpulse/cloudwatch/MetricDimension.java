package io.logpulse.cloudwatch;

import io.logpulse.schema.MetricWindow;
import java.util.function.Function;

/** A dimension logpulse can publish, with its CloudWatch name and where its value comes from. */
public enum MetricDimension {
  ACCOUNT("Account", MetricWindow::getAccount),
  SERVICE("Service", MetricWindow::getService),
  OPERATION("Operation", MetricWindow::getOperation);

  private final String cloudWatchName;
  private final transient Function<MetricWindow, String> value;

  MetricDimension(String cloudWatchName, Function<MetricWindow, String> value) {
    this.cloudWatchName = cloudWatchName;
    this.value = value;
  }

  /** The dimension's name in CloudWatch and in {@code cloudwatch.dimensions}. */
  public String cloudWatchName() {
    return cloudWatchName;
  }

  /** The dimension's value for a window (null for OPERATION of a whole-service window). */
  public String valueOf(MetricWindow window) {
    return value.apply(window);
  }

  /** The dimension of a name, case-insensitively. */
  public static MetricDimension named(String name) {
    for (MetricDimension dimension : values()) {
      if (dimension.cloudWatchName.equalsIgnoreCase(name.trim())) {
        return dimension;
      }
    }
    throw new IllegalArgumentException("unknown dimension '" + name.trim() + "'");
  }
}
