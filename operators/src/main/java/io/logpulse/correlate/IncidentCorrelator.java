package io.logpulse.correlate;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Incident;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Turns anomalies into incidents and names their suspects: the changes made in the same account
 * shortly before. Keyed by account, so correlation never crosses accounts; the changes of {@link
 * CorrelateSettings#sharedAccounts() shared accounts} arrive on the broadcast input and are
 * candidates everywhere.
 *
 * <p>This function keeps the state, the timers and the wiring: the inputs wait in {@link
 * PendingInputs} until the watermark passes them, so they are taken in event-time order; the {@link
 * IncidentBook} turns anomaly steps into incident steps; the {@link ChangeStore} holds the changes
 * an incident can still name. CloudTrail reaches CloudWatch Logs minutes after the call, so a
 * change usually arrives after the anomaly it caused has opened: it is merged into the ranking of
 * every incident of the account it is a candidate for, and the incident is emitted again when it
 * enters the top suspects.
 *
 * <p>State per account: the changes the store holds, the incidents not yet cleared, the ids of the
 * open anomalies and the inputs the watermark has not passed yet. All of it is cleared by
 * event-time timers.
 */
public final class IncidentCorrelator
    extends KeyedBroadcastProcessFunction<
        String, Either<Anomaly, ChangeEvent>, ChangeEvent, Incident> {
  private static final long serialVersionUID = 1L;

  /** The type of the keyed input: an anomaly step or a change of the key's account. */
  public static final TypeInformation<Either<Anomaly, ChangeEvent>> INPUT_TYPE =
      new EitherTypeInfo<>(
          new AvroTypeInfo<>(Anomaly.class), new AvroTypeInfo<>(ChangeEvent.class));

  /** Broadcast state holding the changes of shared accounts, by change id. */
  public static final MapStateDescriptor<String, ChangeEvent> SHARED_CHANGES =
      new MapStateDescriptor<>(
          "shared-changes",
          TypeInformation.of(String.class),
          new AvroTypeInfo<>(ChangeEvent.class));

  private static final MapStateDescriptor<String, Incident> INCIDENTS =
      new MapStateDescriptor<>(
          "incidents", TypeInformation.of(String.class), new AvroTypeInfo<>(Incident.class));

  private static final long MINUTE = 60_000;

  private final CorrelateSettings settings;
  private final IncidentSteps steps;

  private transient IncidentBook book;
  private transient ChangeStore changes;
  private transient PendingInputs pending;
  // Up to when (event time) the shared changes were merged into this account's incidents.
  private transient ValueState<Long> sharedMergedUntil;
  private transient Counter opened;
  private transient Counter reranked;
  private transient Counter changesSeen;
  private transient Counter changesDropped;

  public IncidentCorrelator(CorrelateSettings settings) {
    this.settings = settings;
    this.steps = new IncidentSteps(settings);
  }

  /** The account an input belongs to: the key of correlation. */
  public static String accountOf(Either<Anomaly, ChangeEvent> input) {
    return input.isLeft() ? input.left().getAccount() : input.right().getAccount();
  }

  @Override
  public void open(OpenContext context) {
    JobMetrics metrics = new JobMetrics(getRuntimeContext().getMetricGroup());
    opened = metrics.counter("incidentsOpened");
    reranked = metrics.counter("incidentsReranked");
    changesSeen = metrics.counter("changes");
    changesDropped = metrics.counter("changesDropped");
    var state = getRuntimeContext();
    book =
        new IncidentBook(
            settings,
            steps,
            state.getMapState(INCIDENTS),
            state.getMapState(
                new MapStateDescriptor<>(
                    "open-anomalies",
                    TypeInformation.of(String.class),
                    TypeInformation.of(String.class))));
    changes =
        new ChangeStore(
            settings,
            state.getMapState(
                new MapStateDescriptor<>(
                    "changes",
                    TypeInformation.of(String.class),
                    new AvroTypeInfo<>(ChangeEvent.class))),
            state.getState(new ValueStateDescriptor<>("change-count", Integer.class)),
            changesDropped);
    pending =
        new PendingInputs(
            state.getMapState(
                new MapStateDescriptor<>(
                    "pending-anomalies",
                    TypeInformation.of(Long.class),
                    new ListTypeInfo<>(new AvroTypeInfo<>(Anomaly.class)))),
            state.getMapState(
                new MapStateDescriptor<>(
                    "pending-changes",
                    TypeInformation.of(Long.class),
                    new ListTypeInfo<>(new AvroTypeInfo<>(ChangeEvent.class)))));
    sharedMergedUntil =
        state.getState(new ValueStateDescriptor<>("shared-merged-until", Long.class));
  }

  @Override
  public void processElement(
      Either<Anomaly, ChangeEvent> input, ReadOnlyContext ctx, Collector<Incident> out)
      throws Exception {
    long releaseAt = input.isLeft() ? pending.hold(input.left()) : pending.hold(input.right());
    ctx.timerService().registerEventTimeTimer(releaseAt);
  }

  @Override
  public void processBroadcastElement(ChangeEvent change, Context ctx, Collector<Incident> out)
      throws Exception {
    BroadcastState<String, ChangeEvent> shared = ctx.getBroadcastState(SHARED_CHANGES);
    if (shared.contains(change.getChangeId())) {
      return;
    }
    shared.put(change.getChangeId(), change);
    ChangeStore.evictShared(shared, ctx.currentWatermark(), settings);
    // At once into the incidents there are (none yet in a batch run, which takes the broadcast
    // input first); each account also merges it when its inputs reach its delivery (mergeShared).
    ctx.applyToKeyedState(
        INCIDENTS,
        (account, accountIncidents) -> {
          if (!account.equals(change.getAccount())) {
            IncidentBook.mergeInto(accountIncidents, steps, change, reranked(out));
          }
        });
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out)
      throws Exception {
    Consumer<Incident> emit = emitter(ctx, out);
    for (long at : pending.due(timestamp)) {
      mergeShared(at, ctx, reranked(out));
      for (ChangeEvent change : pending.takeChanges(at)) {
        changesSeen.inc();
        if (!changes.contains(change)) {
          book.onChange(change, reranked(out));
          long expiry = changes.add(change, at);
          if (expiry != Long.MIN_VALUE) {
            ctx.timerService().registerEventTimeTimer(minuteAfter(expiry));
          }
        }
      }
      for (Anomaly step : pending.takeSteps(at)) {
        if (book.onAnomaly(step, candidates(at, ctx), emit)) {
          opened.inc();
        }
      }
    }
    changes.evict(timestamp);
    book.clearClosed(timestamp);
    if (book.isEmpty() && pending.isEmpty()) {
      sharedMergedUntil.clear();
    }
  }

  /** Emits incident steps; a closing one also sets the timer that clears it after its late wait. */
  private Consumer<Incident> emitter(ReadOnlyContext ctx, Collector<Incident> out) {
    return incident -> {
      if (IncidentState.of(incident) == IncidentState.CLOSE) {
        ctx.timerService().registerEventTimeTimer(minuteAfter(book.clearTime(incident)));
      }
      out.collect(incident);
    };
  }

  private Consumer<Incident> reranked(Collector<Incident> out) {
    return incident -> {
      reranked.inc();
      out.collect(incident);
    };
  }

  /** What an incident opened at {@code now} ranks: the account's changes, shared ones delivered. */
  private List<ChangeEvent> candidates(long now, ReadOnlyContext ctx) throws Exception {
    List<ChangeEvent> candidates = new ArrayList<>();
    changes.all().forEach(candidates::add);
    for (Map.Entry<String, ChangeEvent> entry :
        ctx.getBroadcastState(SHARED_CHANGES).immutableEntries()) {
      if (entry.getValue().getReceived().toEpochMilli() <= now) {
        candidates.add(entry.getValue());
      }
    }
    return candidates;
  }

  /**
   * Merges the shared accounts' changes delivered since the last call, up to {@code now}, into this
   * account's incidents, in delivery order: shared changes take their turn in event time like the
   * account's own, although they arrive on the broadcast input (in a batch run, all before any
   * keyed input). Merging a change twice changes nothing.
   */
  private void mergeShared(long now, ReadOnlyContext ctx, Consumer<Incident> out) throws Exception {
    if (settings.sharedAccounts().isEmpty()) {
      return;
    }
    Long until = sharedMergedUntil.value();
    long from = until == null ? Long.MIN_VALUE : until;
    if (now <= from) {
      return;
    }
    List<ChangeEvent> delivered = new ArrayList<>();
    for (Map.Entry<String, ChangeEvent> entry :
        ctx.getBroadcastState(SHARED_CHANGES).immutableEntries()) {
      ChangeEvent change = entry.getValue();
      long received = change.getReceived().toEpochMilli();
      if (received > from && received <= now && !change.getAccount().equals(ctx.getCurrentKey())) {
        delivered.add(change);
      }
    }
    delivered.sort(
        Comparator.comparing(ChangeEvent::getReceived).thenComparing(ChangeEvent::getChangeId));
    for (ChangeEvent change : delivered) {
      book.onChange(change, out);
    }
    sharedMergedUntil.update(now);
  }

  private static long minuteAfter(long time) {
    return (Math.floorDiv(time, MINUTE) + 1) * MINUTE;
  }
}
