package io.logpulse.impact;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.MetricWindow;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
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
      deleteTimers(current, ctx.timerService());
      forget(current, window.getAccount(), window.getService(), out);
      current = null;
    }
    if (current == null) {
      current = new ImpactState();
    } else {
      deleteTimers(current, ctx.timerService());
    }
    emit(
        judge.judge(current, window.getAccount(), window.getService(), ServiceWindow.of(window)),
        out);
    state.update(current);
    registerTimers(current, ctx.timerService());
  }

  /**
   * The TTL, or a window of silence: in a live run a service that stopped logging has lost its
   * traffic. At the end of the input (the watermark at its maximum, as in every batch run's timers)
   * silence is not judged: the input ended, the service did not stop.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
    ImpactState current = state.value();
    if (current == null) {
      return;
    }
    String key = ctx.getCurrentKey();
    int slash = key.indexOf('/');
    String account = key.substring(0, slash);
    String service = key.substring(slash + 1);
    if (expiry(current) == timestamp) {
      ctx.timerService().deleteEventTimeTimer(judge.silenceCheck(current));
      forget(current, account, service, out);
    } else if (judge.silenceCheck(current) == timestamp
        && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
      emit(judge.judgeSilence(current, account, service), out);
      state.update(current);
      registerTimers(current, ctx.timerService());
    }
  }

  private void emit(List<Anomaly> steps, Collector<Anomaly> out) {
    for (Anomaly step : steps) {
      if ("OPEN".equals(step.getState())) {
        opened.inc();
      }
      out.collect(step);
    }
  }

  private void registerTimers(ImpactState current, TimerService timers) {
    timers.registerEventTimeTimer(expiry(current));
    if (judge.silenceCheck(current) < expiry(current)) {
      timers.registerEventTimeTimer(judge.silenceCheck(current));
    }
  }

  private void deleteTimers(ImpactState current, TimerService timers) {
    timers.deleteEventTimeTimer(expiry(current));
    timers.deleteEventTimeTimer(judge.silenceCheck(current));
  }

  private void forget(ImpactState current, String account, String service, Collector<Anomaly> out) {
    Anomaly close = judge.expire(current, account, service, expiry(current));
    if (close != null) {
      out.collect(close);
    }
    state.clear();
  }

  private long expiry(ImpactState current) {
    return current.lastSeenStart + settings.stateTtl().toMillis();
  }
}
