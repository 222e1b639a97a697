package io.logpulse.correlate;

import io.logpulse.schema.ChangeEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;

/**
 * The changes correlation can still use, and the one rule for how long: a change is kept while an
 * incident could name it, {@link CorrelateSettings#horizon()} plus {@link
 * CorrelateSettings#lateWait()} after it was made (in event time, so by the watermark or the time
 * the inputs reached, never by another change's time), and at most {@link
 * CorrelateSettings#maxChangesPerAccount()} of them, the oldest dropped first and counted. An
 * account's own changes live in keyed state; the shared accounts' in broadcast state, under the
 * same rule.
 */
final class ChangeStore {

  /** Oldest first, ties by id, so which change the cap drops does not depend on state order. */
  private static final Comparator<ChangeEvent> OLDEST_FIRST =
      Comparator.comparing(ChangeEvent::getTime).thenComparing(ChangeEvent::getChangeId);

  private final CorrelateSettings settings;
  private final MapState<String, ChangeEvent> changes;
  // How many entries `changes` holds, so that enforcing the cap does not read them all per change.
  private final ValueState<Integer> count;
  private final Counter dropped;

  ChangeStore(
      CorrelateSettings settings,
      MapState<String, ChangeEvent> changes,
      ValueState<Integer> count,
      Counter dropped) {
    this.settings = settings;
    this.changes = changes;
    this.count = count;
    this.dropped = dropped;
  }

  /** Whether the change is held already. */
  boolean contains(ChangeEvent change) throws Exception {
    return changes.contains(change.getChangeId());
  }

  /**
   * Keeps a change taken at {@code now} (event time); returns until when it is kept, or {@link
   * Long#MIN_VALUE} when it is too old for any incident to come and was dropped.
   */
  long add(ChangeEvent change, long now) throws Exception {
    long expiry = expiry(change);
    if (expiry <= now) {
      dropped.inc();
      return Long.MIN_VALUE;
    }
    changes.put(change.getChangeId(), change);
    Integer held = count.value();
    int kept = (held == null ? 0 : held) + 1;
    if (kept > settings.maxChangesPerAccount()) {
      List<ChangeEvent> oldestFirst = new ArrayList<>();
      changes.values().forEach(oldestFirst::add);
      oldestFirst.sort(OLDEST_FIRST);
      for (int i = 0; i < kept - settings.maxChangesPerAccount(); i++) {
        changes.remove(oldestFirst.get(i).getChangeId());
        dropped.inc();
      }
      kept = settings.maxChangesPerAccount();
    }
    count.update(kept);
    return expiry;
  }

  /** The changes held. */
  Iterable<ChangeEvent> all() throws Exception {
    return changes.values();
  }

  /** Drops the changes no incident can name any more at {@code now}. */
  void evict(long now) throws Exception {
    int kept = 0;
    for (Iterator<ChangeEvent> it = changes.values().iterator(); it.hasNext(); ) {
      if (expiry(it.next()) <= now) {
        it.remove();
      } else {
        kept++;
      }
    }
    // Removing through an iterator can leave an empty map behind in some state backends.
    if (kept == 0) {
      changes.clear();
      count.clear();
    } else {
      count.update(kept);
    }
  }

  /**
   * Drops the shared changes the watermark has put beyond every incident's reach, and the oldest
   * beyond the cap. The watermark, not the arriving change's time: broadcast changes reach the
   * subtasks in different orders, and a batch run takes them all before its keyed input.
   */
  static void evictShared(
      BroadcastState<String, ChangeEvent> shared, long watermark, CorrelateSettings settings)
      throws Exception {
    List<ChangeEvent> kept = new ArrayList<>();
    for (Iterator<Map.Entry<String, ChangeEvent>> it = shared.iterator(); it.hasNext(); ) {
      ChangeEvent change = it.next().getValue();
      if (expiry(change, settings) < watermark) {
        it.remove();
      } else {
        kept.add(change);
      }
    }
    int excess = kept.size() - settings.maxChangesPerAccount();
    if (excess > 0) {
      kept.sort(OLDEST_FIRST);
      for (int i = 0; i < excess; i++) {
        shared.remove(kept.get(i).getChangeId());
      }
    }
  }

  private long expiry(ChangeEvent change) {
    return expiry(change, settings);
  }

  private static long expiry(ChangeEvent change, CorrelateSettings settings) {
    return change.getTime().toEpochMilli()
        + settings.horizon().toMillis()
        + settings.lateWait().toMillis();
  }
}
