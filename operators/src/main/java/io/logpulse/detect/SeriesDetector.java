package io.logpulse.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ensemble for one series: the seasonal baseline, the detectors that apply to the series'
 * metric, the fusion of their scores and the anomaly lifecycle. The Flink operator keeps one per
 * series in keyed state (as {@link #toBytes()}); {@code logpulse detect} runs one over a CSV file.
 *
 * <p>Each value is scored from earlier values only: the baseline forecasts, every detector scores
 * and learns, then the baseline learns. Fusion: every detector's score is calibrated so that 0.5 is
 * its alarm level on any series; the ensemble takes the highest score and adds what the second
 * highest has above 0.5 times the remaining headroom, so agreement raises an alarm's score but
 * near-misses never make one. Warm-up: the ensemble scores 0 until the series has {@code
 * warmupPoints} values. Gaps: when no value came for {@link #GAP_INTERVALS} typical intervals,
 * short-term memory is dropped and the next {@link #REWARM_POINTS} values score 0 while the
 * detectors catch up.
 */
public final class SeriesDetector {

  /** No value for this many typical intervals is a gap. */
  static final double GAP_INTERVALS = 10;

  /** Values after a gap that score 0. */
  static final int REWARM_POINTS = 5;

  /** Version 2 added the change-point detector's calibrator and same-side run. */
  private static final byte VERSION = 2;

  private static final double DAY_MS = 86_400_000.0;

  /** Bounds of the alarm surprise: p = 0.01 per value at most, 1e-7 at least. */
  static final double MIN_ALARM_SURPRISE = 2;

  static final double MAX_ALARM_SURPRISE = 7;

  private final MetricKind metric;
  private final DetectSettings settings;
  private final SeasonalBaseline baseline;
  private final List<Detector> detectors;
  private final AnomalyLifecycle lifecycle;
  private long sinceGap;

  private SeriesDetector(
      MetricKind metric,
      DetectSettings settings,
      SeasonalBaseline baseline,
      List<Detector> detectors,
      AnomalyLifecycle lifecycle,
      long sinceGap) {
    this.metric = metric;
    this.settings = settings;
    this.baseline = baseline;
    this.detectors = detectors;
    this.lifecycle = lifecycle;
    this.sinceGap = sinceGap;
  }

  /**
   * A new, empty ensemble.
   *
   * @param seed seed of the forest's randomness (derive it from the series for reproducibility)
   */
  public static SeriesDetector create(MetricKind metric, DetectSettings settings, long seed) {
    List<Detector> detectors = new ArrayList<>();
    for (DetectorKind kind : applicable(metric, settings)) {
      detectors.add(newDetector(kind, metric, settings, seed));
    }
    return new SeriesDetector(
        metric, settings, new SeasonalBaseline(), detectors, new AnomalyLifecycle(), 0);
  }

  /** The detectors that run on a metric under these settings, in a fixed order. */
  public static Set<DetectorKind> applicable(MetricKind metric, DetectSettings settings) {
    Set<DetectorKind> kinds = EnumSet.noneOf(DetectorKind.class);
    for (DetectorKind kind : settings.detectors()) {
      boolean applies =
          switch (kind) {
            case SEASONAL, CHANGE_POINT -> true;
            case RCF -> settings.rcfMetrics().contains(metric);
            case BURN_RATE -> metric == MetricKind.ERROR_RATE;
            case NEW_PATTERN -> false;
          };
      if (applies) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  private static Detector newDetector(
      DetectorKind kind, MetricKind metric, DetectSettings settings, long seed) {
    return switch (kind) {
      case SEASONAL -> new SeasonalDetector(metric);
      case CHANGE_POINT -> new ChangePointDetector(metric);
      case RCF -> new RcfDetector(metric, settings, seed);
      case BURN_RATE -> new BurnRateDetector(settings.sloTarget());
      case NEW_PATTERN -> throw new IllegalArgumentException("not a series detector: " + kind);
    };
  }

  /**
   * The result of one value.
   *
   * @param score the ensemble score in [0,1]
   * @param evidence each detector's evidence
   * @param expected what the baseline expected (NaN before the first value)
   * @param event the anomaly step this value caused, or null
   */
  public record Result(
      double score, Map<DetectorKind, Evidence> evidence, double expected, AnomalyEvent event) {}

  /**
   * Scores a value from earlier values, then learns from it.
   *
   * @param weight events behind the value (requests behind an error rate), 1 when unknown
   * @return the result, or null when {@code timestamp} is not after the last value's (a duplicate
   *     or out-of-order value is ignored rather than fed twice)
   */
  public Result update(long timestamp, double value, double weight) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite value: " + value);
    }
    if (baseline.count() > 0 && timestamp <= baseline.lastTimestamp()) {
      return null;
    }
    if (baseline.count() > 1
        && timestamp - baseline.lastTimestamp() > GAP_INTERVALS * baseline.interval()) {
      detectors.forEach(Detector::gap);
      sinceGap = 0;
    }
    Forecast forecast = baseline.forecast(timestamp);
    Observation observation =
        new Observation(timestamp, value, weight, forecast, alarmSurprise(baseline.interval()));
    Map<DetectorKind, Evidence> evidence = new EnumMap<>(DetectorKind.class);
    double newLevel = Double.NaN;
    boolean held = false;
    for (Detector detector : detectors) {
      Evidence e = detector.update(observation);
      evidence.put(detector.kind(), e);
      held |= detector.holdsOpen();
      if (!Double.isNaN(e.newLevel())) {
        newLevel = e.newLevel();
      }
    }
    boolean warm =
        baseline.count() >= settings.warmupPoints()
            && sinceGap >= Math.min(settings.warmupPoints(), REWARM_POINTS);
    double score = warm ? fuse(evidence.values()) : 0;
    Set<DetectorKind> fired = EnumSet.noneOf(DetectorKind.class);
    if (warm) {
      evidence.forEach(
          (kind, e) -> {
            if (e.score() >= settings.openThreshold()) {
              fired.add(kind);
            }
          });
    }
    if (!Double.isNaN(newLevel)) {
      baseline.shiftLevel(newLevel - forecast.expected());
    }
    baseline.learn(timestamp, value);
    sinceGap++;
    AnomalyEvent event =
        lifecycle.update(settings, timestamp, score, fired, held, forecast.expected(), value);
    return new Result(score, Collections.unmodifiableMap(evidence), forecast.expected(), event);
  }

  /**
   * The calibrated surprise at which each detector scores 0.5: {@code -log10} of the per-value
   * probability that spends the series' false-alarm budget ({@link
   * DetectSettings#falseAlarmsPerDay()}) at this series' interval, shared equally by the
   * statistical detectors (all but the burn rate, an SLO policy), so that the ensemble alarms on a
   * series without anomalies at most about that often. Bounded to [{@value #MIN_ALARM_SURPRISE},
   * {@value #MAX_ALARM_SURPRISE}].
   */
  double alarmSurprise(double intervalMs) {
    long statistical = detectors.stream().filter(d -> d.kind() != DetectorKind.BURN_RATE).count();
    double perDay = settings.falseAlarmsPerDay();
    if (statistical > 1 && detectors.stream().anyMatch(d -> d.kind() == DetectorKind.RCF)) {
      // The forest never alarms below its own floor, so it spends at most that floor's rate.
      double forestFloor = Math.pow(10, -RcfDetector.MIN_ALARM_SURPRISE) * DAY_MS / intervalMs;
      perDay -= Math.min(perDay / statistical, forestFloor);
      statistical--;
    }
    return alarmSurprise(perDay / Math.max(1, statistical), intervalMs);
  }

  /**
   * The surprise of the per-value probability that raises {@code perDay} alarms a day on values
   * {@code intervalMs} apart, within the bounds above; the upper bound before the interval is
   * known.
   */
  public static double alarmSurprise(double perDay, double intervalMs) {
    if (!(intervalMs > 0)) {
      return MAX_ALARM_SURPRISE;
    }
    double perValue = perDay * intervalMs / DAY_MS;
    return Math.max(MIN_ALARM_SURPRISE, Math.min(MAX_ALARM_SURPRISE, -Math.log10(perValue)));
  }

  /**
   * The highest score plus, times the headroom left, what the second highest has above the alarm
   * level 0.5. A detector below its alarm level adds nothing, so the ensemble reaches 0.5 only when
   * one of its detectors does, and its false-alarm rate is at most the sum of theirs (the union
   * bound that {@link #alarmSurprise(double)} shares the budget by): near-misses of two detectors
   * that read the same residual (a spike moves the seasonal test and the CUSUM alike) are not
   * independent evidence and must not add up to an alarm.
   */
  static double fuse(Iterable<Evidence> evidence) {
    double first = 0;
    double second = 0;
    for (Evidence e : evidence) {
      if (e.score() > first) {
        second = first;
        first = e.score();
      } else if (e.score() > second) {
        second = e.score();
      }
    }
    return first + (1 - first) * Math.max(0, second - 0.5);
  }

  /** Closes the open anomaly, if any, because the series went quiet; returns the CLOSE step. */
  public AnomalyEvent closeOpenAnomaly(long time) {
    return lifecycle.close(time);
  }

  /** The complete state. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeLong(sinceGap);
      baseline.write(out);
      lifecycle.write(out);
      out.writeByte(detectors.size());
      for (Detector detector : detectors) {
        byte[] state = detectorState(detector);
        out.writeByte(detector.kind().code());
        out.writeInt(state.length);
        out.write(state);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bytes of state per detector: the baseline counts towards the seasonal detector, whose model it
   * is; the lifecycle and bookkeeping are not included.
   */
  public Map<DetectorKind, Integer> stateBytesByDetector() {
    Map<DetectorKind, Integer> sizes = new EnumMap<>(DetectorKind.class);
    for (Detector detector : detectors) {
      sizes.put(detector.kind(), detectorState(detector).length);
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      baseline.write(new DataOutputStream(bytes));
      sizes.merge(DetectorKind.SEASONAL, bytes.size(), Integer::sum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sizes;
  }

  private static byte[] detectorState(Detector detector) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      detector.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Restores an ensemble from {@link #toBytes()}, of this version or version 1. Detectors the
   * settings no longer include are dropped; detectors they newly include start empty.
   */
  public static SeriesDetector fromBytes(
      byte[] state, MetricKind metric, DetectSettings settings, long seed) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
      byte version = in.readByte();
      if (version != VERSION && version != 1) {
        throw new IOException("unknown detector state version " + version);
      }
      long sinceGap = in.readLong();
      SeasonalBaseline baseline = SeasonalBaseline.read(in);
      AnomalyLifecycle lifecycle = AnomalyLifecycle.read(in);
      Set<DetectorKind> wanted = applicable(metric, settings);
      Map<DetectorKind, Detector> restored = new EnumMap<>(DetectorKind.class);
      int count = in.readByte();
      for (int i = 0; i < count; i++) {
        DetectorKind kind = DetectorKind.ofCode(in.readByte());
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        if (wanted.contains(kind)) {
          restored.put(kind, readDetector(kind, metric, settings, version, bytes));
        }
      }
      List<Detector> detectors = new ArrayList<>();
      for (DetectorKind kind : wanted) {
        detectors.add(
            restored.containsKey(kind)
                ? restored.get(kind)
                : newDetector(kind, metric, settings, seed));
      }
      return new SeriesDetector(metric, settings, baseline, detectors, lifecycle, sinceGap);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Detector readDetector(
      DetectorKind kind, MetricKind metric, DetectSettings settings, byte version, byte[] bytes)
      throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    return switch (kind) {
      case SEASONAL -> SeasonalDetector.read(metric, in);
      case CHANGE_POINT ->
          version == 1
              ? ChangePointDetector.readVersion1(metric, in)
              : ChangePointDetector.read(metric, in);
      case RCF -> RcfDetector.read(metric, in);
      case BURN_RATE -> BurnRateDetector.read(settings.sloTarget(), in);
      case NEW_PATTERN -> throw new IOException("not a series detector: " + kind);
    };
  }
}
