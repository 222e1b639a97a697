package io.logpulse.detect;

import java.util.SplittableRandom;

/** Synthetic 1-minute series for the detector tests. */
final class Series {

  static final long MINUTE = 60_000L;
  static final long T0 = 1_767_571_200_000L;

  private Series() {}

  /** Gaussian noise around {@code level}. */
  static double[] flat(int n, double level, double sigma, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = level + sigma * random.nextGaussian();
    }
    return values;
  }

  /** A daily sine of amplitude {@code amplitude} around {@code level}, plus noise. */
  static double[] daily(int n, double level, double amplitude, double sigma, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] =
          level + amplitude * Math.sin(2 * Math.PI * i / 1440.0) + sigma * random.nextGaussian();
    }
    return values;
  }

  static long time(int i) {
    return T0 + i * MINUTE;
  }
}
