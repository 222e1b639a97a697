package io.logpulse.metrics;

import io.logpulse.common.JobMetrics;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.MetricWindow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Merges the partial aggregates of one series into event-time tumbling windows and emits each
 * window's metrics when the watermark passes its end (revision 0). Late partials within the allowed
 * lateness correct the window: at the next watermark the complete values go out again with the next
 * revision, so many late events cost one correction. A window's state and timers are removed once
 * its lateness has passed.
 *
 * <p>Alongside each emission, the side output {@link #DELTAS} carries what changed since the
 * previous one: the whole window for revision 0, and for a correction only the late partials merged
 * since. Sinks that add up what they receive (CloudWatch sums) take the deltas, so their totals
 * converge to the truth instead of counting a window once per revision.
 */
public class WindowedMetricAggregator
    extends KeyedProcessFunction<String, SeriesAggregate, MetricWindow> {

  /** What each emission changed: revision 0 is the whole window, a correction its late part. */
  public static final OutputTag<MetricWindow> DELTAS =
      new OutputTag<>("metric-deltas", new AvroTypeInfo<>(MetricWindow.class));

  private final WindowSettings settings;
  private transient MapState<Long, SeriesAggregate> windows;
  private transient MapState<Long, SeriesAggregate> lateSinceEmission;
  private transient JobMetrics metrics;
  private transient Counter emitted;
  private transient Counter corrections;

  public WindowedMetricAggregator(WindowSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    windows =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "windows", Types.LONG, SeriesAggregateTypeInfoFactory.TYPE));
    lateSinceEmission =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "late-since-emission", Types.LONG, SeriesAggregateTypeInfoFactory.TYPE));
    metrics = new JobMetrics(getRuntimeContext().getMetricGroup());
    emitted = metrics.counter("metricWindows");
    corrections = metrics.counter("metricCorrections");
  }

  @Override
  public void processElement(SeriesAggregate partial, Context ctx, Collector<MetricWindow> out)
      throws Exception {
    long windowMax = TumblingWindow.maxTimestamp(partial.windowStart(), settings.sizeMs());
    long cleanupTime = windowMax + settings.allowedLatenessMs();
    long watermark = ctx.timerService().currentWatermark();
    if (cleanupTime <= watermark) {
      tooLate(partial, watermark, ctx);
      return;
    }
    SeriesAggregate window = windows.get(partial.windowStart());
    if (window == null) {
      window = partial;
      window.changedSinceEmission = true;
    } else {
      if (window.emittedRevision() >= 0) {
        SeriesAggregate late = lateSinceEmission.get(partial.windowStart());
        if (late == null) {
          lateSinceEmission.put(partial.windowStart(), partial.deepCopy());
        } else {
          late.merge(partial);
          lateSinceEmission.put(partial.windowStart(), late);
        }
      }
      window.merge(partial);
    }
    windows.put(partial.windowStart(), window);
    ctx.timerService().registerEventTimeTimer(cleanupTime);
    if (windowMax > watermark) {
      ctx.timerService().registerEventTimeTimer(windowMax);
    } else {
      ctx.timerService().registerEventTimeTimer(watermark + 1);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricWindow> out)
      throws Exception {
    List<Long> expired = new ArrayList<>();
    Iterator<Map.Entry<Long, SeriesAggregate>> entries = windows.iterator();
    while (entries.hasNext()) {
      Map.Entry<Long, SeriesAggregate> entry = entries.next();
      SeriesAggregate window = entry.getValue();
      long windowMax = TumblingWindow.maxTimestamp(entry.getKey(), settings.sizeMs());
      if (windowMax <= timestamp && window.changedSinceEmission()) {
        int revision = window.emittedRevision() + 1;
        out.collect(window.toMetricWindow(settings.sizeMs(), revision));
        SeriesAggregate delta = revision == 0 ? window : lateSinceEmission.get(entry.getKey());
        ctx.output(DELTAS, delta.toMetricWindow(settings.sizeMs(), revision));
        lateSinceEmission.remove(entry.getKey());
        emitted.inc();
        if (revision > 0) {
          corrections.inc();
        }
        window.markEmitted(revision);
        entry.setValue(window);
      }
      if (windowMax + settings.allowedLatenessMs() <= timestamp) {
        expired.add(entry.getKey());
      }
    }
    for (Long start : expired) {
      windows.remove(start);
      lateSinceEmission.remove(start);
    }
    if (windows.isEmpty()) {
      windows.clear();
      lateSinceEmission.clear();
    }
  }

  private void tooLate(SeriesAggregate partial, long watermark, Context ctx) {
    metrics.deadLetter(DeadLetterReason.TOO_LATE);
    ctx.output(
        DeadLetters.TAG,
        DeadLetters.ofEvent(
            null,
            partial.account(),
            null,
            partial.windowStart(),
            partial.toString(),
            DeadLetterReason.TOO_LATE,
            partial.logs()
                + " events of "
                + partial.service()
                + " pre-aggregated for the window at "
                + partial.windowStart()
                + " reached the window operator after watermark "
                + watermark
                + " passed its allowed lateness; payload is the serialized partial aggregate",
            MetricPreAggregator.STAGE,
            ctx.timerService().currentProcessingTime()));
  }
}
