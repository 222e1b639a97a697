package io.logpulse.detect;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ServiceEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Finds error messages of a template a service has never logged before, once they come in volume.
 * Keyed by {@link #keyOf account and service}, it reads the service's error events and mines the
 * templates of their {@link ErrorText text} with a {@link LogTemplateMiner}.
 *
 * <p>Every template that appears during the warm-up (event time from the service's first error) is
 * normal. A template first seen after it is new: when it reaches {@code minCount} occurrences
 * within {@code window} of its first sighting, an anomaly opens with the template and the first
 * message as its example; once the template has been quiet for {@code window} the anomaly closes. A
 * new template that does not reach the count in time becomes normal, like every template seen.
 *
 * <p>State is one byte array per service: the miner's templates (bounded by {@code maxTemplates})
 * and the new templates being counted. One event-time timer per service fires at the next due step
 * (a count window ending, a quiet template, or {@code stateTtl} after the service's last error,
 * which clears its state and closes whatever is still open).
 */
public class NewErrorPatternFunction extends KeyedProcessFunction<String, ServiceEvent, Anomaly> {

  /** Characters kept of a template's example message. */
  static final int MAX_EXAMPLE_CHARS = 1000;

  private static final long NO_TIMER = Long.MIN_VALUE;

  private final PatternSettings settings;
  private transient ValueState<byte[]> patterns;
  private transient Counter opened;

  public NewErrorPatternFunction(PatternSettings settings) {
    this.settings = settings;
  }

  /** The key of a service's error events: account and service. */
  public static String keyOf(ServiceEvent event) {
    return event.getAccount() + "/" + event.getService();
  }

  @Override
  public void open(OpenContext openContext) {
    patterns =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "error-patterns", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    opened = new JobMetrics(getRuntimeContext().getMetricGroup()).counter("patternAnomaliesOpened");
  }

  @Override
  public void processElement(ServiceEvent event, Context ctx, Collector<Anomaly> out)
      throws Exception {
    long time = event.getEventTime();
    byte[] bytes = patterns.value();
    State state =
        bytes == null ? null : catchUp(State.read(bytes, settings.maxTemplates()), time, ctx, out);
    if (state == null) {
      state = new State(event.getAccount(), event.getService(), time, settings.maxTemplates());
    }
    state.lastEvent = Math.max(state.lastEvent, time);
    LogTemplateMiner.Match match = state.miner.add(ErrorText.of(event.getMessage()));
    if (match.created()) {
      closeEvicted(state, time, out);
      if (time >= state.since + settings.warmup().toMillis()) {
        state.candidates.put(match.id(), new Candidate(time, example(event.getMessage())));
      }
    } else {
      Candidate candidate = state.candidates.get(match.id());
      if (candidate != null) {
        candidate.count++;
        candidate.lastSeen = Math.max(candidate.lastSeen, time);
        if (!candidate.open
            && candidate.count >= settings.minCount()
            && time < candidate.firstSeen + settings.window().toMillis()) {
          candidate.open = true;
          opened.inc();
          out.collect(
              anomaly(
                  state, AnomalyEvent.State.OPEN, match.id(), candidate, time, match.template()));
        }
      }
    }
    schedule(state, ctx.timerService());
    patterns.update(state.toBytes());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
    State state = State.read(patterns.value(), settings.maxTemplates());
    state.timer = NO_TIMER;
    if (step(state, timestamp, out)) {
      patterns.clear();
      return;
    }
    schedule(state, ctx.timerService());
    patterns.update(state.toBytes());
  }

  /**
   * Takes the steps due up to an event's {@code time} before the event itself, as if their timer
   * had fired: in a batch run timers fire only after all of a service's events, and behind a slow
   * watermark after some of them. Returns null when the service's state expired on the way.
   */
  private State catchUp(State state, long time, Context ctx, Collector<Anomaly> out) {
    while (state.timer != NO_TIMER && state.timer <= time) {
      long due = state.timer;
      ctx.timerService().deleteEventTimeTimer(due);
      state.timer = NO_TIMER;
      if (step(state, due, out)) {
        return null;
      }
      schedule(state, ctx.timerService());
    }
    return state;
  }

  /**
   * The step due at {@code timestamp}: closes quiet anomalies and forgets candidates whose window
   * passed; returns whether the service's state expired (then everything open is closed).
   */
  private boolean step(State state, long timestamp, Collector<Anomaly> out) {
    boolean expired = timestamp >= state.lastEvent + settings.stateTtl().toMillis();
    long window = settings.window().toMillis();
    for (Iterator<Map.Entry<Integer, Candidate>> it = state.candidates.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Integer, Candidate> entry = it.next();
      Candidate candidate = entry.getValue();
      if (candidate.open && (expired || timestamp >= candidate.lastSeen + window)) {
        out.collect(
            anomaly(
                state,
                AnomalyEvent.State.CLOSE,
                entry.getKey(),
                candidate,
                timestamp,
                state.miner.template(entry.getKey())));
        it.remove();
      } else if (!candidate.open && timestamp >= candidate.firstSeen + window) {
        it.remove();
      }
    }
    return expired;
  }

  /**
   * Closes the anomalies of templates the miner evicted to make room (their CLOSE has no template
   * any more), and forgets them.
   */
  private void closeEvicted(State state, long time, Collector<Anomaly> out) {
    for (Iterator<Map.Entry<Integer, Candidate>> it = state.candidates.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Integer, Candidate> entry = it.next();
      if (!state.miner.contains(entry.getKey())) {
        Candidate candidate = entry.getValue();
        if (candidate.open) {
          out.collect(
              anomaly(state, AnomalyEvent.State.CLOSE, entry.getKey(), candidate, time, null));
        }
        it.remove();
      }
    }
  }

  /** Moves the service's one timer to its next due step. */
  private void schedule(State state, TimerService timers) {
    long window = settings.window().toMillis();
    long next = state.lastEvent + settings.stateTtl().toMillis();
    for (Candidate candidate : state.candidates.values()) {
      next = Math.min(next, (candidate.open ? candidate.lastSeen : candidate.firstSeen) + window);
    }
    if (next == state.timer) {
      return;
    }
    if (state.timer != NO_TIMER) {
      timers.deleteEventTimeTimer(state.timer);
    }
    timers.registerEventTimeTimer(next);
    state.timer = next;
  }

  private static Anomaly anomaly(
      State state,
      AnomalyEvent.State step,
      int templateId,
      Candidate candidate,
      long time,
      String template) {
    return Anomalies.newPattern(
        state.account,
        state.service,
        templateId,
        step,
        candidate.firstSeen,
        time,
        candidate.count,
        template,
        candidate.example);
  }

  private static String example(String message) {
    return message.length() > MAX_EXAMPLE_CHARS ? message.substring(0, MAX_EXAMPLE_CHARS) : message;
  }

  /** A template first seen after the warm-up, being counted or open as an anomaly. */
  private static final class Candidate {
    final long firstSeen;
    final String example;
    long lastSeen;
    int count = 1;
    boolean open;

    Candidate(long firstSeen, String example) {
      this.firstSeen = firstSeen;
      this.lastSeen = firstSeen;
      this.example = example;
    }
  }

  /** What the operator keeps per service. */
  private static final class State {
    final String account;
    final String service;
    final long since;
    final LogTemplateMiner miner;
    final Map<Integer, Candidate> candidates = new TreeMap<>();
    long lastEvent;
    long timer = NO_TIMER;

    State(String account, String service, long since, LogTemplateMiner miner) {
      this.account = account;
      this.service = service;
      this.since = since;
      this.miner = miner;
      this.lastEvent = since;
    }

    State(String account, String service, long since, int maxTemplates) {
      this(account, service, since, new LogTemplateMiner(maxTemplates));
    }

    byte[] toBytes() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(account);
      out.writeUTF(service);
      out.writeLong(since);
      out.writeLong(lastEvent);
      out.writeLong(timer);
      miner.write(out);
      out.writeInt(candidates.size());
      for (Map.Entry<Integer, Candidate> entry : candidates.entrySet()) {
        Candidate candidate = entry.getValue();
        out.writeInt(entry.getKey());
        out.writeLong(candidate.firstSeen);
        out.writeLong(candidate.lastSeen);
        out.writeInt(candidate.count);
        out.writeBoolean(candidate.open);
        out.writeUTF(candidate.example);
      }
      out.flush();
      return bytes.toByteArray();
    }

    static State read(byte[] bytes, int maxTemplates) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      String account = in.readUTF();
      String service = in.readUTF();
      long since = in.readLong();
      long lastEvent = in.readLong();
      long timer = in.readLong();
      State state = new State(account, service, since, LogTemplateMiner.read(in, maxTemplates));
      state.lastEvent = lastEvent;
      state.timer = timer;
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        int id = in.readInt();
        long firstSeen = in.readLong();
        long lastSeen = in.readLong();
        int seen = in.readInt();
        boolean open = in.readBoolean();
        Candidate candidate = new Candidate(firstSeen, in.readUTF());
        candidate.lastSeen = lastSeen;
        candidate.count = seen;
        candidate.open = open;
        state.candidates.put(id, candidate);
      }
      return state;
    }
  }
}
