package io.logpulse.metrics;

import io.logpulse.schema.ServiceEvent;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Partial aggregates per series and window, filled event by event. Every event counts towards its
 * service's series and, when it has an operation, towards that operation's series too.
 */
public final class SeriesBuffer {

  private final long windowSizeMs;
  private final Map<SeriesWindow, SeriesAggregate> partials = new HashMap<>();

  public SeriesBuffer(long windowSizeMs) {
    this.windowSizeMs = windowSizeMs;
  }

  /** Adds an event to the partials of its window. */
  public void add(ServiceEvent event) {
    add(event, TumblingWindow.start(event.getEventTime(), windowSizeMs));
  }

  /** Adds an event to the partials of the window starting at {@code windowStart}. */
  public void add(ServiceEvent event, long windowStart) {
    partial(event.getAccount(), event.getService(), null, windowStart).add(event);
    if (event.getOperation() != null) {
      partial(event.getAccount(), event.getService(), event.getOperation(), windowStart).add(event);
    }
  }

  private SeriesAggregate partial(
      String account, String service, String operation, long windowStart) {
    SeriesWindow key = new SeriesWindow(account, service, operation, windowStart);
    SeriesAggregate aggregate = partials.get(key);
    if (aggregate == null) {
      aggregate = new SeriesAggregate(account, service, operation, windowStart);
      partials.put(key, aggregate);
    }
    return aggregate;
  }

  /** Hands over and forgets the partials of windows that end at or before {@code watermark}. */
  public void flushCompleted(long watermark, Consumer<SeriesAggregate> out) {
    Iterator<Map.Entry<SeriesWindow, SeriesAggregate>> entries = partials.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<SeriesWindow, SeriesAggregate> entry = entries.next();
      if (TumblingWindow.maxTimestamp(entry.getKey().start(), windowSizeMs) <= watermark) {
        out.accept(entry.getValue());
        entries.remove();
      }
    }
  }

  /** Hands over and forgets every partial. */
  public void flushAll(Consumer<SeriesAggregate> out) {
    partials.values().forEach(out);
    partials.clear();
  }

  /** Number of series-windows held. */
  public int size() {
    return partials.size();
  }

  private record SeriesWindow(String account, String service, String operation, long start) {}
}
