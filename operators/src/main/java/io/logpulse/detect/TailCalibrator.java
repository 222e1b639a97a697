package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Makes a detector's surprise ({@code -log10 p}) mean the same on every series. A model's tail
 * probability is only right when the model is: a series with heavier tails than the model assumes
 * would alarm all the time. So each series keeps a decayed histogram of its own surprises (half-bin
 * resolution, forgetting over about {@link #MEMORY} values, seeded with {@link #PRIOR} values of
 * the distribution a correct model gives: P(S > s) = 10^-s) and discounts whatever its 99th
 * percentile has above the 2.0 a correct model gives. The discount is capped at {@link
 * #MAX_DISCOUNT} so that extreme values still score on any series.
 *
 * <p>The calibrated surprise maps linearly to the score: 2 (p = 0.01, everyday noise) is 0, 4.5 (p
 * about 3e-5) is the alarm level 0.5, and 7 or more is 1.
 */
public final class TailCalibrator {

  /** Values of the null distribution the histogram starts with. */
  static final double PRIOR = 200;

  /** Values over which the histogram forgets (1/e). */
  static final double MEMORY = 4000;

  /** Largest discount: a series can never hide an event below p = 1e-6 times its own q99. */
  static final double MAX_DISCOUNT = 6;

  private static final double NULL_Q99 = 2.0;
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
    double calibrated = surprise - Math.min(MAX_DISCOUNT, Math.max(0, q99() - NULL_Q99));
    float keep = (float) (1 - 1 / MEMORY);
    for (int i = 0; i < BINS; i++) {
      counts[i] *= keep;
    }
    counts[Math.min(BINS - 1, (int) (surprise / BIN))] += 1;
    return Math.max(0, Math.min(1, (calibrated - 2) / 5));
  }

  /** The series' 99th percentile of surprise, interpolated within its bin. */
  public double q99() {
    double total = 0;
    for (float c : counts) {
      total += c;
    }
    double above = total * 0.01;
    for (int i = BINS - 1; i >= 0; i--) {
      if (counts[i] >= above) {
        return (i + 1 - above / counts[i]) * BIN;
      }
      above -= counts[i];
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
