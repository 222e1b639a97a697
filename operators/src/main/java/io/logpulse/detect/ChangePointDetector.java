package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Finds sustained level shifts that no single value makes obvious: a two-sided CUSUM (Page's test)
 * of the seasonal baseline's residual, with allowance 0.5 (it targets shifts of one scale or more)
 * and each residual clipped at 4 so that one spike cannot fake a shift. When the baseline fits the
 * series imperfectly its residuals are autocorrelated and their sums grow faster than white noise
 * would; the residual is therefore divided by the square root of the variance inflation {@code (1 +
 * rho) / (1 - rho)} of its lag-1 autocorrelation rho, estimated over about 100 values. The
 * residuals are already in the baseline's robust scale, and for that allowance P(S >= s) is about
 * e^-s under no change, so the surprise is {@code s / ln 10}, mapped to the score the way a {@link
 * TailCalibrator} maps a calibrated surprise (4.5 is the alarm level 0.5). At surprise 6 (about
 * 1e-6) the shift is confirmed: the detector reports the new level, which the baseline adopts, and
 * starts over, so a permanent shift is one anomaly, not an endless one.
 */
public final class ChangePointDetector implements Detector {

  private static final double ALLOWANCE = 1.0;
  private static final double CLIP = 4;
  private static final double CONFIRM_SURPRISE = 6;

  /** Weight of each value in the residual autocorrelation estimate (about 100 values). */
  private static final double AUTOCORRELATION_RATE = 0.01;

  private static final double MAX_RHO = 0.9;

  private final MetricKind metric;
  private double previousZ;
  private double lagProduct;
  private double square;
  private double upper;
  private double lower;
  private double upperRunSum;
  private int upperRunLength;
  private double lowerRunSum;
  private int lowerRunLength;

  ChangePointDetector(MetricKind metric) {
    this.metric = metric;
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
    double raw = Math.max(-CLIP, Math.min(CLIP, forecast.z(observation.value())));
    lagProduct += AUTOCORRELATION_RATE * (raw * previousZ - lagProduct);
    square += AUTOCORRELATION_RATE * (raw * raw - square);
    previousZ = raw;
    double rho = square > 0 ? Math.max(0, Math.min(MAX_RHO, lagProduct / square)) : 0;
    double z = raw / Math.sqrt((1 + rho) / (1 - rho));
    upper = Math.max(0, upper + z - ALLOWANCE);
    upperRunSum = upper == 0 ? 0 : upperRunSum + z;
    upperRunLength = upper == 0 ? 0 : upperRunLength + 1;
    if (metric.upOnly()) {
      lower = 0;
    } else {
      lower = Math.max(0, lower - z - ALLOWANCE);
    }
    lowerRunSum = lower == 0 ? 0 : lowerRunSum + z;
    lowerRunLength = lower == 0 ? 0 : lowerRunLength + 1;
    boolean rising = upper >= lower;
    double statistic = rising ? upper : lower;
    double surprise = 2 * ALLOWANCE * statistic / Math.log(10);
    double score = Math.max(0, Math.min(1, (surprise - 2) / 5));
    if (surprise >= CONFIRM_SURPRISE) {
      double meanZ = rising ? upperRunSum / upperRunLength : lowerRunSum / lowerRunLength;
      double newLevel = forecast.expected() + meanZ * forecast.scale();
      reset();
      return new Evidence(score, forecast.expected(), newLevel);
    }
    return Evidence.of(score, forecast.expected());
  }

  private void reset() {
    upper = 0;
    lower = 0;
    upperRunSum = 0;
    upperRunLength = 0;
    lowerRunSum = 0;
    lowerRunLength = 0;
  }

  @Override
  public void gap() {
    reset();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeFloat((float) previousZ);
    out.writeFloat((float) lagProduct);
    out.writeFloat((float) square);
    out.writeFloat((float) upper);
    out.writeFloat((float) lower);
    out.writeFloat((float) upperRunSum);
    out.writeInt(upperRunLength);
    out.writeFloat((float) lowerRunSum);
    out.writeInt(lowerRunLength);
  }

  static ChangePointDetector read(MetricKind metric, DataInput in) throws IOException {
    ChangePointDetector d = new ChangePointDetector(metric);
    d.previousZ = in.readFloat();
    d.lagProduct = in.readFloat();
    d.square = in.readFloat();
    d.upper = in.readFloat();
    d.lower = in.readFloat();
    d.upperRunSum = in.readFloat();
    d.upperRunLength = in.readInt();
    d.lowerRunSum = in.readFloat();
    d.lowerRunLength = in.readInt();
    return d;
  }
}
