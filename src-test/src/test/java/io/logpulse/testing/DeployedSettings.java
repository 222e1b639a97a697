package io.logpulse.testing;

import io.logpulse.config.CorrelateOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.correlate.CorrelateSettings;
import java.util.Map;

/**
 * Stage settings exactly as the deployed job reads them from its configuration, so tests run with
 * the defaults users get and change only the keys they name.
 */
public final class DeployedSettings {

  private DeployedSettings() {}

  /** Correlation at its defaults. */
  public static CorrelateSettings correlate() {
    return correlate(Map.of());
  }

  /** Correlation with these {@code correlate.*} keys set. */
  public static CorrelateSettings correlate(Map<String, String> keys) {
    return CorrelateOptions.settings(LogpulseConfig.of(keys, CorrelateOptions.ALL));
  }
}
