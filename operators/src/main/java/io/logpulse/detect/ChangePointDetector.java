package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Finds sustained level shifts that no single value makes obvious: a two-sided CUSUM (Page's test)
 * of the seasonal baseline's residual ({@link Observation#z}, so an error rate from few requests
 * moves it little), with allowance 1 (it targets shifts of two scales or more) and each residual
 * clipped at 4 so that one spike cannot fake a shift. When the baseline fits the series imperfectly
 * its residuals are autocorrelated and their sums grow faster than white noise would; the residual
 * is therefore divided by the square root of the variance inflation {@code (1 + rho) / (1 - rho)}
 * of its lag-1 autocorrelation rho, estimated over about 100 values. For that allowance P(S >= s)
 * is about e^-2s under no change, so the model's surprise is {@code 2 s / ln 10}; a {@link
 * TailCalibrator} of its own turns it into the score, so a series whose residual wanders (or spikes
 * for a few values at a time) as a habit does not alarm on it. The statistic is a running sum, so
 * one excursion is many consecutive high values; the calibrator therefore learns each excursion
 * once, at its peak, when it ends (every other value counts as surprise 0): it remembers how often
 * excursions of each height begin, which is the rate at which they would alarm, and an excursion
 * still under way (a shift not yet adopted) never teaches it that the shift is normal.
 *
 * <p>A shift is confirmed when the model's surprise reaches {@link #CONFIRM_SURPRISE} (about 1e-6)
 * and the last {@link #CONFIRM_RUN} residuals were all beyond the allowance on the same side, so a
 * spike of a few values, however tall, is never taken for a new level. The detector then reports
 * the new level (the expected value plus the mean unclipped residual of that run), which the
 * baseline adopts at once, and starts over: a permanent shift is one alarm at its onset, not an
 * endless anomaly. A shift of 2 scales or more is so adopted after {@link #CONFIRM_RUN} values (an
 * hour of 5-minute values) once its residuals stay beyond the allowance; a smaller one is absorbed
 * by the baseline's level, which forgets over about 12 hours.
 */
public final class ChangePointDetector implements Detector {

  private static final double ALLOWANCE = 1.0;
  private static final double CLIP = 4;
  private static final double CONFIRM_SURPRISE = 6;

  /** Consecutive residuals beyond the allowance, on one side, that a confirmed shift needs. */
  static final int CONFIRM_RUN = 12;

  /** Weight of each value in the residual autocorrelation estimate (about 100 values). */
  private static final double AUTOCORRELATION_RATE = 0.01;

  private static final double MAX_RHO = 0.9;

  private final MetricKind metric;
  private final TailCalibrator calibrator;
  private double previousZ;
  private double lagProduct;
  private double square;
  private double upper;
  private double lower;

  /** Consecutive residuals above +allowance (positive) or below -allowance (negative). */
  private int run;

  /** Sum of the unclipped residuals (value minus expected) of that run. */
  private double runResidual;

  /** The highest model surprise since the statistic last stood at 0. */
  private double excursionPeak;

  /**
   * Whether the baseline adopted a confirmed shift and this detector has not alarmed since: the
   * adopted level is an estimate, so the residuals after it may lean to one side for a while
   * without anything new happening, and they no longer hold the anomaly open.
   */
  private boolean adopted;

  ChangePointDetector(MetricKind metric) {
    this(metric, new TailCalibrator());
  }

  private ChangePointDetector(MetricKind metric, TailCalibrator calibrator) {
    this.metric = metric;
    this.calibrator = calibrator;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.CHANGE_POINT;
  }

  @Override
  public Evidence update(Observation observation) {
    Forecast forecast = observation.forecast();
    if (!forecast.ready()) {
      return Evidence.NONE;
    }
    double unclipped = observation.z(metric);
    double raw = Math.max(-CLIP, Math.min(CLIP, unclipped));
    lagProduct += AUTOCORRELATION_RATE * (raw * previousZ - lagProduct);
    square += AUTOCORRELATION_RATE * (raw * raw - square);
    previousZ = raw;
    double rho = square > 0 ? Math.max(0, Math.min(MAX_RHO, lagProduct / square)) : 0;
    double z = raw / Math.sqrt((1 + rho) / (1 - rho));
    upper = Math.max(0, upper + z - ALLOWANCE);
    lower = metric.upOnly() ? 0 : Math.max(0, lower - z - ALLOWANCE);
    track(unclipped, observation.value() - forecast.expected());
    boolean rising = upper >= lower;
    double surprise = 2 * ALLOWANCE * Math.max(upper, lower) / Math.log(10);
    double score = calibrator.peek(surprise, observation.alarmSurprise());
    excursionPeak = Math.max(excursionPeak, surprise);
    boolean confirmed = surprise >= CONFIRM_SURPRISE && (rising ? run : -run) >= CONFIRM_RUN;
    if (score >= 0.5) {
      adopted = false;
    }
    if (confirmed || Math.max(upper, lower) == 0) {
      endExcursion(observation.alarmSurprise());
    } else {
      calibrator.learn(0, 1);
    }
    if (confirmed) {
      double newLevel = forecast.expected() + runResidual / Math.abs(run);
      reset();
      adopted = true;
      return new Evidence(score, forecast.expected(), newLevel);
    }
    return Evidence.of(score, forecast.expected());
  }

  /**
   * Teaches the calibrator the peak of the excursion that just ended (0 when there was none), with
   * the lesser weight of an alarm if it alarmed.
   */
  private void endExcursion(double alarmSurprise) {
    boolean alarmed = calibrator.peek(excursionPeak, alarmSurprise) >= 0.5;
    calibrator.learn(excursionPeak, alarmed ? TailCalibrator.ALARM_WEIGHT : 1);
    excursionPeak = 0;
  }

  /**
   * Whether the latest residuals are still beyond the allowance on one side (the side that matters
   * for the metric): the series has not come back, and the baseline has not yet adopted a new level
   * (after it has, until this detector alarms again, nothing holds the anomaly open).
   */
  @Override
  public boolean holdsOpen() {
    return !adopted && (metric.upOnly() ? run > 0 : run != 0);
  }

  /** Extends or restarts the run of same-side residuals beyond the allowance. */
  private void track(double z, double residual) {
    int side = z > ALLOWANCE ? 1 : z < -ALLOWANCE ? -1 : 0;
    if (side == 0 || Integer.signum(run) != side) {
      run = side;
      runResidual = side == 0 ? 0 : residual;
    } else {
      run += side;
      runResidual += residual;
    }
  }

  private void reset() {
    upper = 0;
    lower = 0;
    excursionPeak = 0;
    run = 0;
    runResidual = 0;
  }

  @Override
  public void gap() {
    reset();
    adopted = false;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    calibrator.write(out);
    writeStatistics(out);
    out.writeShort(run);
    out.writeFloat((float) runResidual);
    out.writeFloat((float) excursionPeak);
    out.writeBoolean(adopted);
  }

  private void writeStatistics(DataOutput out) throws IOException {
    out.writeFloat((float) previousZ);
    out.writeFloat((float) lagProduct);
    out.writeFloat((float) square);
    out.writeFloat((float) upper);
    out.writeFloat((float) lower);
  }

  static ChangePointDetector read(MetricKind metric, DataInput in) throws IOException {
    ChangePointDetector d = new ChangePointDetector(metric, TailCalibrator.read(in));
    d.readStatistics(in);
    d.run = in.readShort();
    d.runResidual = in.readFloat();
    d.excursionPeak = in.readFloat();
    d.adopted = in.readBoolean();
    return d;
  }

  /**
   * Reads the detector's state as version 1 of the series state wrote it: the CUSUM's run sums and
   * no calibrator. The CUSUM carries on; the same-side run and the calibrator start afresh.
   */
  static ChangePointDetector readVersion1(MetricKind metric, DataInput in) throws IOException {
    ChangePointDetector d = new ChangePointDetector(metric);
    d.readStatistics(in);
    in.readFloat();
    in.readInt();
    in.readFloat();
    in.readInt();
    return d;
  }

  private void readStatistics(DataInput in) throws IOException {
    previousZ = in.readFloat();
    lagProduct = in.readFloat();
    square = in.readFloat();
    upper = in.readFloat();
    lower = in.readFloat();
  }
}
