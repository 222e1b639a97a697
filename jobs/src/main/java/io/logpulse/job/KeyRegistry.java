package io.logpulse.job;

import io.logpulse.config.CloudWatchOptions;
import io.logpulse.config.ConfigKey;
import io.logpulse.config.CorrelateOptions;
import io.logpulse.config.DetectOptions;
import io.logpulse.config.EventBridgeOptions;
import io.logpulse.config.ImpactOptions;
import io.logpulse.config.JobOptions;
import io.logpulse.config.KinesisOptions;
import io.logpulse.config.ParseOptions;
import java.util.ArrayList;
import java.util.List;

/** The configuration keys a deployed job accepts. */
public final class KeyRegistry {

  private KeyRegistry() {}

  /** Every key of the job graph, in README order. */
  public static List<ConfigKey<?>> deployed() {
    List<ConfigKey<?>> keys = new ArrayList<>(JobOptions.ALL);
    keys.addAll(KinesisOptions.ALL);
    keys.addAll(ParseOptions.ALL);
    keys.addAll(CloudWatchOptions.ALL);
    keys.addAll(DetectOptions.ALL);
    keys.addAll(ImpactOptions.ALL);
    keys.addAll(CorrelateOptions.ALL);
    keys.addAll(EventBridgeOptions.ALL);
    return List.copyOf(keys);
  }
}
