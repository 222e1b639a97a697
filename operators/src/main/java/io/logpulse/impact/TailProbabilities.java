package io.logpulse.impact;

/**
 * The exact tail probabilities the impact judge tests counts with: how likely a window's count
 * would be if the service were behaving as its baseline says. Counts are what make evidence: one
 * failed request of six is a 17% error rate but no evidence at all, thirty of two hundred is.
 */
final class TailProbabilities {

  private static final double NEGLIGIBLE = 1e-15;

  private TailProbabilities() {}

  /** P(X >= k) for X ~ Binomial(n, p). */
  static double binomialAtLeast(long k, long n, double p) {
    if (k <= 0) {
      return 1;
    }
    if (k > n || p <= 0) {
      return 0;
    }
    if (p >= 1 || k <= n * p) {
      // At or below the mean the tail is about a half or more: no evidence either way.
      return 1;
    }
    double logTerm = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    double term = Math.exp(logTerm);
    double sum = term;
    double odds = p / (1 - p);
    for (long i = k; i < n && term > sum * NEGLIGIBLE; i++) {
      term *= (double) (n - i) / (i + 1) * odds;
      sum += term;
    }
    return Math.min(1, sum);
  }

  /** P(X <= k) for X ~ Poisson(lambda). */
  static double poissonAtMost(long k, double lambda) {
    if (lambda <= 0) {
      return 1;
    }
    if (k >= lambda) {
      return 1;
    }
    double term = Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
    double sum = term;
    for (long i = k; i > 0 && term > sum * NEGLIGIBLE; i--) {
      term *= i / lambda;
      sum += term;
    }
    return Math.min(1, sum);
  }

  private static double logChoose(long n, long k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  /** ln(n!) by Stirling's series, exact to double precision for the counts of a window. */
  static double logFactorial(long n) {
    if (n < 2) {
      return 0;
    }
    if (n < 20) {
      double sum = 0;
      for (int i = 2; i <= n; i++) {
        sum += Math.log(i);
      }
      return sum;
    }
    double x = n;
    return x * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI * x)
        + 1 / (12 * x)
        - 1 / (360 * x * x * x)
        + 1 / (1260 * x * x * x * x * x);
  }
}
