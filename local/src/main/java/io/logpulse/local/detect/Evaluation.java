package io.logpulse.local.detect;

import io.logpulse.detect.AnomalyEvent;
import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.DetectorKind;
import io.logpulse.detect.SeriesDetector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs detectors over labelled scenarios the streaming way and counts what an operator would
 * experience: an alarm is an anomaly opening (the lifecycle's OPEN), not every anomalous value. A
 * labelled window is found when an anomaly opens inside it (true positive; the delay is from the
 * window's start to that opening); an opening outside every window is a false positive; a window
 * without an opening is missed. Each detector is evaluated alone (the ensemble restricted to it,
 * exactly what {@code logpulse detect --detector} runs) on the scenarios where it applies, and the
 * ensemble on all.
 */
public final class Evaluation {

  /** The name of the ensemble's row. */
  public static final String ENSEMBLE = "ensemble";

  private Evaluation() {}

  /**
   * One detector's totals.
   *
   * @param name detector configuration name, or {@link #ENSEMBLE}
   * @param series scenarios it ran on
   * @param found labelled windows with an opening inside
   * @param missed labelled windows without
   * @param falseAlarms openings outside every window
   * @param meanDelaySteps mean steps from window start to opening over found windows (NaN if none)
   */
  public record Row(
      String name, int series, int found, int missed, int falseAlarms, double meanDelaySteps) {

    /** Found windows over all openings that count; 1 without any opening. */
    public double precision() {
      return found + falseAlarms == 0 ? 1 : found / (double) (found + falseAlarms);
    }

    /** Found windows over labelled windows; 1 without any label. */
    public double recall() {
      return found + missed == 0 ? 1 : found / (double) (found + missed);
    }
  }

  /** Evaluates every detector alone, then the ensemble of all, over {@code scenarios}. */
  public static List<Row> run(List<LabelledSeries> scenarios, DetectSettings settings) {
    List<Row> rows = new ArrayList<>();
    for (DetectorKind kind : settings.detectors()) {
      Row row = evaluate(kind.configName(), scenarios, settings.withDetectors(EnumSet.of(kind)));
      if (row.series() > 0) {
        rows.add(row);
      }
    }
    rows.add(evaluate(ENSEMBLE, scenarios, settings));
    return rows;
  }

  /** Ensemble rows per scenario family. */
  public static Map<String, Row> byFamily(List<LabelledSeries> scenarios, DetectSettings settings) {
    Map<String, List<LabelledSeries>> families = new LinkedHashMap<>();
    for (LabelledSeries scenario : scenarios) {
      families.computeIfAbsent(scenario.family(), f -> new ArrayList<>()).add(scenario);
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    families.forEach((family, members) -> rows.put(family, evaluate(family, members, settings)));
    return rows;
  }

  private static Row evaluate(
      String name, List<LabelledSeries> scenarios, DetectSettings settings) {
    int series = 0;
    int found = 0;
    int missed = 0;
    int falseAlarms = 0;
    double delaySum = 0;
    for (LabelledSeries scenario : scenarios) {
      Set<DetectorKind> applicable = SeriesDetector.applicable(scenario.metric(), settings);
      if (applicable.isEmpty()) {
        continue;
      }
      series++;
      List<Long> openings = openings(scenario, settings);
      boolean[] hit = new boolean[scenario.anomalies().size()];
      for (long opening : openings) {
        int index = windowOf(scenario, opening);
        if (index < 0) {
          falseAlarms++;
        } else if (!hit[index]) {
          hit[index] = true;
          found++;
          delaySum += (opening - scenario.anomalies().get(index).start()) / ScenarioSuite.STEP;
        }
      }
      for (boolean h : hit) {
        if (!h) {
          missed++;
        }
      }
    }
    return new Row(
        name, series, found, missed, falseAlarms, found == 0 ? Double.NaN : delaySum / found);
  }

  private static int windowOf(LabelledSeries scenario, long time) {
    for (int i = 0; i < scenario.anomalies().size(); i++) {
      if (scenario.anomalies().get(i).contains(time)) {
        return i;
      }
    }
    return -1;
  }

  /** Times at which anomalies open when {@code settings} run over the scenario. */
  static List<Long> openings(LabelledSeries scenario, DetectSettings settings) {
    SeriesDetector detector =
        SeriesDetector.create(scenario.metric(), settings, scenario.name().hashCode());
    List<Long> openings = new ArrayList<>();
    for (int i = 0; i < scenario.values().length; i++) {
      SeriesDetector.Result result =
          detector.update(scenario.timestamps()[i], scenario.values()[i], scenario.weights()[i]);
      if (result.event() != null && result.event().state() == AnomalyEvent.State.OPEN) {
        openings.add(scenario.timestamps()[i]);
      }
    }
    return openings;
  }

  /** Prints rows as a Markdown table. */
  public static void print(List<Row> rows, PrintStream out) {
    out.println(
        "| detector | series | found | missed | false alarms | precision | recall | mean delay |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      out.printf(
          "| %s | %d | %d | %d | %d | %.2f | %.2f | %s |%n",
          row.name(),
          row.series(),
          row.found(),
          row.missed(),
          row.falseAlarms(),
          row.precision(),
          row.recall(),
          Double.isNaN(row.meanDelaySteps())
              ? "-"
              : String.format(
                  "%.1f steps (%.0f min)",
                  row.meanDelaySteps(), row.meanDelaySteps() * ScenarioSuite.STEP / 60_000.0));
    }
  }
}
