package io.logpulse.local.cli;

import io.logpulse.config.DetectOptions;
import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.DetectorKind;
import io.logpulse.detect.MetricKind;
import io.logpulse.detect.SeriesDetector;
import io.logpulse.local.detect.CsvSeries;
import io.logpulse.local.detect.JobSeries;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logpulse detect}: the job's detector ensemble over a CSV series, the streaming way: each
 * row is scored from earlier rows only, then learned. It takes the job's configuration ({@code
 * --config}, {@code --set}, the {@code detect.*} keys) and scores through {@link JobSeries}, the
 * operator's own steps, so a row's score is what the job computes for the same series. Every input
 * row gets one output row; a row that cannot be read is reported on standard error and written as
 * its first two cells with an empty score, so rows stay aligned, and it is not learned from. A row
 * whose timestamp is not after the previous row's is scored 0 and not learned from (a duplicate
 * would count twice).
 */
@Command(
    name = "detect",
    description =
        "Scores a CSV series (timestamp,value) for anomalies: timestamp,value,anomaly_score.")
final class DetectCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "FILE",
      description = "CSV with header timestamp,value, or - for standard input.")
  String file;

  @Option(
      names = "--detector",
      paramLabel = "NAME",
      description =
          "ensemble (default: the configured detect.detectors), seasonal, rcf, burn-rate or"
              + " change-point.")
  String detector = "ensemble";

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description =
          "Service the series belongs to; the forest's seed derives from it, as in the job"
              + " (default: ${DEFAULT-VALUE}).")
  String service = "detect";

  @Mixin ConfigOptions config;

  @Option(
      names = "--metric",
      paramLabel = "KIND",
      description =
          "What the values measure: generic (default; both directions), error-rate, latency-p99,"
              + " request-rate or error-log-count.")
  String metric = "generic";

  @Override
  public Integer call() throws IOException {
    if (!file.equals("-") && !Files.exists(Path.of(file))) {
      System.err.println("logpulse detect: no such file: " + file);
      return 2;
    }
    MetricKind kind;
    DetectSettings settings;
    try {
      kind = MetricKind.valueOf(metric.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      settings = settings(DetectOptions.settings(config.load(Map.of())), detector, kind);
    } catch (IllegalArgumentException e) {
      System.err.println("logpulse detect: " + e.getMessage());
      return 2;
    }
    JobSeries series = new JobSeries(settings, service, kind);
    long lineNumber = 0;
    long bad = 0;
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Writer out =
            new BufferedWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
      out.write("timestamp,value,anomaly_score\n");
      String line;
      while ((line = lines.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && CsvSeries.isHeader(line)) {
          continue;
        }
        CsvSeries.Row row = CsvSeries.parse(line);
        if (!row.ok()) {
          bad++;
          System.err.println("logpulse detect: line " + lineNumber + ": " + row.problem());
          String[] cells = line.split(",", -1);
          out.write(cells[0].trim() + "," + (cells.length > 1 ? cells[1].trim() : "") + ",\n");
          continue;
        }
        double score = series.score(row.timestamp(), row.value(), 1);
        out.write(line.trim() + "," + String.format(Locale.ROOT, "%.4f", score) + "\n");
      }
    }
    System.err.printf("logpulse detect: %,d lines, %,d unreadable%n", lineNumber, bad);
    return 0;
  }

  /**
   * The settings of the scenario evaluation ({@code logpulse evaluate}): the defaults with the
   * forest on every metric, restricted to {@code detector} unless it is the ensemble.
   */
  static DetectSettings settings(String detector) {
    return settings(
        DetectSettings.defaults().withRcfMetrics(EnumSet.allOf(MetricKind.class)),
        detector,
        MetricKind.GENERIC);
  }

  /**
   * The configured settings, restricted to {@code detector} unless it is the ensemble.
   *
   * @throws IllegalArgumentException when that detector does not run on {@code metric} under them
   */
  static DetectSettings settings(DetectSettings configured, String detector, MetricKind metric) {
    if (detector.equals("ensemble")) {
      return configured;
    }
    DetectorKind kind = DetectorKind.ofConfigName(detector);
    if (kind == DetectorKind.NEW_PATTERN) {
      throw new IllegalArgumentException("new-pattern works on log messages, not on a series");
    }
    DetectSettings only = configured.withDetectors(EnumSet.of(kind));
    if (!SeriesDetector.applicable(metric, only).contains(kind)) {
      throw new IllegalArgumentException(
          detector
              + " does not run on "
              + metric.configName()
              + " series in the job (rcf: only detect.rcf.metrics; burn-rate: only error-rate)");
    }
    return only;
  }
}
