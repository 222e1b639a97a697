package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Flags a value far from what the seasonal baseline expected at that hour and weekday, so that a
 * normal Monday-morning peak, learned into the profile, is not an anomaly. The residual in robust
 * scales becomes a normal tail probability (one-sided for metrics where only a rise matters); for
 * counts the Poisson tail at the expected rate is also computed and the less surprising of the two
 * is used, so a sparse series going from 0 to 1 is not news; error rates get the same test on the
 * error count their request count implies, so 1 failure in 3 requests is not a 33% alarm. The
 * surprise is calibrated per series by a {@link TailCalibrator}, which is what makes a spiky
 * series' routine spikes score low.
 */
public final class SeasonalDetector implements Detector {

  private final MetricKind metric;
  private final TailCalibrator calibrator;

  SeasonalDetector(MetricKind metric) {
    this(metric, new TailCalibrator());
  }

  private SeasonalDetector(MetricKind metric, TailCalibrator calibrator) {
    this.metric = metric;
    this.calibrator = calibrator;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.SEASONAL;
  }

  @Override
  public Evidence update(Observation observation) {
    Forecast forecast = observation.forecast();
    if (!forecast.ready()) {
      return Evidence.NONE;
    }
    return Evidence.of(
        calibrator.score(
            surprise(
                observation.value(),
                observation.weight(),
                forecast,
                metric,
                counts(metric, forecast)),
            observation.alarmSurprise()),
        forecast.expected());
  }

  /** Counts by kind, or a generic series whose values have all been whole numbers. */
  static boolean counts(MetricKind metric, Forecast forecast) {
    return metric.counts() || (metric == MetricKind.GENERIC && forecast.integerValued());
  }

  /** Surprise ({@code -log10 p}) of {@code value} under {@code forecast}. */
  static double surprise(
      double value, double weight, Forecast forecast, MetricKind metric, boolean counts) {
    double z = forecast.z(value);
    double p;
    if (metric.upOnly()) {
      p = Tails.normalUpper(z);
    } else {
      p = Math.min(1, 2 * Tails.normalUpper(Math.abs(z)));
    }
    if (value > forecast.expected()) {
      if (counts) {
        p = Math.max(p, Tails.poissonUpper(Math.round(value), Math.max(forecast.expected(), 0.5)));
      } else if (metric == MetricKind.ERROR_RATE && weight >= 1) {
        long errors = Math.round(value * weight);
        p = Math.max(p, Tails.poissonUpper(errors, Math.max(forecast.expected() * weight, 0.5)));
      }
    }
    return Tails.surprise(p);
  }

  @Override
  public void gap() {}

  @Override
  public void write(DataOutput out) throws IOException {
    calibrator.write(out);
  }

  static SeasonalDetector read(MetricKind metric, DataInput in) throws IOException {
    return new SeasonalDetector(metric, TailCalibrator.read(in));
  }
}
