package io.logpulse.detect;

import static io.logpulse.detect.Series.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each detector alone (the ensemble restricted to it) finds what it is for and stays quiet else.
 */
class DetectorsTest {

  private static DetectSettings only(DetectorKind kind) {
    return DetectSettings.defaults()
        .withRcfMetrics(EnumSet.allOf(MetricKind.class))
        .withDetectors(EnumSet.of(kind));
  }

  /** Indexes at which an anomaly opens. */
  private static List<Integer> openings(
      DetectSettings settings, MetricKind metric, double[] values, double[] weights) {
    SeriesDetector detector = SeriesDetector.create(metric, settings, 7);
    List<Integer> openings = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      SeriesDetector.Result result =
          detector.update(time(i), values[i], weights == null ? 1 : weights[i]);
      if (result.event() != null && result.event().state() == AnomalyEvent.State.OPEN) {
        openings.add(i);
      }
    }
    return openings;
  }

  @Test
  void seasonalFindsASpikeAndNotTheDailyCurve() {
    double[] values = Series.daily(4 * 1440, 100, 30, 2, 1);
    values[5000] += 40;
    assertThat(openings(only(DetectorKind.SEASONAL), MetricKind.GENERIC, values, null))
        .containsExactly(5000);
  }

  @Test
  void seasonalDoesNotAlarmOnSparseCountsGoingFromZeroToOne() {
    double[] values = new double[2000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 37 == 0 ? 1 : 0;
    }
    assertThat(openings(only(DetectorKind.SEASONAL), MetricKind.ERROR_LOG_COUNT, values, null))
        .isEmpty();
  }

  @Test
  void changePointFindsASmallSustainedShiftQuickly() {
    double[] values = Series.flat(1500, 50, 2, 2);
    for (int i = 1000; i < values.length; i++) {
      values[i] += 5;
    }
    List<Integer> openings =
        openings(only(DetectorKind.CHANGE_POINT), MetricKind.GENERIC, values, null);
    assertThat(openings).hasSize(1);
    assertThat(openings.get(0)).isBetween(1000, 1015);
  }

  @Test
  void burnRateFiresWhenTheBudgetBurnsFastAndNotAtTheBudget() {
    int n = 600;
    double[] rates = new double[n];
    double[] requests = new double[n];
    for (int i = 0; i < n; i++) {
      rates[i] = i >= 400 && i < 460 ? 0.05 : 0.001;
      requests[i] = 1000;
    }
    List<Integer> openings =
        openings(only(DetectorKind.BURN_RATE), MetricKind.ERROR_RATE, rates, requests);
    assertThat(openings).hasSize(1);
    // A 1-hour window at 5% errors crosses 14.4 times a 0.1% budget after about 17 minutes (the
    // SRE workbook's detection time for this burn); the decayed window takes a little longer.
    assertThat(openings.get(0)).isBetween(400, 425);
  }

  @Test
  void rcfFindsAnIsolatedSpike() {
    double[] values = Series.flat(1500, 200, 5, 3);
    values[1200] = 400;
    assertThat(openings(only(DetectorKind.RCF), MetricKind.GENERIC, values, null)).contains(1200);
  }

  @Test
  void theEnsembleIsQuietOnAStableSeries() {
    double[] values = Series.flat(3000, 100, 3, 4);
    assertThat(openings(DetectSettings.defaults(), MetricKind.LATENCY_P99, values, null)).isEmpty();
  }

  @Test
  void warmUpKeepsTheFirstValuesAtZero() {
    SeriesDetector detector =
        SeriesDetector.create(MetricKind.GENERIC, DetectSettings.defaults(), 1);
    for (int i = 0; i < 59; i++) {
      assertThat(detector.update(time(i), i % 2 == 0 ? 0 : 1000, 1).score()).isZero();
    }
  }

  @Test
  void fusionTakesTheMaximumAndRewardsAgreementAboveTheAlarmLevel() {
    assertThat(SeriesDetector.fuse(List.of(Evidence.of(0.6, 0), Evidence.of(0, 0)))).isEqualTo(0.6);
    assertThat(SeriesDetector.fuse(List.of(Evidence.of(0.6, 0), Evidence.of(0.6, 0))))
        .isCloseTo(0.64, within(1e-9));
    assertThat(SeriesDetector.fuse(List.of(Evidence.of(1, 0), Evidence.of(1, 0)))).isEqualTo(1);
    // Near-misses do not add up to an alarm: the ensemble alarms only when a detector does.
    assertThat(SeriesDetector.fuse(List.of(Evidence.of(0.49, 0), Evidence.of(0.49, 0))))
        .isEqualTo(0.49);
  }

  @Test
  void calibrationSilencesHeavyTailsThatTheModelWouldFindImprobable() {
    TailCalibrator calibrator = new TailCalibrator();
    double first = calibrator.score(8, 4.5);
    for (int i = 0; i < 500; i++) {
      calibrator.score(i % 50 == 0 ? 8 : 1, 4.5);
    }
    assertThat(first).isGreaterThan(0.5);
    assertThat(calibrator.score(8, 4.5)).isLessThan(0.5);
  }

  @Test
  void poissonAndNormalTailsAreRight() {
    assertThat(Tails.normalUpper(1.96)).isCloseTo(0.025, within(1e-4));
    assertThat(Tails.poissonUpper(3, 0.5)).isCloseTo(0.01439, within(1e-4));
    assertThat(Tails.poissonUpper(0, 2)).isEqualTo(1);
  }

  @Test
  void aDuplicateTimestampIsIgnoredNotFedTwice() {
    SeriesDetector detector =
        SeriesDetector.create(MetricKind.GENERIC, DetectSettings.defaults(), 1);
    detector.update(time(0), 1, 1);
    assertThat(detector.update(time(0), 1, 1)).isNull();
  }

  @Test
  void stateRoundTripsThroughBytesAndScoresTheSame() {
    DetectSettings settings = DetectSettings.defaults();
    double[] values = Series.flat(400, 0.01, 0.002, 5);
    SeriesDetector original = SeriesDetector.create(MetricKind.ERROR_RATE, settings, 3);
    for (int i = 0; i < 300; i++) {
      original.update(time(i), Math.max(0, values[i]), 500);
    }
    SeriesDetector restored =
        SeriesDetector.fromBytes(original.toBytes(), MetricKind.ERROR_RATE, settings, 3);
    for (int i = 300; i < 400; i++) {
      double value = i == 350 ? 0.2 : Math.max(0, values[i]);
      assertThat(restored.update(time(i), value, 500).score())
          .isCloseTo(original.update(time(i), value, 500).score(), within(1e-6));
    }
    assertThat(original.stateBytesByDetector())
        .containsOnlyKeys(
            DetectorKind.SEASONAL,
            DetectorKind.RCF,
            DetectorKind.BURN_RATE,
            DetectorKind.CHANGE_POINT);
  }
}
