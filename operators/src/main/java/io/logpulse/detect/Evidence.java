package io.logpulse.detect;

/**
 * What one detector concluded about one value.
 *
 * @param score calibrated anomaly score in [0,1]: 0.5 is the detector's own alarm level and means
 *     the same tail probability on every series
 * @param expected the value the detector expected (NaN when it has no opinion)
 * @param newLevel when the detector confirmed a sustained level shift, the new level the baseline
 *     should adopt; NaN otherwise
 */
public record Evidence(double score, double expected, double newLevel) {

  /** No opinion (warm-up, gap, or a value the detector does not test). */
  public static final Evidence NONE = new Evidence(0, Double.NaN, Double.NaN);

  /** Evidence without a level shift. */
  public static Evidence of(double score, double expected) {
    return new Evidence(Math.max(0, Math.min(1, score)), expected, Double.NaN);
  }
}
