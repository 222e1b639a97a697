package io.logpulse.local.detect;

import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.SeriesDetector;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compares detectors on labelled series with the {@link OnCallScore}: the ensemble under given
 * settings (run exactly as {@code logpulse detect} and the job run it) and the {@link
 * WindowedGaussian} baseline, in one run over the same series.
 */
public final class OnCallEvaluation {

  /** Share of each series, from its start, whose alerts are not counted (NAB's probation). */
  public static final double PROBATION = 0.15;

  /** Values in the baseline's rolling window: a week of 5-minute values. */
  public static final int BASELINE_WINDOW = 2016;

  private OnCallEvaluation() {}

  /**
   * A detector under evaluation.
   *
   * @param name its row's name
   * @param scores its score per value of a series
   */
  public record Candidate(String name, Function<LabelledSeries, double[]> scores) {}

  /** The ensemble under {@code settings}. */
  public static Candidate ensemble(String name, DetectSettings settings) {
    return new Candidate(name, scenario -> ensembleScores(scenario, settings));
  }

  /** The windowed-Gaussian baseline at the same false-alarm target as {@code settings}. */
  public static Candidate baseline(DetectSettings settings) {
    return new Candidate(
        "windowed-gaussian",
        scenario -> {
          double interval = medianInterval(scenario.timestamps());
          WindowedGaussian detector =
              new WindowedGaussian(
                  BASELINE_WINDOW,
                  SeriesDetector.alarmSurprise(settings.falseAlarmsPerDay(), interval));
          double[] scores = new double[scenario.values().length];
          for (int i = 0; i < scores.length; i++) {
            scores[i] = detector.update(scenario.values()[i]);
          }
          return scores;
        });
  }

  /** The ensemble's score per value, from earlier values only; 0 for an ignored value. */
  public static double[] ensembleScores(LabelledSeries scenario, DetectSettings settings) {
    SeriesDetector detector =
        SeriesDetector.create(scenario.metric(), settings, scenario.name().hashCode());
    double[] scores = new double[scenario.values().length];
    for (int i = 0; i < scores.length; i++) {
      SeriesDetector.Result result =
          detector.update(scenario.timestamps()[i], scenario.values()[i], scenario.weights()[i]);
      scores[i] = result == null ? 0 : result.score();
    }
    return scores;
  }

  /** Totals per candidate over {@code scenarios}, in the candidates' order. */
  public static Map<String, OnCallScore.Totals> run(
      List<LabelledSeries> scenarios, List<Candidate> candidates) {
    Map<String, OnCallScore.Totals> totals = new LinkedHashMap<>();
    for (Candidate candidate : candidates) {
      OnCallScore.Totals sum = OnCallScore.Totals.ZERO;
      for (LabelledSeries scenario : scenarios) {
        sum = sum.plus(score(scenario, candidate.scores().apply(scenario)));
      }
      totals.put(candidate.name(), sum);
    }
    return totals;
  }

  /** The on-call score of one series' scores. */
  public static OnCallScore.Totals score(LabelledSeries scenario, double[] scores) {
    long[] t = scenario.timestamps();
    long probationEnd = t[0] + (long) (PROBATION * (t[t.length - 1] - t[0]));
    return OnCallScore.score(t, scores, scenario.anomalies(), probationEnd);
  }

  private static double medianInterval(long[] timestamps) {
    if (timestamps.length < 2) {
      return 0;
    }
    long[] gaps = new long[timestamps.length - 1];
    for (int i = 1; i < timestamps.length; i++) {
      gaps[i - 1] = timestamps[i] - timestamps[i - 1];
    }
    java.util.Arrays.sort(gaps);
    return gaps[gaps.length / 2];
  }

  /** Prints totals as a Markdown table. */
  public static void print(Map<String, OnCallScore.Totals> totals, PrintStream out) {
    out.println("| detector | score | windows | found | alerts | false alerts |");
    out.println("|---|---|---|---|---|---|");
    totals.forEach(
        (name, t) ->
            out.printf(
                "| %s | %.1f | %d | %d | %d | %d |%n",
                name, t.normalised(), t.windows(), t.found(), t.alerts(), t.falseAlerts()));
  }
}
