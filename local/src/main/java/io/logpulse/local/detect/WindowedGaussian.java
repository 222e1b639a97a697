package io.logpulse.local.detect;

import io.logpulse.detect.TailCalibrator;
import io.logpulse.detect.Tails;

/**
 * The baseline the ensemble is compared with: the z-score of each value against the mean and
 * standard deviation of the last {@code window} values (before it), turned into the two-sided
 * normal surprise and scored on the same scale as the ensemble, 0.5 at the same per-value alarm
 * surprise. It knows nothing of seasons, counts or the series' own tail: what a careful dashboard
 * alert does.
 */
public final class WindowedGaussian {

  private final double[] ring;
  private final double alarmSurprise;
  private int size;
  private int next;
  private double sum;
  private double squares;

  /**
   * @param window values in the rolling window
   * @param alarmSurprise the surprise ({@code -log10} of the two-sided normal tail) that scores 0.5
   */
  public WindowedGaussian(int window, double alarmSurprise) {
    this.ring = new double[window];
    this.alarmSurprise = alarmSurprise;
  }

  /** The score of {@code value} from earlier values, then learns it. */
  public double update(double value) {
    double score = 0;
    if (size >= Math.min(ring.length, 10)) {
      double mean = sum / size;
      double sd = Math.sqrt(Math.max(0, squares / size - mean * mean));
      double z = sd > 0 ? Math.abs(value - mean) / sd : value == mean ? 0 : 40;
      score = TailCalibrator.scoreOf(Tails.surprise(2 * Tails.normalUpper(z)), alarmSurprise);
    }
    if (size == ring.length) {
      sum -= ring[next];
      squares -= ring[next] * ring[next];
    } else {
      size++;
    }
    ring[next] = value;
    sum += value;
    squares += value * value;
    next = (next + 1) % ring.length;
    return score;
  }
}
