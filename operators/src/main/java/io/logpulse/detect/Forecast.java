package io.logpulse.detect;

/**
 * What the seasonal baseline expects of the next value before seeing it.
 *
 * @param expected the expected value; NaN before the first value
 * @param scale robust standard deviation of the residual (never zero once defined)
 * @param ready whether the baseline has seen enough values to be trusted
 * @param integerValued whether every value so far was a non-negative whole number
 */
public record Forecast(double expected, double scale, boolean ready, boolean integerValued) {

  /** No forecast yet. */
  public static final Forecast NONE = new Forecast(Double.NaN, Double.NaN, false, false);

  /** The residual in units of the robust scale. */
  public double z(double value) {
    return ready ? (value - expected) / scale : 0;
  }
}
