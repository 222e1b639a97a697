package io.logpulse.impact;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.MetricWindow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs the {@link ImpactJudge} of each service (keyed by {@link #keyOf}) over its whole-service
 * windows and emits the impact steps. State per service is one {@link ImpactState}; a service that
 * logs nothing for {@link ImpactSettings#stateTtl()} is forgotten by an event-time timer, or, when
 * its next window arrives first (in a batch run timers fire only after all of a key's input), by
 * that window, so the outcome does not depend on when the watermark fires the timer.
 */
public final class ImpactFunction extends KeyedProcessFunction<String, MetricWindow, Anomaly> {
  private static final long serialVersionUID = 1L;

  private final ImpactSettings settings;
  private final ImpactJudge judge;
  private transient ValueState<ImpactState> state;
  private transient Counter opened;

  public ImpactFunction(ImpactSettings settings, long windowMs) {
    this.settings = settings;
    this.judge = new ImpactJudge(settings, windowMs);
  }

  /** The key of a service: account and service name. */
  public static String keyOf(MetricWindow window) {
    return window.getAccount() + "/" + window.getService();
  }

  /** Whether the impact judge reads a window: whole-service windows, as they first close. */
  public static boolean judged(MetricWindow window) {
    return window.getOperation() == null && window.getRevision() == 0;
  }

  @Override
  public void open(OpenContext context) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("impact", ImpactState.class));
    opened = new JobMetrics(getRuntimeContext().getMetricGroup()).counter("impactsOpened");
  }

  @Override
  public void processElement(MetricWindow window, Context ctx, Collector<Anomaly> out)
      throws Exception {
    ImpactState current = state.value();
    long start = window.getWindowStart().toEpochMilli();
    if (current != null && start >= expiry(current)) {
      ctx.timerService().deleteEventTimeTimer(expiry(current));
      forget(current, window.getAccount(), window.getService(), out);
      current = null;
    }
    if (current == null) {
      current = new ImpactState();
    } else {
      ctx.timerService().deleteEventTimeTimer(expiry(current));
    }
    for (Anomaly step :
        judge.judge(current, window.getAccount(), window.getService(), ServiceWindow.of(window))) {
      if ("OPEN".equals(step.getState())) {
        opened.inc();
      }
      out.collect(step);
    }
    state.update(current);
    ctx.timerService().registerEventTimeTimer(expiry(current));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
    ImpactState current = state.value();
    if (current != null && expiry(current) == timestamp) {
      String key = ctx.getCurrentKey();
      int slash = key.indexOf('/');
      forget(current, key.substring(0, slash), key.substring(slash + 1), out);
    }
  }

  private void forget(ImpactState current, String account, String service, Collector<Anomaly> out) {
    Anomaly close = judge.expire(current, account, service, expiry(current));
    if (close != null) {
      out.collect(close);
    }
    state.clear();
  }

  private long expiry(ImpactState current) {
    return current.lastWindowStart + settings.stateTtl().toMillis();
  }
}
