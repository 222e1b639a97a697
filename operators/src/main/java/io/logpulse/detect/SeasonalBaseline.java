package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The model of a series' normal behaviour that the seasonal and change-point detectors test
 * against: a level, an hour-of-day profile and an hour-of-week profile (additive), and a robust
 * scale of the residual, all learned online.
 *
 * <p>Robustness: each value's residual is clipped at 3 scales before it updates anything, so an
 * anomaly moves the model by a bounded amount (for counts, scales of the level's Poisson noise, so
 * that a burst on a sparse series does not teach the hour's profile to expect the next one); the
 * scale is the exponentially weighted mean absolute residual (times 1.25, which is the standard
 * deviation for normal noise) with residuals clipped at 4 scales. Learning rates are set in time,
 * not in values, so a 1-minute and a 5-minute series forget at the same pace: the level over about
 * 2 hours, the scale over about 6 hours, each hour-of-day bucket keeps about 70% of its estimate
 * per day; the hour-of-week profile (a residual on top of the daily one, so that a Monday-morning
 * peak differs from other mornings) learns half its way each week and only counts once the series
 * spans two weeks. A confirmed level shift (from the change-point detector) moves the level at
 * once.
 */
public final class SeasonalBaseline {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final int READY_AFTER = 10;
  private static final long LEVEL_MEMORY = 12 * HOUR;
  private static final double DAILY_SHARE = 0.5;
  private static final double WEEKLY_SHARE = 0.5;

  private long count;
  private long firstTimestamp;
  private long lastTimestamp;
  private double interval;
  private double level;
  private double meanAbsResidual;
  private boolean integerValued = true;
  private final double[] daily = new double[24];
  private final double[] weekly = new double[168];

  /** The forecast for a value at {@code timestamp}, from earlier values only. */
  public Forecast forecast(long timestamp) {
    if (count == 0) {
      return Forecast.NONE;
    }
    return new Forecast(expected(timestamp), scale(), count >= READY_AFTER, integerValued);
  }

  private double expected(long timestamp) {
    double value = level + daily[hourOfDay(timestamp)];
    if (weeklyActive()) {
      value += weekly[hourOfWeek(timestamp)];
    }
    return value;
  }

  private double scale() {
    double floor = Math.max(1e-9, 1e-3 * Math.abs(level));
    if (integerValued) {
      floor = Math.max(floor, Math.sqrt(Math.max(level, 1)));
    }
    return Math.max(1.2533 * meanAbsResidual, floor);
  }

  /**
   * The scale a residual is clipped at before it teaches the model: for counts the Poisson noise of
   * the level rather than the floor of one count that keeps a sparse series' residuals in
   * proportion, so a burst of 6 on a series at 0.2 teaches about 1.3 counts a value, not 3.
   */
  private double learningScale(double scale) {
    if (!integerValued) {
      return scale;
    }
    return Math.max(1.2533 * meanAbsResidual, Math.sqrt(Math.max(level, 0.1)));
  }

  /** The typical time between values, in ms (0 before the second value). */
  public double interval() {
    return interval;
  }

  /** The time of the last value learned, epoch ms. */
  public long lastTimestamp() {
    return lastTimestamp;
  }

  /** Values learned. */
  public long count() {
    return count;
  }

  /** Learns from {@code value} at {@code timestamp}. */
  public void learn(long timestamp, double value) {
    integerValued &= value >= 0 && value == Math.rint(value);
    if (count == 0) {
      count = 1;
      firstTimestamp = timestamp;
      lastTimestamp = timestamp;
      level = value;
      return;
    }
    double dt = Math.max(1, timestamp - lastTimestamp);
    interval = interval == 0 ? dt : interval + 0.05 * (Math.min(dt, 10 * interval) - interval);
    double scale = scale();
    double residual = value - expected(timestamp);
    double clipped = count < READY_AFTER ? residual : clip(residual, 3 * learningScale(scale));
    double levelRate = Math.max(1.0 / (count + 1), rate(LEVEL_MEMORY));
    double scaleRate = Math.max(1.0 / (count + 1), rate(6 * HOUR));
    level += levelRate * clipped;
    double dailyRate = DAILY_SHARE / Math.max(1, HOUR / interval);
    level += adjustProfile(daily, hourOfDay(timestamp), dailyRate * clipped);
    adjustProfile(weekly, hourOfWeek(timestamp), WEEKLY_SHARE / DAILY_SHARE * dailyRate * clipped);
    double absResidual =
        count < READY_AFTER ? Math.abs(residual) : Math.min(Math.abs(residual), 4 * scale);
    meanAbsResidual += scaleRate * (absResidual - meanAbsResidual);
    count++;
    lastTimestamp = timestamp;
  }

  /** Adopts a new level after a confirmed shift, keeping the profile. */
  public void shiftLevel(double delta) {
    level += delta;
  }

  private double rate(long timeConstant) {
    return 1 - Math.exp(-interval / timeConstant);
  }

  /**
   * Adds {@code delta} to one bucket and keeps the profile centred.
   *
   * @return how much the profile's mean would have moved, for the daily profile to hand to the
   *     level
   */
  private static double adjustProfile(double[] profile, int bucket, double delta) {
    profile[bucket] += delta;
    double shift = delta / profile.length;
    for (int i = 0; i < profile.length; i++) {
      profile[i] -= shift;
    }
    return shift;
  }

  private boolean weeklyActive() {
    return lastTimestamp - firstTimestamp >= 14 * DAY;
  }

  private static int hourOfDay(long timestamp) {
    return (int) Math.floorMod(timestamp / HOUR, 24L);
  }

  private static int hourOfWeek(long timestamp) {
    return (int) Math.floorMod(timestamp / HOUR, 168L);
  }

  private static double clip(double value, double limit) {
    return Math.max(-limit, Math.min(limit, value));
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeLong(firstTimestamp);
    out.writeLong(lastTimestamp);
    out.writeDouble(interval);
    out.writeDouble(level);
    out.writeDouble(meanAbsResidual);
    out.writeBoolean(integerValued);
    for (double v : daily) {
      out.writeFloat((float) v);
    }
    for (double v : weekly) {
      out.writeFloat((float) v);
    }
  }

  static SeasonalBaseline read(DataInput in) throws IOException {
    SeasonalBaseline b = new SeasonalBaseline();
    b.count = in.readLong();
    b.firstTimestamp = in.readLong();
    b.lastTimestamp = in.readLong();
    b.interval = in.readDouble();
    b.level = in.readDouble();
    b.meanAbsResidual = in.readDouble();
    b.integerValued = in.readBoolean();
    for (int i = 0; i < b.daily.length; i++) {
      b.daily[i] = in.readFloat();
    }
    for (int i = 0; i < b.weekly.length; i++) {
      b.weekly[i] = in.readFloat();
    }
    return b;
  }
}
