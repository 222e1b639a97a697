package io.logpulse.detect;

/**
 * One value of a series as a detector sees it.
 *
 * @param timestamp event time of the value (window start), epoch ms
 * @param value the metric's value
 * @param weight how many events the value stands for (requests behind an error rate); 1 when
 *     unknown
 * @param forecast the seasonal baseline's forecast made before this value
 * @param alarmSurprise the calibrated surprise at which a detector's score is 0.5: {@code -log10}
 *     of the per-value false-alarm probability each detector may spend on this series
 */
public record Observation(
    long timestamp, double value, double weight, Forecast forecast, double alarmSurprise) {

  /**
   * The residual in scales, where an error rate's scale is at least the Poisson noise of the error
   * count its requests imply: 1 failure in 3 requests is a residual of about 1.4, not of hundreds
   * of the rate's usual scale, so a rate from few requests needs proportionally more evidence.
   */
  public double z(MetricKind metric) {
    if (!forecast.ready()) {
      return 0;
    }
    double scale = forecast.scale();
    if (metric == MetricKind.ERROR_RATE && weight >= 1) {
      double rate = Math.max(forecast.expected(), 0.5 / weight);
      scale = Math.max(scale, Math.sqrt(rate / weight));
    }
    return (value - forecast.expected()) / scale;
  }
}
