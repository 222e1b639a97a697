package io.logpulse.local.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.config.DetectOptions;
import io.logpulse.config.LogpulseConfig;
import io.logpulse.detect.DetectSettings;
import io.logpulse.detect.MetricKind;
import io.logpulse.detect.SeriesAnomalyFunction;
import io.logpulse.detect.SeriesPoint;
import io.logpulse.local.LocalOptions;
import io.logpulse.local.cli.Logpulse;
import io.logpulse.schema.Anomaly;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logpulse detect} scores a series exactly as the job's detection operator does under the
 * same configuration: every anomaly step the operator emits carries the score the command printed
 * for that row, the first anomaly opens at the first row the command scored at the alarm level, and
 * the configuration (here a longer warm-up and a shorter state TTL, whose expiry restarts the
 * warm-up after a gap) changes both alike.
 */
class DetectCommandMatchesJobTest {

  private static final long T0 = 1_767_571_200_000L;
  private static final long STEP = 300_000L;
  private static final String[] SET = {
    "--set", "detect.warmup=120", "--set", "detect.state-ttl=2h"
  };

  @TempDir Path dir;

  /** A noisy flat series with spikes and a level shift, and a 3-hour gap (longer than the TTL). */
  private static List<long[]> series() {
    SplittableRandom random = new SplittableRandom(5);
    List<long[]> rows = new ArrayList<>();
    long t = T0;
    for (int i = 0; i < 700; i++) {
      t += i == 400 ? 36 * STEP : STEP;
      double value = 100 + 3 * random.nextGaussian();
      if (i == 200 || i == 300 || i == 650) {
        value += 60;
      }
      if (i >= 560 && i < 600) {
        value += 25;
      }
      rows.add(new long[] {t, Double.doubleToLongBits(value)});
    }
    return rows;
  }

  @Test
  void theCommandsScoresAreTheOperatorsUnderTheSameConfiguration() throws Exception {
    List<long[]> rows = series();
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (long[] row : rows) {
      csv.append(row[0]).append(',').append(value(row)).append('\n');
    }
    Path file = dir.resolve("series.csv");
    Files.writeString(file, csv);

    List<String> args = new ArrayList<>(List.of("detect", file.toString()));
    args.addAll(List.of(SET));
    Map<Long, Double> printed = printedScores(args.toArray(String[]::new));
    List<Anomaly> anomalies = operator(rows);

    assertThat(printed).hasSize(rows.size());
    assertThat(anomalies).isNotEmpty();
    for (Anomaly anomaly : anomalies) {
      if (!anomaly.getState().equals("CLOSE")) {
        long time = anomaly.getTime().toEpochMilli();
        assertThat(printed.get(time))
            .as("score at %s", anomaly.getTime())
            .isEqualTo(Math.round(anomaly.getScore() * 10_000) / 10_000.0);
      }
    }
    long firstAlarm =
        rows.stream()
            .filter(r -> printed.get(r[0]) >= 0.5)
            .mapToLong(r -> r[0])
            .findFirst()
            .orElseThrow();
    assertThat(anomalies.get(0).getStart()).isEqualTo(Instant.ofEpochMilli(firstAlarm));
    // The longer warm-up: nothing before row 120, and nothing in the 120 rows after the gap.
    for (int i = 0; i < rows.size(); i++) {
      if (i < 119 || (i >= 400 && i < 519)) {
        assertThat(printed.get(rows.get(i)[0])).as("row %d", i).isZero();
      }
    }
  }

  private static String value(long[] row) {
    return String.format(Locale.ROOT, "%.3f", Double.longBitsToDouble(row[1]));
  }

  private static Map<Long, Double> printedScores(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(Logpulse.execute(args)).isZero();
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    Map<Long, Double> scores = new HashMap<>();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",");
      scores.put(Long.parseLong(cells[0]), Double.parseDouble(cells[2]));
    }
    return scores;
  }

  /** The anomalies the job's operator emits for the same values (parsed back from the CSV text). */
  private static List<Anomaly> operator(List<long[]> rows) throws Exception {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < SET.length; i += 2) {
      String[] kv = SET[i + 1].split("=", 2);
      values.put(kv[0], kv[1]);
    }
    DetectSettings settings =
        DetectOptions.settings(LogpulseConfig.of(values, LocalOptions.allKeys()));
    KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, Anomaly> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new SeriesAnomalyFunction(settings)),
            SeriesPoint::seriesKey,
            Types.STRING);
    harness.open();
    for (long[] row : rows) {
      SeriesPoint point =
          new SeriesPoint(
              JobSeries.ACCOUNT,
              "detect",
              null,
              MetricKind.GENERIC,
              row[0],
              Double.parseDouble(value(row)),
              1);
      harness.processElement(new StreamRecord<>(point, row[0]));
      harness.processWatermark(new Watermark(row[0]));
    }
    List<Anomaly> anomalies = harness.extractOutputValues();
    harness.close();
    return anomalies;
  }
}
