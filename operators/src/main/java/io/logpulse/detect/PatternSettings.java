package io.logpulse.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the new-error-pattern detector runs.
 *
 * @param warmup event time from a service's first error during which every template it logs is
 *     learned as normal
 * @param minCount occurrences within {@code window} of its first sighting that make a new template
 *     an anomaly
 * @param window how long a new template has to reach {@code minCount}, and how long an open
 *     anomaly's template must be quiet for it to close
 * @param maxTemplates templates kept per service (the least recently seen is evicted)
 * @param stateTtl how long a service without errors keeps its templates
 */
public record PatternSettings(
    Duration warmup, int minCount, Duration window, int maxTemplates, Duration stateTtl)
    implements Serializable {

  public PatternSettings {
    if (minCount < 1 || maxTemplates < 1) {
      throw new IllegalArgumentException(
          "minCount and maxTemplates must be positive: " + minCount + ", " + maxTemplates);
    }
  }
}
