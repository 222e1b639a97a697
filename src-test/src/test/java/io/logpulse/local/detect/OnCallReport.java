package io.logpulse.local.detect;

import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.DetectorKind;
import io.logpulse.detect.MetricKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Prints the on-call comparison (ensemble with and without the forest, windowed-Gaussian baseline)
 * on the scenario suite and, when given, on labelled CSV series fetched for measurement only:
 * {@code OnCallReport [RATE] [WINDOWS_FILE CSV_FOLDER]}, where each line of the windows file is
 * {@code NAME start|end;start|end…} and {@code CSV_FOLDER/NAME} a {@code timestamp,value} CSV. Not
 * part of the test run; see the README's detection section.
 */
public final class OnCallReport {

  private OnCallReport() {}

  public static void main(String[] args) throws IOException {
    double rate =
        args.length > 0
            ? Double.parseDouble(args[0])
            : DetectSettings.defaults().falseAlarmsPerDay();
    DetectSettings settings = DetectSettings.defaults().withFalseAlarmsPerDay(rate);
    EnumSet<DetectorKind> withoutRcf = EnumSet.copyOf(settings.detectors());
    withoutRcf.remove(DetectorKind.RCF);
    EnumSet<DetectorKind> withRcf = EnumSet.copyOf(withoutRcf);
    withRcf.add(DetectorKind.RCF);
    List<OnCallEvaluation.Candidate> candidates =
        List.of(
            OnCallEvaluation.ensemble("ensemble without rcf", settings.withDetectors(withoutRcf)),
            OnCallEvaluation.ensemble(
                "ensemble with rcf",
                settings.withDetectors(withRcf).withRcfMetrics(EnumSet.allOf(MetricKind.class))),
            OnCallEvaluation.baseline(settings));
    List<LabelledSeries> suite = ScenarioSuite.generate(List.of(101L, 102L, 103L));
    System.out.println("Scenario suite, seeds 101-103, " + rate + " false alarms per series-day:");
    OnCallEvaluation.print(OnCallEvaluation.run(suite, candidates), System.out);
    if (args.length > 2) {
      List<LabelledSeries> real = load(Path.of(args[1]), Path.of(args[2]));
      System.out.println("Labelled real series (" + real.size() + "):");
      OnCallEvaluation.print(OnCallEvaluation.run(real, candidates), System.out);
      for (LabelledSeries s : real) {
        System.out.println(s.name());
        OnCallEvaluation.print(OnCallEvaluation.run(List.of(s), candidates), System.out);
      }
    }
  }

  private static List<LabelledSeries> load(Path windowsFile, Path folder) throws IOException {
    List<LabelledSeries> scenarios = new ArrayList<>();
    for (String line : Files.readAllLines(windowsFile)) {
      if (line.isBlank()) {
        continue;
      }
      String name = line.substring(0, line.indexOf(' '));
      List<LabelledSeries.Window> windows = new ArrayList<>();
      for (String w : line.substring(line.indexOf(' ') + 1).split(";")) {
        String[] ends = w.split("\\|");
        windows.add(
            new LabelledSeries.Window(
                CsvSeries.timestamp(ends[0].trim()), CsvSeries.timestamp(ends[1].trim())));
      }
      List<String> rows = Files.readAllLines(folder.resolve(name.replace('/', '_')));
      List<Long> t = new ArrayList<>();
      List<Double> v = new ArrayList<>();
      for (String row : rows) {
        CsvSeries.Row parsed = CsvSeries.parse(row);
        if (parsed.ok() && (t.isEmpty() || parsed.timestamp() > t.get(t.size() - 1))) {
          t.add(parsed.timestamp());
          v.add(parsed.value());
        }
      }
      double[] weights = new double[t.size()];
      java.util.Arrays.fill(weights, 1);
      scenarios.add(
          new LabelledSeries(
              name,
              MetricKind.GENERIC,
              t.stream().mapToLong(Long::longValue).toArray(),
              v.stream().mapToDouble(Double::doubleValue).toArray(),
              weights,
              windows));
    }
    return scenarios;
  }
}
