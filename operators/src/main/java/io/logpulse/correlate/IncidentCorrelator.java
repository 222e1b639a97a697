package io.logpulse.correlate;

import io.logpulse.common.JobMetrics;
import io.logpulse.schema.Anomaly;
import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Incident;
import io.logpulse.schema.Suspect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
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
 * <p>Anomaly steps and changes are taken in event-time order, once the watermark passes them (a
 * change at its delivery to CloudWatch Logs), so arrival order never matters. The anomalies of one
 * service form one incident ({@code account/service@start}). The first whole-service anomaly opens
 * it (OPEN, with the suspects ranked by {@link SuspectRanker}); operation anomalies open one only
 * when {@link CorrelateSettings#openOnOperations()}, error-rate anomalies only from {@link
 * CorrelateSettings#minErrorRate()} on, and the service's anomalies already open are in it from the
 * start. Each further anomaly starting within {@link CorrelateSettings#joinWindow()} joins it
 * (UPDATE); one starting later closes it and opens a new incident, because long-lived anomalies,
 * such as a new error template that stays around, would otherwise swallow every later problem of
 * the service and blame it on changes made long before. An incident closes when the last of its
 * anomalies closes (CLOSE).
 *
 * <p>CloudTrail reaches CloudWatch Logs minutes after the call, so a change usually arrives after
 * the anomaly it caused has opened: it is merged into the ranking of every incident of the account
 * it is a candidate for, and when it enters the top suspects the incident is emitted again (same
 * id, next revision; a closed incident stays CLOSE). Closed incidents stay re-rankable for {@link
 * CorrelateSettings#lateWait()} of event time, then they are cleared.
 *
 * <p>State per account: the changes of the last {@link CorrelateSettings#horizon()} plus {@code
 * lateWait} (at most {@link CorrelateSettings#maxChangesPerAccount()}, oldest dropped first and
 * counted), the incidents not yet cleared, the ids of the open anomalies and the anomaly steps and
 * changes the watermark has not passed yet. All of it is cleared by event-time timers.
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
  private final SuspectRanker ranker;

  private transient MapState<String, ChangeEvent> changes;
  // How many entries `changes` holds, so that enforcing the cap does not read them all per change.
  private transient ValueState<Integer> changeCount;
  private transient MapState<String, Incident> incidents;
  private transient MapState<String, String> openAnomalies;
  private transient MapState<Long, List<Anomaly>> pending;
  private transient MapState<Long, List<ChangeEvent>> pendingChanges;
  // Up to when (event time) the shared changes were merged into this account's incidents.
  private transient ValueState<Long> sharedMergedUntil;
  private transient Counter opened;
  private transient Counter reranked;
  private transient Counter changesSeen;
  private transient Counter changesDropped;

  public IncidentCorrelator(CorrelateSettings settings) {
    this.settings = settings;
    this.ranker = new SuspectRanker(settings);
  }

  /** The account an input belongs to: the key of correlation. */
  public static String accountOf(Either<Anomaly, ChangeEvent> input) {
    return input.isLeft() ? input.left().getAccount() : input.right().getAccount();
  }

  @Override
  public void open(OpenContext context) {
    changes =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "changes",
                    TypeInformation.of(String.class),
                    new AvroTypeInfo<>(ChangeEvent.class)));
    changeCount =
        getRuntimeContext().getState(new ValueStateDescriptor<>("change-count", Integer.class));
    incidents = getRuntimeContext().getMapState(INCIDENTS);
    openAnomalies =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "open-anomalies",
                    TypeInformation.of(String.class),
                    TypeInformation.of(String.class)));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-anomalies",
                    TypeInformation.of(Long.class),
                    new ListTypeInfo<>(new AvroTypeInfo<>(Anomaly.class))));
    pendingChanges =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-changes",
                    TypeInformation.of(Long.class),
                    new ListTypeInfo<>(new AvroTypeInfo<>(ChangeEvent.class))));
    sharedMergedUntil =
        getRuntimeContext().getState(new ValueStateDescriptor<>("shared-merged-until", Long.class));
    JobMetrics metrics = new JobMetrics(getRuntimeContext().getMetricGroup());
    opened = metrics.counter("incidentsOpened");
    reranked = metrics.counter("incidentsReranked");
    changesSeen = metrics.counter("changes");
    changesDropped = metrics.counter("changesDropped");
  }

  @Override
  public void processElement(
      Either<Anomaly, ChangeEvent> input, ReadOnlyContext ctx, Collector<Incident> out)
      throws Exception {
    if (input.isLeft()) {
      hold(pending, input.left().getTime().toEpochMilli(), input.left(), ctx);
    } else {
      hold(pendingChanges, input.right().getReceived().toEpochMilli(), input.right(), ctx);
    }
  }

  @Override
  public void processBroadcastElement(ChangeEvent change, Context ctx, Collector<Incident> out)
      throws Exception {
    var shared = ctx.getBroadcastState(SHARED_CHANGES);
    if (shared.contains(change.getChangeId())) {
      return;
    }
    shared.put(change.getChangeId(), change);
    evictShared(shared, ctx.currentWatermark());
    // At once into the incidents there are (none yet in a batch run, which takes the broadcast
    // input first); each account also merges it when its inputs reach its delivery (mergeShared).
    ctx.applyToKeyedState(
        INCIDENTS,
        (account, accountIncidents) -> {
          if (account.equals(change.getAccount())) {
            return;
          }
          for (Map.Entry<String, Incident> entry : accountIncidents.entries()) {
            Incident updated = merge(entry.getValue(), change);
            if (updated != null) {
              accountIncidents.put(entry.getKey(), updated);
              out.collect(updated);
            }
          }
        });
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out)
      throws Exception {
    release(timestamp, ctx, out);
    long keep = settings.horizon().toMillis() + settings.lateWait().toMillis();
    int kept = 0;
    for (Iterator<ChangeEvent> it = changes.values().iterator(); it.hasNext(); ) {
      if (it.next().getTime().toEpochMilli() + keep <= timestamp) {
        it.remove();
      } else {
        kept++;
      }
    }
    for (Iterator<Incident> it = incidents.values().iterator(); it.hasNext(); ) {
      Incident incident = it.next();
      if (isClosed(incident) && clearTime(incident) <= timestamp) {
        it.remove();
      }
    }
    // Removing through an iterator can leave an empty map behind in some state backends.
    if (kept == 0) {
      changes.clear();
      changeCount.clear();
    } else {
      changeCount.update(kept);
    }
    if (incidents.isEmpty()) {
      incidents.clear();
      if (pending.isEmpty() && pendingChanges.isEmpty()) {
        sharedMergedUntil.clear();
      }
    }
  }

  /**
   * Holds an input (an anomaly step at its time, a change at its delivery to CloudWatch Logs) until
   * the watermark passes it, so inputs are taken in event-time order whatever order they arrive in.
   * The detectors' subtasks run at their own pace, so steps of one account arrive out of time
   * order; taken in arrival order, an anomaly could open a second incident for a service whose
   * first one it should have joined. In a batch run every timer fires after the account's last
   * input, still in time order, so a batch run takes the same inputs in the same order as a live
   * one.
   */
  private static <T> void hold(
      MapState<Long, List<T>> held, long time, T input, ReadOnlyContext ctx) throws Exception {
    List<T> inputs = held.get(time);
    if (inputs == null) {
      inputs = new ArrayList<>();
    }
    inputs.add(input);
    held.put(time, inputs);
    ctx.timerService().registerEventTimeTimer(time);
  }

  /**
   * Processes the held inputs up to {@code time}: by time, and at one time the changes first, then
   * anomaly steps with closing steps last; ties by id, so arrival order never matters.
   */
  private void release(long time, ReadOnlyContext ctx, Collector<Incident> out) throws Exception {
    List<Long> due = new ArrayList<>();
    for (Long at : pending.keys()) {
      if (at <= time) {
        due.add(at);
      }
    }
    for (Long at : pendingChanges.keys()) {
      if (at <= time && !due.contains(at)) {
        due.add(at);
      }
    }
    due.sort(null);
    for (Long at : due) {
      mergeShared(at, ctx, out);
      List<ChangeEvent> delivered = pendingChanges.get(at);
      if (delivered != null) {
        pendingChanges.remove(at);
        delivered = new ArrayList<>(delivered);
        delivered.sort(Comparator.comparing(ChangeEvent::getChangeId));
        for (ChangeEvent change : delivered) {
          onChange(change, at, ctx, out);
        }
      }
      List<Anomaly> steps = pending.get(at);
      if (steps != null) {
        pending.remove(at);
        steps = new ArrayList<>(steps);
        steps.sort(
            Comparator.comparing((Anomaly a) -> "CLOSE".equals(a.getState()))
                .thenComparing(Anomaly::getAnomalyId)
                .thenComparing(Anomaly::getState));
        for (Anomaly step : steps) {
          onAnomaly(step, at, ctx, out);
        }
      }
    }
  }

  /** Takes an anomaly step released at {@code now} (event time). */
  private void onAnomaly(Anomaly anomaly, long now, ReadOnlyContext ctx, Collector<Incident> out)
      throws Exception {
    String service = anomaly.getService();
    String id = anomaly.getAnomalyId();
    Incident incident = openIncidentOf(service);
    boolean member = incident != null && incident.getAnomalyIds().contains(id);
    if ("CLOSE".equals(anomaly.getState())) {
      if (openAnomalies.contains(id)) {
        openAnomalies.remove(id);
        if (member && !hasOpenAnomaly(incident)) {
          close(incident, anomaly.getTime(), ctx, out);
        }
      }
      return;
    }
    if (openAnomalies.contains(id)) {
      if (member && anomaly.getScore() > incident.getScore()) {
        incidents.put(incident.getIncidentId(), strongest(incident, anomaly));
      }
      return;
    }
    openAnomalies.put(id, service);
    List<String> superseded = List.of();
    if (incident != null
        && anomaly.getStart().toEpochMilli() - incident.getStart().toEpochMilli()
            > settings.joinWindow().toMillis()) {
      superseded = incident.getAnomalyIds();
      close(incident, anomaly.getTime(), ctx, out);
      incident = null;
    }
    if (incident == null) {
      if (!opensIncident(anomaly)) {
        return;
      }
      Incident created = open(anomaly, now, ctx);
      for (Map.Entry<String, String> open : openAnomalies.entries()) {
        if (open.getValue().equals(service)
            && !open.getKey().equals(id)
            && !superseded.contains(open.getKey())) {
          created.getAnomalyIds().add(open.getKey());
        }
      }
      incidents.put(created.getIncidentId(), created);
      opened.inc();
      out.collect(created);
    } else {
      Incident joined = step(strongest(incident, anomaly), "UPDATE", anomaly.getTime());
      joined.getAnomalyIds().add(id);
      incidents.put(joined.getIncidentId(), joined);
      out.collect(joined);
    }
  }

  /** Whether the anomaly is worth an incident of its own (see {@link CorrelateSettings}). */
  private boolean opensIncident(Anomaly anomaly) {
    if (anomaly.getOperation() != null && !settings.openOnOperations()) {
      return false;
    }
    return !"error-rate".equals(anomaly.getMetric())
        || (anomaly.getObserved() != null && anomaly.getObserved() >= settings.minErrorRate());
  }

  private void close(Incident incident, Instant time, ReadOnlyContext ctx, Collector<Incident> out)
      throws Exception {
    Incident closed = step(incident, "CLOSE", time);
    incidents.put(closed.getIncidentId(), closed);
    ctx.timerService().registerEventTimeTimer(minuteAfter(clearTime(closed)));
    out.collect(closed);
  }

  /** The incident of {@code service} that is still open, if any (there is at most one). */
  private Incident openIncidentOf(String service) throws Exception {
    for (Incident incident : incidents.values()) {
      if (!isClosed(incident) && incident.getService().equals(service)) {
        return incident;
      }
    }
    return null;
  }

  /** Takes a change released at {@code now} (event time). */
  private void onChange(ChangeEvent change, long now, ReadOnlyContext ctx, Collector<Incident> out)
      throws Exception {
    changesSeen.inc();
    if (changes.contains(change.getChangeId())) {
      return;
    }
    mergeIntoIncidents(change, out);
    long expiry =
        change.getTime().toEpochMilli()
            + settings.horizon().toMillis()
            + settings.lateWait().toMillis();
    if (expiry <= now) {
      changesDropped.inc();
      return;
    }
    changes.put(change.getChangeId(), change);
    ctx.timerService().registerEventTimeTimer(minuteAfter(expiry));
    Integer count = changeCount.value();
    int held = (count == null ? 0 : count) + 1;
    if (held > settings.maxChangesPerAccount()) {
      evictOldest(held - settings.maxChangesPerAccount());
      held = settings.maxChangesPerAccount();
    }
    changeCount.update(held);
  }

  /** Merges {@code change} into the suspects of this account's incidents it is a candidate for. */
  private void mergeIntoIncidents(ChangeEvent change, Collector<Incident> out) throws Exception {
    for (Map.Entry<String, Incident> entry : incidents.entries()) {
      Incident updated = merge(entry.getValue(), change);
      if (updated != null) {
        entry.setValue(updated);
        out.collect(updated);
      }
    }
  }

  /**
   * Merges the shared accounts' changes delivered since the last call, up to {@code now}, into this
   * account's incidents, in delivery order: shared changes take their turn in event time like the
   * account's own, although they arrive on the broadcast input (in a batch run, all before any
   * keyed input). Merging a change twice changes nothing.
   */
  private void mergeShared(long now, ReadOnlyContext ctx, Collector<Incident> out)
      throws Exception {
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
      mergeIntoIncidents(change, out);
    }
    sharedMergedUntil.update(now);
  }

  /**
   * The incident with {@code change} merged into its suspects, as its next step; null when the
   * change does not enter the top suspects.
   */
  private Incident merge(Incident incident, ChangeEvent change) {
    long start = incident.getStart().toEpochMilli();
    if (!ranker.inWindow(change.getTime().toEpochMilli(), start)) {
      return null;
    }
    for (Suspect suspect : incident.getSuspects()) {
      if (suspect.getChangeId().equals(change.getChangeId())) {
        return null;
      }
    }
    Suspect suspect = ranker.rank(change, incident.getService(), start);
    if (suspect == null) {
      return null;
    }
    List<Suspect> ranked = new ArrayList<>(incident.getSuspects());
    ranked.add(suspect);
    List<Suspect> top = top(ranked);
    if (!top.contains(suspect)) {
      return null;
    }
    reranked.inc();
    // A closed incident keeps its close time, which decides when it is cleared.
    Incident next =
        isClosed(incident)
            ? step(incident, "CLOSE", incident.getTime())
            : step(incident, "UPDATE", change.getReceived());
    next.setSuspects(top);
    next.setSummary(summary(next));
    return next;
  }

  private Incident open(Anomaly anomaly, long now, ReadOnlyContext ctx) throws Exception {
    long start = anomaly.getStart().toEpochMilli();
    List<Suspect> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ChangeEvent change : changes.values()) {
      addCandidate(change, anomaly.getService(), start, candidates, seen);
    }
    ReadOnlyBroadcastState<String, ChangeEvent> shared = ctx.getBroadcastState(SHARED_CHANGES);
    for (Map.Entry<String, ChangeEvent> entry : shared.immutableEntries()) {
      if (entry.getValue().getReceived().toEpochMilli() <= now) {
        addCandidate(entry.getValue(), anomaly.getService(), start, candidates, seen);
      }
    }
    Incident incident =
        Incident.newBuilder()
            .setIncidentId(
                anomaly.getAccount() + "/" + anomaly.getService() + "@" + anomaly.getStart())
            .setRevision(1)
            .setState("OPEN")
            .setAccount(anomaly.getAccount())
            .setService(anomaly.getService())
            .setStart(anomaly.getStart())
            .setTime(anomaly.getTime())
            .setMetric(anomaly.getMetric())
            .setScore(anomaly.getScore())
            .setExpected(anomaly.getExpected())
            .setObserved(anomaly.getObserved())
            .setAnomalyIds(new ArrayList<>(List.of(anomaly.getAnomalyId())))
            .setSummary("")
            .setSuspects(top(candidates))
            .build();
    incident.setSummary(summary(incident));
    return incident;
  }

  private void addCandidate(
      ChangeEvent change, String service, long start, List<Suspect> candidates, Set<String> seen) {
    if (seen.add(change.getChangeId())) {
      Suspect suspect = ranker.rank(change, service, start);
      if (suspect != null) {
        candidates.add(suspect);
      }
    }
  }

  /** Best first: by score, then the change closest before the start, then by id for stability. */
  private List<Suspect> top(List<Suspect> suspects) {
    suspects.sort(
        Comparator.comparingDouble(Suspect::getScore)
            .reversed()
            .thenComparingDouble(s -> Math.abs(s.getMinutesBefore()))
            .thenComparing(Suspect::getChangeId));
    return new ArrayList<>(suspects.subList(0, Math.min(settings.maxSuspects(), suspects.size())));
  }

  /** The next step of an incident: a copy with the next revision, state and time. */
  private Incident step(Incident incident, String state, Instant time) {
    Incident next = Incident.newBuilder(incident).build();
    next.setAnomalyIds(new ArrayList<>(incident.getAnomalyIds()));
    next.setRevision(incident.getRevision() + 1);
    next.setState(state);
    next.setTime(later(incident.getTime(), time));
    return next;
  }

  /** The incident described by whichever anomaly is stronger, its own or {@code anomaly}. */
  private Incident strongest(Incident incident, Anomaly anomaly) {
    if (anomaly.getScore() <= incident.getScore()) {
      return incident;
    }
    Incident stronger = Incident.newBuilder(incident).build();
    stronger.setMetric(anomaly.getMetric());
    stronger.setScore(anomaly.getScore());
    stronger.setExpected(anomaly.getExpected());
    stronger.setObserved(anomaly.getObserved());
    stronger.setSummary(summary(stronger));
    return stronger;
  }

  private String summary(Incident incident) {
    String happened =
        IncidentText.whatHappened(
            incident.getMetric(), incident.getExpected(), incident.getObserved());
    if (incident.getSuspects().isEmpty()) {
      return "No suspect among the changes in "
          + incident.getAccount()
          + " in the "
          + settings.horizon().toMinutes()
          + " min before "
          + happened
          + " on "
          + incident.getService();
    }
    Suspect top = incident.getSuspects().get(0);
    long before = incident.getStart().toEpochMilli() - top.getTime().toEpochMilli();
    return SuspectRanker.headline(
            top.getEventName(),
            top.getResources().isEmpty() ? null : top.getResources().get(0),
            top.getPrincipal(),
            top.getFailed(),
            null)
        + " "
        + IncidentText.offset(before).replace("after the start", "after")
        + " "
        + happened
        + " on "
        + incident.getService();
  }

  private boolean hasOpenAnomaly(Incident incident) throws Exception {
    for (String id : incident.getAnomalyIds()) {
      if (openAnomalies.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** Drops the {@code excess} oldest changes: the per-account cap is reached. */
  private void evictOldest(int excess) throws Exception {
    List<ChangeEvent> kept = new ArrayList<>();
    for (ChangeEvent change : changes.values()) {
      kept.add(change);
    }
    kept.sort(Comparator.comparing(ChangeEvent::getTime));
    for (int i = 0; i < excess; i++) {
      changes.remove(kept.get(i).getChangeId());
      changesDropped.inc();
    }
  }

  /**
   * Drops the shared changes the watermark has put beyond every incident's reach, and the oldest
   * beyond the cap. The watermark, not the arriving change's time: broadcast changes reach the
   * subtasks in different orders, and a batch run takes them all before its keyed input.
   */
  private void evictShared(
      org.apache.flink.api.common.state.BroadcastState<String, ChangeEvent> shared, long watermark)
      throws Exception {
    long keep = settings.horizon().toMillis() + settings.lateWait().toMillis();
    List<ChangeEvent> kept = new ArrayList<>();
    for (Iterator<Map.Entry<String, ChangeEvent>> it = shared.iterator(); it.hasNext(); ) {
      ChangeEvent change = it.next().getValue();
      if (change.getTime().toEpochMilli() + keep < watermark) {
        it.remove();
      } else {
        kept.add(change);
      }
    }
    int excess = kept.size() - settings.maxChangesPerAccount();
    if (excess > 0) {
      kept.sort(Comparator.comparing(ChangeEvent::getTime));
      for (int i = 0; i < excess; i++) {
        shared.remove(kept.get(i).getChangeId());
      }
    }
  }

  private static boolean isClosed(Incident incident) {
    return "CLOSE".equals(incident.getState());
  }

  /** When a closed incident stops taking late changes. */
  private long clearTime(Incident incident) {
    return incident.getTime().toEpochMilli() + settings.lateWait().toMillis();
  }

  private static long minuteAfter(long time) {
    return (Math.floorDiv(time, MINUTE) + 1) * MINUTE;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
