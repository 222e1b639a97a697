package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Makes a detector's surprise ({@code -log10 p}) mean the same on every series. A model's tail
 * probability is only right when the model is: a series with heavier tails than the model assumes
 * (most real metrics) would alarm all the time. So each series keeps a decayed histogram of its own
 * surprises (half-unit bins, forgetting over about {@link #MEMORY} values, seeded with {@link
 * #PRIOR} values of the distribution a correct model gives: P(S > s) = 10^-s), and the calibrated
 * surprise is the lesser of the model's and the empirical one, {@code -log10} of the share of
 * remembered values at least as surprising. A value therefore alarms only when the model finds it
 * improbable and the series has (almost) never been that far out in recent memory; where the model
 * is right, nothing changes.
 *
 * <p>The calibrated surprise maps linearly to the score: 2 (p = 0.01, everyday noise) is 0, 4.5 (p
 * about 3e-5) is the alarm level 0.5, and 7 or more is 1.
 */
public final class TailCalibrator {

  /** Values of the null distribution the histogram starts with. */
  static final double PRIOR = 200;

  /** Values over which the histogram forgets (1/e). */
  static final double MEMORY = 4000;

  private static final double BIN = 0.5;
  private static final int BINS = (int) (Tails.MAX_SURPRISE / BIN);

  private final float[] counts = new float[BINS];

  /** A calibrator that starts from the null distribution. */
  public TailCalibrator() {
    for (int i = 0; i < BINS; i++) {
      counts[i] = (float) (PRIOR * (Math.pow(10, -i * BIN) - Math.pow(10, -(i + 1) * BIN)));
    }
  }

  /** The score of a surprise, then learns from it. */
  public double score(double surprise) {
    double calibrated = Math.min(surprise, -Math.log10(exceedance(surprise)));
    float keep = (float) (1 - 1 / MEMORY);
    for (int i = 0; i < BINS; i++) {
      counts[i] *= keep;
    }
    counts[Math.min(BINS - 1, (int) (surprise / BIN))] += 1;
    return Math.max(0, Math.min(1, (calibrated - 2) / 5));
  }

  /** The remembered share of surprises at least {@code surprise}, uniform within a bin. */
  double exceedance(double surprise) {
    double total = 0;
    double above = 0;
    double position = surprise / BIN;
    int bin = (int) position;
    for (int i = 0; i < BINS; i++) {
      total += counts[i];
      if (i > bin) {
        above += counts[i];
      } else if (i == bin) {
        above += counts[i] * (1 - (position - bin));
      }
    }
    return Math.max(above, 1e-30) / total;
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
