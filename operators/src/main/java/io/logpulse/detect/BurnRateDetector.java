package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * SLO burn-rate alerting for an error rate (the multi-window, multi-burn-rate alerts of Google's
 * SRE workbook): the error budget is {@code 1 - target}; the burn rate over a window is the
 * window's error rate divided by the budget. It pages when a long and a short window both burn
 * faster than a threshold: 1 hour and 5 minutes at 14.4 (2% of a 30-day budget in an hour), or 6
 * hours and 30 minutes at 6 (5% in six hours). The short window makes the alert stop soon after the
 * problem does.
 *
 * <p>Windows are exponentially decayed sums of errors and requests with those time constants, which
 * needs eight numbers of state instead of six hours of values. The score is 0.5 when the lesser
 * burn of a pair equals its threshold and 1 at 1.5 times it. Below {@link #MIN_REQUESTS} requests
 * in the long window it does not judge: a few requests say nothing about a budget.
 */
public final class BurnRateDetector implements Detector {

  /** Requests the long window needs before the detector judges. */
  static final double MIN_REQUESTS = 20;

  private static final long MINUTE = 60_000L;
  private static final long[] WINDOWS = {60 * MINUTE, 5 * MINUTE, 360 * MINUTE, 30 * MINUTE};
  private static final double[] THRESHOLDS = {14.4, 6};

  private final double budget;
  private final double[] errors = new double[WINDOWS.length];
  private final double[] requests = new double[WINDOWS.length];
  private long lastTimestamp = Long.MIN_VALUE;

  BurnRateDetector(double sloTarget) {
    this.budget = 1 - sloTarget;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.BURN_RATE;
  }

  @Override
  public Evidence update(Observation observation) {
    long t = observation.timestamp();
    double weight = Math.max(0, observation.weight());
    double rate = Math.max(0, Math.min(1, observation.value()));
    for (int i = 0; i < WINDOWS.length; i++) {
      double decay =
          lastTimestamp == Long.MIN_VALUE
              ? 0
              : Math.exp(-Math.max(0, t - lastTimestamp) / (double) WINDOWS[i]);
      errors[i] = errors[i] * decay + rate * weight;
      requests[i] = requests[i] * decay + weight;
    }
    lastTimestamp = t;
    double score = 0;
    for (int pair = 0; pair < THRESHOLDS.length; pair++) {
      int longWindow = 2 * pair;
      if (requests[longWindow] < MIN_REQUESTS) {
        continue;
      }
      double burn = Math.min(burn(longWindow), burn(longWindow + 1));
      score = Math.max(score, burn / THRESHOLDS[pair] - 0.5);
    }
    return Evidence.of(score, budget);
  }

  private double burn(int window) {
    return requests[window] == 0 ? 0 : errors[window] / requests[window] / budget;
  }

  @Override
  public void gap() {}

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(lastTimestamp);
    for (int i = 0; i < WINDOWS.length; i++) {
      out.writeFloat((float) errors[i]);
      out.writeFloat((float) requests[i]);
    }
  }

  static BurnRateDetector read(double sloTarget, DataInput in) throws IOException {
    BurnRateDetector d = new BurnRateDetector(sloTarget);
    d.lastTimestamp = in.readLong();
    for (int i = 0; i < WINDOWS.length; i++) {
      d.errors[i] = in.readFloat();
      d.requests[i] = in.readFloat();
    }
    return d;
  }
}
