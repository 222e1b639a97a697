package io.logpulse.detect;

/**
 * Tail probabilities the detectors turn their statistics into, as surprise: {@code -log10(p)},
 * capped at {@link #MAX_SURPRISE} so that one absurd value cannot dominate.
 */
public final class Tails {

  /** Largest surprise reported: p = 1e-20. */
  public static final double MAX_SURPRISE = 20;

  private Tails() {}

  /** Surprise of a probability. */
  public static double surprise(double p) {
    if (!(p > 0)) {
      return MAX_SURPRISE;
    }
    return Math.min(MAX_SURPRISE, Math.max(0, -Math.log10(p)));
  }

  /** P(Z >= z) for a standard normal Z. */
  public static double normalUpper(double z) {
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /**
   * P(X >= x) for X ~ Poisson(lambda). Sums the upper terms in log space, or uses the normal
   * approximation with continuity correction when lambda is large.
   */
  public static double poissonUpper(long x, double lambda) {
    if (x <= 0) {
      return 1;
    }
    if (lambda > 500) {
      return normalUpper((x - 0.5 - lambda) / Math.sqrt(lambda));
    }
    if (x < lambda) {
      return 1 - poissonLowerExclusive(x, lambda);
    }
    double logTerm = -lambda + x * Math.log(lambda) - logGamma(x + 1.0);
    double sum = 0;
    for (long k = x; k < x + 10_000; k++) {
      double term = Math.exp(logTerm);
      sum += term;
      if (term < sum * 1e-15) {
        break;
      }
      logTerm += Math.log(lambda) - Math.log(k + 1.0);
    }
    return Math.min(1, sum);
  }

  private static double poissonLowerExclusive(long x, double lambda) {
    double term = Math.exp(-lambda);
    double sum = 0;
    for (long k = 0; k < x; k++) {
      sum += term;
      term *= lambda / (k + 1);
    }
    return Math.min(1, sum);
  }

  /** log Gamma(x) for x > 0 (Lanczos approximation, about 15 digits). */
  static double logGamma(double x) {
    double[] c = {
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double y = x - 1;
    double a = 0.99999999999980993;
    double t = y + 7.5;
    for (int i = 0; i < c.length; i++) {
      a += c[i] / (y + i + 1);
    }
    return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
