package io.logpulse.local.detect;

import java.util.List;

/**
 * Scores a detector's output on a labelled series the way on-call engineers live with alerts (after
 * the Numenta Anomaly Benchmark's standard profile). An alert is a rising edge: a value scoring at
 * least {@link #ALARM} after one that scored below it, so a score that stays high is one alert and
 * a detector re-arms only once its score has fallen back below 0.5. Each labelled window earns for
 * its first alert only, {@code 2 / (1 + e^(5 y)) - 1} where {@code y} runs from -1 at the window's
 * start to 0 at its end (0.99 for an alert at the start, 0.46 a quarter in, 0 at the end); later
 * alerts in the same window earn nothing; a window without an alert costs {@link #MISS_COST}; an
 * alert outside every window costs {@link #FALSE_ALARM_COST}. Alerts during the probation (the
 * first part of the series, where every detector is still learning) are not counted. Totals are
 * normalised so that a detector alerting at the start of every window and nowhere else scores 100
 * and one that never alerts scores 0; a detector can fall below 0 by false alarms.
 */
public final class OnCallScore {

  /** The score at and above which a value alarms. */
  public static final double ALARM = 0.5;

  /** Cost of an alert outside every labelled window (NAB's standard profile). */
  public static final double FALSE_ALARM_COST = 0.11;

  /** Cost of a labelled window without an alert. */
  public static final double MISS_COST = 1;

  private static final double PERFECT_REWARD = reward(0);

  /**
   * Totals of one or more series.
   *
   * @param raw sum of rewards and costs
   * @param perfect what a perfect detector would have summed
   * @param none what a detector that never alerts sums
   * @param windows labelled windows
   * @param found windows with an alert inside
   * @param alerts alerts counted (after the probation)
   * @param falseAlerts alerts outside every window
   */
  public record Totals(
      double raw,
      double perfect,
      double none,
      int windows,
      int found,
      int alerts,
      int falseAlerts) {

    /** Nothing. */
    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0);

    /** 100 for a perfect detector, 0 for one that never alerts; NaN without labelled windows. */
    public double normalised() {
      return perfect == none ? Double.NaN : 100 * (raw - none) / (perfect - none);
    }

    /** The sum of both. */
    public Totals plus(Totals other) {
      return new Totals(
          raw + other.raw,
          perfect + other.perfect,
          none + other.none,
          windows + other.windows,
          found + other.found,
          alerts + other.alerts,
          falseAlerts + other.falseAlerts);
    }
  }

  private OnCallScore() {}

  /**
   * Scores one series.
   *
   * @param timestamps value times, increasing
   * @param scores the detector's score per value
   * @param windows labelled anomaly windows
   * @param probationEnd alerts before this time are not counted
   */
  public static Totals score(
      long[] timestamps, double[] scores, List<LabelledSeries.Window> windows, long probationEnd) {
    boolean[] found = new boolean[windows.size()];
    double raw = 0;
    int alerts = 0;
    int falseAlerts = 0;
    int foundCount = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean alert = scores[i] >= ALARM && (i == 0 || scores[i - 1] < ALARM);
      if (!alert || timestamps[i] < probationEnd) {
        continue;
      }
      alerts++;
      int w = windowOf(windows, timestamps[i]);
      if (w < 0) {
        falseAlerts++;
        raw -= FALSE_ALARM_COST;
      } else if (!found[w]) {
        found[w] = true;
        foundCount++;
        LabelledSeries.Window window = windows.get(w);
        raw += reward((timestamps[i] - window.start()) / (double) (window.end() - window.start()));
      }
    }
    raw -= MISS_COST * (windows.size() - foundCount);
    return new Totals(
        raw,
        PERFECT_REWARD * windows.size(),
        -MISS_COST * windows.size(),
        windows.size(),
        foundCount,
        alerts,
        falseAlerts);
  }

  /** The reward of a first alert {@code lateness} (0 to 1) of the way into its window. */
  static double reward(double lateness) {
    return 2 / (1 + Math.exp(5 * (lateness - 1))) - 1;
  }

  private static int windowOf(List<LabelledSeries.Window> windows, long time) {
    for (int i = 0; i < windows.size(); i++) {
      if (windows.get(i).contains(time)) {
        return i;
      }
    }
    return -1;
  }
}
