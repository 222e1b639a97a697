package io.logpulse.metrics;

import io.logpulse.common.JobMetrics;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.ServiceEvent;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Combines events into per-series, per-window partial aggregates before the shuffle, so the network
 * carries one record per series and window instead of one per log event.
 *
 * <p>It keeps no state: the buffer is flushed before every checkpoint barrier, when a watermark
 * closes a window, and when it holds too many series. A partial is always emitted before the
 * watermark that would make it late downstream, so lateness is decided here, on raw events: an
 * event whose window is past its allowed lateness goes to the dead-letter output as {@code
 * TOO_LATE}, with its message, and is counted.
 */
public class MetricPreAggregator extends AbstractStreamOperator<SeriesAggregate>
    implements OneInputStreamOperator<ServiceEvent, SeriesAggregate> {

  static final String STAGE = "window";

  private final WindowSettings settings;
  private transient SeriesBuffer buffer;
  private transient long watermark;
  private transient StreamRecord<SeriesAggregate> reuse;
  private transient JobMetrics metrics;
  private transient Counter lateEvents;
  private transient Counter tooLateEvents;

  public MetricPreAggregator(WindowSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open() throws Exception {
    super.open();
    buffer = new SeriesBuffer(settings.sizeMs());
    watermark = Long.MIN_VALUE;
    reuse = new StreamRecord<>(null);
    metrics = new JobMetrics(getMetricGroup());
    lateEvents = metrics.counter("lateEvents");
    tooLateEvents = metrics.counter("tooLateEvents");
  }

  @Override
  public void processElement(StreamRecord<ServiceEvent> element) {
    ServiceEvent event = element.getValue();
    long sizeMs = settings.sizeMs();
    long windowStart = TumblingWindow.start(event.getEventTime(), sizeMs);
    long windowMax = TumblingWindow.maxTimestamp(windowStart, sizeMs);
    if (windowMax <= watermark) {
      if (windowMax + settings.allowedLatenessMs() <= watermark) {
        tooLate(event);
        return;
      }
      lateEvents.inc();
    }
    buffer.add(event, windowStart);
    if (buffer.size() > settings.maxBufferedSeries()) {
      flushAll();
    }
  }

  private void tooLate(ServiceEvent event) {
    tooLateEvents.inc();
    metrics.deadLetter(DeadLetterReason.TOO_LATE);
    output.collect(
        DeadLetters.TAG,
        new StreamRecord<>(
            DeadLetters.ofEvent(
                null,
                event.getAccount(),
                event.getLogGroup(),
                event.getEventTime(),
                event.getMessage(),
                DeadLetterReason.TOO_LATE,
                "event at "
                    + event.getEventTime()
                    + " arrived after watermark "
                    + watermark
                    + " passed its window's allowed lateness "
                    + settings.allowedLateness(),
                STAGE,
                getProcessingTimeService().getCurrentProcessingTime())));
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    watermark = mark.getTimestamp();
    buffer.flushCompleted(watermark, this::emit);
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flushAll();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flushAll();
    super.finish();
  }

  private void flushAll() {
    buffer.flushAll(this::emit);
  }

  private void emit(SeriesAggregate aggregate) {
    reuse.replace(
        aggregate, TumblingWindow.maxTimestamp(aggregate.windowStart(), settings.sizeMs()));
    output.collect(reuse);
  }

  /** Number of series-windows waiting in the buffer; for tests. */
  int bufferedSeries() {
    return buffer.size();
  }
}
