package io.logpulse.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.logpulse.schema.MetricWindow;
import io.logpulse.schema.ServiceEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The mergeable metrics of one series in one window: counts, per-level counts and a DDSketch of
 * latency with 1% relative accuracy. Partial aggregates built before the shuffle merge into the
 * window's aggregate after it, so the result does not depend on how events were split up.
 *
 * <p>It also carries the window operator's bookkeeping: which revision was last emitted and whether
 * late data changed it since.
 */
@TypeInfo(SeriesAggregateTypeInfoFactory.class)
public final class SeriesAggregate {

  private static final double[] QUANTILES = {0.5, 0.9, 0.99};

  String account;
  String service;
  String operation;
  long windowStart;
  long requests;
  long errors;
  long logs;
  long errorLogs;
  long coldStarts;
  long[] levelCounts = new long[LogLevel.count()];
  double latencySum;
  double latencyMax = Double.NaN;
  DDSketch latency;
  int emittedRevision = -1;
  boolean changedSinceEmission;

  SeriesAggregate() {}

  public SeriesAggregate(String account, String service, String operation, long windowStart) {
    this.account = account;
    this.service = service;
    this.operation = operation;
    this.windowStart = windowStart;
  }

  /** Adds one event. */
  public void add(ServiceEvent event) {
    logs++;
    levelCounts[LogLevel.of(event.getLevel()).code()]++;
    if (event.getError()) {
      errorLogs++;
    }
    if (event.getColdStart()) {
      coldStarts++;
    }
    if (event.getRequest()) {
      requests++;
      if (event.getError()) {
        errors++;
      }
    }
    Double latencyMs = event.getLatencyMs();
    if (latencyMs != null && latencyMs >= 0 && Double.isFinite(latencyMs)) {
      if (latency == null) {
        latency = LatencySketches.create();
      }
      latency.accept(latencyMs);
      latencySum += latencyMs;
      latencyMax = Double.isNaN(latencyMax) ? latencyMs : Math.max(latencyMax, latencyMs);
    }
  }

  /** Adds everything another aggregate of the same series and window counted. */
  public void merge(SeriesAggregate other) {
    requests += other.requests;
    errors += other.errors;
    logs += other.logs;
    errorLogs += other.errorLogs;
    coldStarts += other.coldStarts;
    for (int i = 0; i < levelCounts.length; i++) {
      levelCounts[i] += other.levelCounts[i];
    }
    if (other.latency != null) {
      if (latency == null) {
        latency = LatencySketches.create();
      }
      latency.mergeWith(other.latency);
      latencySum += other.latencySum;
      latencyMax =
          Double.isNaN(latencyMax) ? other.latencyMax : Math.max(latencyMax, other.latencyMax);
    }
    changedSinceEmission = true;
  }

  /** The window's metrics as they stand, labelled with the given revision. */
  public MetricWindow toMetricWindow(long windowSizeMs, int revision) {
    Map<String, Long> levels = new HashMap<>();
    for (int i = 0; i < levelCounts.length; i++) {
      if (levelCounts[i] > 0) {
        levels.put(LogLevel.ofCode(i).name(), levelCounts[i]);
      }
    }
    boolean hasLatency = latency != null && !latency.isEmpty();
    double[] quantiles =
        hasLatency ? latency.getValuesAtQuantiles(QUANTILES) : new double[QUANTILES.length];
    return MetricWindow.newBuilder()
        .setAccount(account)
        .setService(service)
        .setOperation(operation)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowStart + windowSizeMs))
        .setRevision(revision)
        .setRequestCount(requests)
        .setErrorCount(errors)
        .setErrorRate(requests == 0 ? null : (double) errors / requests)
        .setLogCount(logs)
        .setErrorLogCount(errorLogs)
        .setLevelCounts(levels)
        .setColdStarts(coldStarts)
        .setLatencyCount(hasLatency ? (long) latency.getCount() : 0L)
        .setLatencyP50Ms(hasLatency ? quantiles[0] : null)
        .setLatencyP90Ms(hasLatency ? quantiles[1] : null)
        .setLatencyP99Ms(hasLatency ? quantiles[2] : null)
        .setLatencyMaxMs(hasLatency ? latencyMax : null)
        .setLatencySumMs(latencySum)
        .setLatencySketch(hasLatency ? ByteBuffer.wrap(LatencySketches.encode(latency)) : null)
        .build();
  }

  public String account() {
    return account;
  }

  public String service() {
    return service;
  }

  public String operation() {
    return operation;
  }

  public long windowStart() {
    return windowStart;
  }

  public long requests() {
    return requests;
  }

  public long logs() {
    return logs;
  }

  /** The revision last emitted for this window, or -1 before the window first closed. */
  public int emittedRevision() {
    return emittedRevision;
  }

  /** Records that the current values went out as {@code revision}. */
  public void markEmitted(int revision) {
    emittedRevision = revision;
    changedSinceEmission = false;
  }

  /** Whether late data changed the values since they were last emitted. */
  public boolean changedSinceEmission() {
    return changedSinceEmission;
  }

  SeriesAggregate deepCopy() {
    SeriesAggregate copy = new SeriesAggregate(account, service, operation, windowStart);
    copy.requests = requests;
    copy.errors = errors;
    copy.logs = logs;
    copy.errorLogs = errorLogs;
    copy.coldStarts = coldStarts;
    copy.levelCounts = levelCounts.clone();
    copy.latencySum = latencySum;
    copy.latencyMax = latencyMax;
    copy.latency = latency == null ? null : latency.copy();
    copy.emittedRevision = emittedRevision;
    copy.changedSinceEmission = changedSinceEmission;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SeriesAggregate that)) {
      return false;
    }
    return windowStart == that.windowStart
        && requests == that.requests
        && errors == that.errors
        && logs == that.logs
        && errorLogs == that.errorLogs
        && coldStarts == that.coldStarts
        && Double.compare(latencySum, that.latencySum) == 0
        && Double.compare(latencyMax, that.latencyMax) == 0
        && emittedRevision == that.emittedRevision
        && changedSinceEmission == that.changedSinceEmission
        && Objects.equals(account, that.account)
        && Objects.equals(service, that.service)
        && Objects.equals(operation, that.operation)
        && Arrays.equals(levelCounts, that.levelCounts)
        && Objects.equals(
            latency == null ? 0.0 : latency.getCount(),
            that.latency == null ? 0.0 : that.latency.getCount());
  }

  @Override
  public int hashCode() {
    return Objects.hash(account, service, operation, windowStart, requests, logs);
  }

  @Override
  public String toString() {
    return "SeriesAggregate{"
        + account
        + "/"
        + service
        + "/"
        + operation
        + "@"
        + windowStart
        + ", requests="
        + requests
        + ", errors="
        + errors
        + ", logs="
        + logs
        + ", revision="
        + emittedRevision
        + "}";
  }
}
