package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * The random shapes of simulated traffic: a daily load curve, Poisson arrival counts, heavy-tailed
 * latencies and HTTP status mixes. Kept in one place so every service profile draws them the same
 * way.
 */
final class Traffic {

  private static final double MILLIS_PER_DAY = 86_400_000d;
  private static final int[] CLIENT_ERRORS = {400, 401, 403, 404, 404, 404, 409, 422, 429};
  private static final int[] SERVER_ERRORS = {500, 500, 502, 503, 504};

  /** Share of requests answered with 4xx outside bursts. */
  static final double CLIENT_ERROR_RATE = 0.04;

  /** Share of requests answered with 5xx outside bursts. */
  static final double BASELINE_ERROR_RATE = 0.003;

  private Traffic() {}

  /**
   * Load relative to the daily mean at a UTC instant: 1 + 0.6·sin, lowest (0.4) at midnight and
   * highest (1.6) at noon.
   */
  static double diurnal(long epochMillis) {
    double dayFraction = Math.floorMod(epochMillis, 86_400_000L) / MILLIS_PER_DAY;
    return 1 + 0.6 * Math.sin(2 * Math.PI * (dayFraction - 0.25));
  }

  /** A Poisson-distributed count with the given mean (normal approximation above 30). */
  static int poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      long n = Math.round(mean + Math.sqrt(mean) * rng.nextGaussian());
      return (int) Math.max(0, n);
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      n++;
    }
    return n;
  }

  /**
   * A latency in ms: log-normal around {@code medianMs}, with one request in a hundred hitting a
   * slow path 4 to 20 times longer, and everything {@code slowdown} times slower in a burst.
   */
  static double latencyMs(SplittableRandom rng, double medianMs, double slowdown) {
    double ms = medianMs * Math.exp(0.45 * rng.nextGaussian()) * slowdown;
    if (rng.nextDouble() < 0.01) {
      ms *= 4 + rng.nextDouble() * 16;
    }
    return Math.max(0.3, ms);
  }

  /** An HTTP status: 5xx with probability {@code errorRate}, a few 4xx, otherwise 200/201/204. */
  static int status(SplittableRandom rng, double errorRate) {
    double u = rng.nextDouble();
    if (u < errorRate) {
      return SERVER_ERRORS[rng.nextInt(SERVER_ERRORS.length)];
    }
    if (u < errorRate + CLIENT_ERROR_RATE) {
      return CLIENT_ERRORS[rng.nextInt(CLIENT_ERRORS.length)];
    }
    double ok = rng.nextDouble();
    return ok < 0.9 ? 200 : ok < 0.97 ? 201 : 204;
  }
}
