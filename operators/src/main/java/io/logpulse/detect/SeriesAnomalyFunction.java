package io.logpulse.detect;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Anomaly;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs the detector ensemble of each series (keyed by {@link SeriesPoint#seriesKey()}) and emits
 * the steps of its anomalies. The ensemble lives in keyed state as bytes ({@link
 * SeriesDetector#toBytes()}), so any state backend holds it and its size per series is what the
 * README reports. Forests run only on service-level series of the metrics configured for them.
 *
 * <p>State is bounded: each value moves an event-time timer to {@code stateTtl} after it; when a
 * series stays quiet that long the timer clears its state (a series that comes back starts a new
 * warm-up). An anomaly still open then is closed with the eviction time. A value arriving after
 * that time expires the series first, so the outcome does not depend on when the watermark fires
 * the timer (in a batch run timers fire only after all of a series' values).
 */
public class SeriesAnomalyFunction extends KeyedProcessFunction<String, SeriesPoint, Anomaly> {

  private final SeriesScorer scorer;
  private transient ValueState<byte[]> detector;
  private transient ValueState<SeriesPoint> last;
  private transient Counter opened;

  public SeriesAnomalyFunction(DetectSettings settings) {
    this.scorer = new SeriesScorer(settings);
  }

  @Override
  public void open(OpenContext openContext) {
    detector =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "detector", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    last =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-point", SeriesPoint.class));
    opened = new JobMetrics(getRuntimeContext().getMetricGroup()).counter("anomaliesOpened");
  }

  @Override
  public void processElement(SeriesPoint point, Context ctx, Collector<Anomaly> out)
      throws Exception {
    SeriesPoint previous = last.value();
    if (scorer.expired(previous, point)) {
      // The series was quiet for the TTL: expire it now rather than when its timer fires, which in
      // a batch run (and behind a slow watermark) comes only after this value.
      ctx.timerService().deleteEventTimeTimer(expiry(previous));
      expire(previous, expiry(previous), ctx.getCurrentKey(), out);
      previous = null;
    }
    SeriesDetector ensemble = scorer.ensemble(detector.value(), point, ctx.getCurrentKey());
    SeriesDetector.Result result =
        ensemble.update(point.windowStart(), point.value(), point.weight());
    if (result == null) {
      return;
    }
    if (result.event() != null) {
      if (result.event().state() == AnomalyEvent.State.OPEN) {
        opened.inc();
      }
      out.collect(Anomalies.of(point, result.event()));
    }
    detector.update(ensemble.toBytes());
    if (previous != null) {
      ctx.timerService().deleteEventTimeTimer(expiry(previous));
    }
    last.update(point);
    ctx.timerService().registerEventTimeTimer(expiry(point));
  }

  private long expiry(SeriesPoint point) {
    return scorer.expiry(point);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
    SeriesPoint point = last.value();
    if (point == null || expiry(point) != timestamp) {
      return;
    }
    expire(point, timestamp, ctx.getCurrentKey(), out);
  }

  /** Closes what is open at {@code time} and clears the series' state. */
  private void expire(SeriesPoint point, long time, String key, Collector<Anomaly> out)
      throws Exception {
    AnomalyEvent close = scorer.ensemble(detector.value(), point, key).closeOpenAnomaly(time);
    if (close != null) {
      out.collect(Anomalies.of(point, close));
    }
    detector.clear();
    last.clear();
  }
}
