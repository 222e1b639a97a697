package io.logpulse.detect;

import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.Precision;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Random Cut Forest over a shingle of the last values ({@link ThresholdedRandomCutForest} from
 * randomcutforest-parkservices, internal shingling, normalized input): it finds values and shapes
 * that are isolated from the recent past, which catches spikes and odd patterns a level model
 * misses. The forest's thresholder keeps a running threshold for its score aimed at an anomaly rate
 * of 0.005; the score in units of that threshold becomes a surprise (the threshold is p = 0.005)
 * that a {@link TailCalibrator} calibrates like every other detector's. For metrics where only a
 * rise matters, values below the baseline's forecast score 0.
 *
 * <p>State: the library's state mapper gives a {@link ThresholdedRandomCutForestState}, a
 * serializable object graph, written with Java serialization and deflated (parkservices brings no
 * other serializer). It is by far the largest state of any detector, which is why the forest only
 * runs on the series configured for it.
 */
public final class RcfDetector implements Detector {

  /** Only the forest's own state classes and the JDK types they hold are deserialized. */
  private static final ObjectInputFilter STATE_CLASSES =
      ObjectInputFilter.Config.createFilter(
          "com.amazon.randomcutforest.**;java.lang.*;java.util.*;maxdepth=64;!*");

  /** Surprise of a score at the thresholder's threshold: it targets anomaly rate 0.005. */
  private static final double THRESHOLD_SURPRISE = -Math.log10(0.005);

  /**
   * The least calibrated surprise at which the forest alarms (about twice its threshold). Its score
   * is no probability, so it cannot be held to a share of the false-alarm budget the way a tail
   * probability can; on the labelled scenarios, alarming below this level (as a share of 0.1 a day
   * at 5-minute values would, at 3.9) doubled its false alarms while adding nothing the other
   * detectors did not find. The forest therefore never spends more than its share.
   */
  static final double MIN_ALARM_SURPRISE = 4.5;

  private final MetricKind metric;
  private final ThresholdedRandomCutForest forest;
  private final TailCalibrator calibrator;

  RcfDetector(MetricKind metric, DetectSettings settings, long seed) {
    this(
        metric,
        ThresholdedRandomCutForest.builder()
            .dimensions(settings.rcfShingle())
            .shingleSize(settings.rcfShingle())
            .internalShinglingEnabled(true)
            .numberOfTrees(settings.rcfTrees())
            .sampleSize(settings.rcfSampleSize())
            .precision(Precision.FLOAT_32)
            .forestMode(ForestMode.STANDARD)
            .transformMethod(TransformMethod.NORMALIZE)
            .outputAfter(Math.max(settings.rcfShingle() + 1, settings.warmupPoints() / 2))
            .anomalyRate(0.005)
            .parallelExecutionEnabled(false)
            .compact(true)
            .randomSeed(seed)
            .build(),
        new TailCalibrator());
  }

  private RcfDetector(
      MetricKind metric, ThresholdedRandomCutForest forest, TailCalibrator calibrator) {
    this.metric = metric;
    this.forest = forest;
    this.calibrator = calibrator;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.RCF;
  }

  @Override
  public Evidence update(Observation observation) {
    AnomalyDescriptor descriptor =
        forest.process(new double[] {observation.value()}, observation.timestamp());
    Forecast forecast = observation.forecast();
    double expected = forecast.expected();
    double[][] expectedValues = descriptor.getExpectedValuesList();
    if (descriptor.getAnomalyGrade() > 0 && expectedValues != null && expectedValues.length > 0) {
      expected = expectedValues[0][0];
    }
    double threshold = descriptor.getThreshold();
    if (!(threshold > 0)
        || (metric.upOnly() && forecast.ready() && observation.value() <= forecast.expected())) {
      return Evidence.of(0, expected);
    }
    double surprise = THRESHOLD_SURPRISE * descriptor.getRCFScore() / threshold;
    return Evidence.of(
        calibrator.score(surprise, Math.max(MIN_ALARM_SURPRISE, observation.alarmSurprise())),
        expected);
  }

  @Override
  public void gap() {}

  @Override
  public void write(DataOutput out) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(new DeflaterOutputStream(bytes))) {
      objects.writeObject(new ThresholdedRandomCutForestMapper().toState(forest));
    }
    calibrator.write(out);
    out.writeInt(bytes.size());
    out.write(bytes.toByteArray());
  }

  static RcfDetector read(MetricKind metric, DataInput in) throws IOException {
    TailCalibrator calibrator = TailCalibrator.read(in);
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    try (ObjectInputStream objects =
        new ObjectInputStream(new InflaterInputStream(new ByteArrayInputStream(bytes)))) {
      objects.setObjectInputFilter(STATE_CLASSES);
      ThresholdedRandomCutForestState state =
          (ThresholdedRandomCutForestState) objects.readObject();
      return new RcfDetector(
          metric, new ThresholdedRandomCutForestMapper().toModel(state), calibrator);
    } catch (ClassNotFoundException e) {
      throw new IOException("unreadable Random Cut Forest state", e);
    }
  }
}
