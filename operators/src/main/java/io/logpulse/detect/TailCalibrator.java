package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Makes a detector's surprise ({@code -log10 p}) mean the same on every series: how often this
 * series has been that far out. A model's tail probability is only right when the model is; a
 * series with heavier tails than the model assumes (most real metrics, and every spiky one) would
 * alarm on its routine spikes. So each series keeps a decayed histogram of its own surprises
 * (half-unit bins, forgetting over about {@link #MEMORY} values, seeded with {@link #PRIOR} values
 * of the distribution a correct model gives: P(S > s) = 10^-s) and takes the empirical tail
 * probability of a surprise: the remembered share at least as surprising up to the upper {@link
 * #TAIL_SHARE} of the histogram, and beyond that a generalized Pareto tail fitted to the excesses
 * over that threshold (peaks over threshold, method of moments), so that a value a little beyond
 * anything remembered is not infinitely rare; where the remembered share is larger than the fitted
 * tail's, the remembered share holds. The calibrated surprise is the lesser of the model's and the
 * empirical one: a value alarms only when the model finds it improbable and the series (almost)
 * never went that far in recent memory.
 *
 * <p>The score is relative to the alarm surprise the caller passes, {@code -log10} of the per-value
 * false-alarm probability the series may spend (see {@link SeriesDetector}): a calibrated surprise
 * equal to it is score 0.5, and each unit (a factor of 10 in probability) above or below moves the
 * score by 0.2, clipped to [0,1].
 *
 * <p>A value that alarms is learned with weight {@link #ALARM_WEIGHT}: an anomaly that comes back
 * is news until it comes back at a few times the target rate, while a series' routine spikes, which
 * alarm only while they are new, soon count as its normal.
 */
public final class TailCalibrator {

  /** Values of the null distribution the histogram starts with. */
  static final double PRIOR = 200;

  /** Values over which the histogram forgets (1/e). */
  static final double MEMORY = 4000;

  /** Share of the histogram above the peaks-over-threshold threshold. */
  static final double TAIL_SHARE = 0.05;

  /** How much a value that alarms teaches the histogram, relative to one that does not. */
  static final double ALARM_WEIGHT = 0.25;

  /** Score change per unit of calibrated surprise. */
  static final double SCORE_PER_SURPRISE = 0.2;

  private static final double BIN = 0.5;
  private static final int BINS = (int) (Tails.MAX_SURPRISE / BIN);

  private final float[] counts = new float[BINS];

  /** A calibrator that starts from the null distribution. */
  public TailCalibrator() {
    for (int i = 0; i < BINS; i++) {
      counts[i] = (float) (PRIOR * (Math.pow(10, -i * BIN) - Math.pow(10, -(i + 1) * BIN)));
    }
  }

  /**
   * The score of a surprise, then learns from it.
   *
   * @param surprise the model's surprise of the value
   * @param alarmSurprise the calibrated surprise that is score 0.5
   */
  public double score(double surprise, double alarmSurprise) {
    double score = peek(surprise, alarmSurprise);
    learn(surprise, score >= 0.5 ? ALARM_WEIGHT : 1);
    return score;
  }

  /** The score of a surprise, without learning from it. */
  public double peek(double surprise, double alarmSurprise) {
    return scoreOf(Math.min(surprise, -Math.log10(exceedance(surprise))), alarmSurprise);
  }

  /** Forgets a little (one value's worth) and remembers {@code surprise} with {@code weight}. */
  public void learn(double surprise, double weight) {
    float keep = (float) (1 - 1 / MEMORY);
    for (int i = 0; i < BINS; i++) {
      counts[i] *= keep;
    }
    counts[Math.min(BINS - 1, (int) (surprise / BIN))] += (float) weight;
  }

  /** The score of a calibrated surprise when {@code alarmSurprise} is the alarm level. */
  public static double scoreOf(double calibrated, double alarmSurprise) {
    return Math.max(0, Math.min(1, 0.5 + SCORE_PER_SURPRISE * (calibrated - alarmSurprise)));
  }

  /**
   * The remembered share of surprises at least {@code surprise} (uniform within a bin), with a
   * generalized Pareto tail above the {@link #TAIL_SHARE} threshold.
   */
  double exceedance(double surprise) {
    double total = 0;
    for (float c : counts) {
      total += c;
    }
    double threshold = quantileFromTop(TAIL_SHARE * total);
    double empirical = above(surprise) / total;
    if (surprise <= threshold) {
      return Math.max(empirical, 1e-30);
    }
    // Moments of the excesses over the threshold, bin by bin (uniform within each bin).
    double n = 0;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < BINS; i++) {
      double low = Math.max(i * BIN, threshold);
      double high = (i + 1) * BIN;
      if (high <= low) {
        continue;
      }
      double c = counts[i] * (high - low) / BIN;
      double a = low - threshold;
      double b = high - threshold;
      n += c;
      sum += c * (a + b) / 2;
      squares += c * (a * a + a * b + b * b) / 3;
    }
    double mean = sum / n;
    double variance = Math.max(1e-9, squares / n - mean * mean);
    double ratio = mean * mean / variance;
    double shape = Math.max(-0.5, Math.min(0.5, 0.5 * (1 - ratio)));
    double scale = 0.5 * mean * (1 + ratio);
    double excess = (surprise - threshold) / scale;
    double tail =
        Math.abs(shape) < 1e-6
            ? Math.exp(-excess)
            : Math.pow(Math.max(0, 1 + shape * excess), -1 / shape);
    // The Pareto tail extrapolates beyond what the series has shown; it does not overrule a
    // cluster the series keeps returning to (a routine spike far above the rest of its tail, which
    // a two-moment fit of a bimodal excess puts out of reach).
    return Math.max(Math.max(empirical, n / total * tail), 1e-30);
  }

  /**
   * Weight at least {@code surprise}, uniform within a bin; the top bin also holds every surprise
   * capped at {@link Tails#MAX_SURPRISE}, so a surprise in it counts all of it.
   */
  private double above(double surprise) {
    double position = Math.min(surprise / BIN, BINS - 1);
    int bin = (int) position;
    double above = 0;
    for (int i = Math.max(0, bin); i < BINS; i++) {
      above += i == bin ? counts[i] * (1 - (position - bin)) : counts[i];
    }
    return above;
  }

  /** The surprise above which {@code weight} of the histogram lies. */
  private double quantileFromTop(double weight) {
    double above = 0;
    for (int i = BINS - 1; i >= 0; i--) {
      if (above + counts[i] >= weight) {
        return (i + 1 - (weight - above) / counts[i]) * BIN;
      }
      above += counts[i];
    }
    return 0;
  }

  void write(DataOutput out) throws IOException {
    for (float c : counts) {
      out.writeFloat(c);
    }
  }

  static TailCalibrator read(DataInput in) throws IOException {
    TailCalibrator calibrator = new TailCalibrator();
    for (int i = 0; i < BINS; i++) {
      calibrator.counts[i] = in.readFloat();
    }
    return calibrator;
  }
}
