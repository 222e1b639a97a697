package io.logpulse.local.detect;

import io.logpulse.detect.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The labelled scenarios the detectors are evaluated on, generated from a seed: 5-minute values
 * (CloudWatch's usual period) over a week, three weeks where weekly seasonality matters. Each
 * family stands for a situation an operator meets:
 *
 * <ul>
 *   <li>{@code spikes}: a daily-seasonal series with three short spikes of 8-15 noise scales;
 *   <li>{@code shift-up}: p99 latency that steps up by 4-8 scales and stays there;
 *   <li>{@code shift-down}: request counts that drop to 50-70% and stay there;
 *   <li>{@code drift}: a level that ramps by 10 scales over 12 hours;
 *   <li>{@code seasonal}: request counts with a strong daily curve, quiet weekends and a Monday
 *       morning peak, with no anomaly: every alarm is false;
 *   <li>{@code noisy-flat}: heavy-tailed (Student t, 3 degrees of freedom) noise, no anomaly;
 *   <li>{@code sparse}: error-log counts at 0.2 per window with two bursts of about 6;
 *   <li>{@code error-burst}: a 0.1% error rate (the default SLO's budget) over about 200 requests
 *       per window that jumps to 8% for an hour.
 * </ul>
 *
 * Labelled windows start at the anomaly; they are as long as the anomaly for transient ones and two
 * hours for permanent shifts, so a detection after that is late enough to count as missed.
 */
public final class ScenarioSuite {

  /** Time between values. */
  public static final long STEP = Duration.ofMinutes(5).toMillis();

  /** A Monday, so the weekly pattern lines up with the calendar. */
  private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

  private static final int DAY = 288;

  private ScenarioSuite() {}

  /** Every scenario family for each seed. */
  public static List<LabelledSeries> generate(List<Long> seeds) {
    List<LabelledSeries> scenarios = new ArrayList<>();
    for (long seed : seeds) {
      scenarios.add(spikes(seed));
      scenarios.add(shiftUp(seed));
      scenarios.add(shiftDown(seed));
      scenarios.add(drift(seed));
      scenarios.add(seasonal(seed));
      scenarios.add(noisyFlat(seed));
      scenarios.add(sparse(seed));
      scenarios.add(errorBurst(seed));
    }
    return scenarios;
  }

  private static SplittableRandom random(long seed, int family) {
    return new SplittableRandom(seed * 1_000_003L + family);
  }

  private static long[] times(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = START + i * STEP;
    }
    return t;
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }

  private static double dailyWave(int i) {
    return Math.sin(2 * Math.PI * (i % DAY) / DAY - Math.PI / 2);
  }

  private static LabelledSeries.Window window(long[] t, int from, int length) {
    return new LabelledSeries.Window(t[from], t[from] + length * STEP);
  }

  static LabelledSeries spikes(long seed) {
    SplittableRandom r = random(seed, 1);
    int n = 7 * DAY;
    long[] t = times(n);
    double sigma = 3;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 100 + 20 * dailyWave(i) + sigma * r.nextGaussian();
    }
    List<LabelledSeries.Window> labels = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      int at = 2 * DAY + k * (DAY * 5 / 3) + r.nextInt(DAY);
      int length = 1 + r.nextInt(2);
      double height = (8 + 7 * r.nextDouble()) * sigma * (r.nextBoolean() ? 1 : -1);
      for (int j = 0; j < length; j++) {
        v[at + j] += height;
      }
      labels.add(window(t, at, length + 2));
    }
    return new LabelledSeries("spikes#" + seed, MetricKind.GENERIC, t, v, ones(n), labels);
  }

  static LabelledSeries shiftUp(long seed) {
    SplittableRandom r = random(seed, 2);
    int n = 7 * DAY;
    long[] t = times(n);
    double sigma = 10;
    int at = 3 * DAY + r.nextInt(3 * DAY);
    double step = (4 + 4 * r.nextDouble()) * sigma;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 200 + 15 * dailyWave(i) + sigma * r.nextGaussian() + (i >= at ? step : 0);
    }
    return new LabelledSeries(
        "shift-up#" + seed, MetricKind.LATENCY_P99, t, v, ones(n), List.of(window(t, at, 24)));
  }

  static LabelledSeries shiftDown(long seed) {
    SplittableRandom r = random(seed, 3);
    int n = 7 * DAY;
    long[] t = times(n);
    int at = 3 * DAY + r.nextInt(3 * DAY);
    double factor = 0.5 + 0.2 * r.nextDouble();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double rate = 500 * (1 + 0.3 * dailyWave(i)) * (i >= at ? factor : 1);
      v[i] = poisson(r, rate);
    }
    return new LabelledSeries(
        "shift-down#" + seed, MetricKind.REQUEST_RATE, t, v, ones(n), List.of(window(t, at, 24)));
  }

  static LabelledSeries drift(long seed) {
    SplittableRandom r = random(seed, 4);
    int n = 7 * DAY;
    long[] t = times(n);
    double sigma = 2;
    int at = 3 * DAY + r.nextInt(2 * DAY);
    int ramp = 144;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double drift = i < at ? 0 : 10 * sigma * Math.min(1, (i - at) / (double) ramp);
      v[i] = 50 + sigma * r.nextGaussian() + drift;
    }
    return new LabelledSeries(
        "drift#" + seed, MetricKind.GENERIC, t, v, ones(n), List.of(window(t, at, ramp)));
  }

  static LabelledSeries seasonal(long seed) {
    SplittableRandom r = random(seed, 5);
    int n = 21 * DAY;
    long[] t = times(n);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      int day = (i / DAY) % 7;
      double hour = (i % DAY) / 12.0;
      double rate = 400 * (1 + 0.8 * dailyWave(i));
      if (day >= 5) {
        rate *= 0.6;
      }
      if (day == 0 && hour >= 8 && hour < 10) {
        rate *= 1.5;
      }
      v[i] = poisson(r, rate);
    }
    return new LabelledSeries(
        "seasonal#" + seed, MetricKind.REQUEST_RATE, t, v, ones(n), List.of());
  }

  static LabelledSeries noisyFlat(long seed) {
    SplittableRandom r = random(seed, 6);
    int n = 7 * DAY;
    long[] t = times(n);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double chi = 0;
      for (int k = 0; k < 3; k++) {
        double g = r.nextGaussian();
        chi += g * g;
      }
      v[i] = 20 + 2 * r.nextGaussian() / Math.sqrt(chi / 3);
    }
    return new LabelledSeries("noisy-flat#" + seed, MetricKind.GENERIC, t, v, ones(n), List.of());
  }

  static LabelledSeries sparse(long seed) {
    SplittableRandom r = random(seed, 7);
    int n = 7 * DAY;
    long[] t = times(n);
    double[] v = new double[n];
    int first = 2 * DAY + r.nextInt(2 * DAY);
    int second = 4 * DAY + r.nextInt(2 * DAY);
    for (int i = 0; i < n; i++) {
      boolean burst = (i >= first && i < first + 6) || (i >= second && i < second + 6);
      v[i] = poisson(r, burst ? 6 : 0.2);
    }
    return new LabelledSeries(
        "sparse#" + seed,
        MetricKind.ERROR_LOG_COUNT,
        t,
        v,
        ones(n),
        List.of(window(t, first, 6), window(t, second, 6)));
  }

  static LabelledSeries errorBurst(long seed) {
    SplittableRandom r = random(seed, 8);
    int n = 7 * DAY;
    long[] t = times(n);
    double[] v = new double[n];
    double[] w = new double[n];
    int at = 2 * DAY + r.nextInt(4 * DAY);
    for (int i = 0; i < n; i++) {
      double requests = Math.max(1, poisson(r, 200));
      double p = i >= at && i < at + 12 ? 0.08 : 0.001;
      double errors = 0;
      for (int k = 0; k < requests; k++) {
        if (r.nextDouble() < p) {
          errors++;
        }
      }
      v[i] = errors / requests;
      w[i] = requests;
    }
    return new LabelledSeries(
        "error-burst#" + seed, MetricKind.ERROR_RATE, t, v, w, List.of(window(t, at, 12)));
  }

  /** A Poisson draw: Knuth's method for small rates, a rounded normal for large ones. */
  private static double poisson(SplittableRandom r, double rate) {
    if (rate > 50) {
      return Math.max(0, Math.round(rate + Math.sqrt(rate) * r.nextGaussian()));
    }
    double limit = Math.exp(-rate);
    double product = r.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= r.nextDouble();
      k++;
    }
    return k;
  }
}
