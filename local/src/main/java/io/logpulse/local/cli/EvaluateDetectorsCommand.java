package io.logpulse.local.cli;

import io.logpulse.detect.DetectSettings;
import io.logpulse.local.detect.Evaluation;
import io.logpulse.local.detect.LabelledSeries;
import io.logpulse.local.detect.ScenarioSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code logpulse evaluate-detectors}: precision, recall and detection delay of each detector and
 * of the ensemble over the labelled scenario suite, run the streaming way with the same code as the
 * job.
 */
@Command(
    name = "evaluate-detectors",
    description = "Precision, recall and delay per detector on the labelled scenario suite.")
final class EvaluateDetectorsCommand implements Callable<Integer> {

  @Option(
      names = "--seeds",
      split = ",",
      paramLabel = "N",
      description = "Scenario seeds (default: ${DEFAULT-VALUE}, the development seeds).")
  List<Long> seeds = List.of(1L, 2L, 3L);

  @Option(
      names = "--families",
      split = ",",
      paramLabel = "NAME",
      description =
          "Only these scenario families, e.g. spikes,drift (default: all: spikes, shift-up,"
              + " shift-down, drift, seasonal, noisy-flat, sparse, error-burst).")
  List<String> families = List.of();

  @Override
  public Integer call() {
    DetectSettings settings = DetectCommand.settings("ensemble");
    List<LabelledSeries> scenarios =
        ScenarioSuite.generate(seeds).stream()
            .filter(s -> families.isEmpty() || families.contains(s.family()))
            .toList();
    if (scenarios.isEmpty()) {
      System.err.println("logpulse evaluate-detectors: no scenario of the families " + families);
      return 2;
    }
    System.out.println("Per detector (" + scenarios.size() + " series, seeds " + seeds + "):");
    Evaluation.print(Evaluation.run(scenarios, settings), System.out);
    System.out.println();
    System.out.println("Ensemble per scenario family:");
    Evaluation.print(
        new ArrayList<>(Evaluation.byFamily(scenarios, settings).values()), System.out);
    return 0;
  }
}
