package io.logpulse.impact;

import io.logpulse.schema.Anomaly;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a service's whole-service windows for user impact and turns sustained impact into impact
 * steps, the only anomalies that open incidents. Flink-free: the state it works on is an {@link
 * ImpactState}.
 *
 * <p>A window shows impact of a kind when it is
 *
 * <ul>
 *   <li><b>credible</b>: its count is improbable under the service's own baseline (binomial for
 *       failed and slow requests, Poisson for lost ones, below {@link
 *       ImpactSettings#significance()}), so a few requests never make evidence;
 *   <li><b>material</b>: errors at least {@link ImpactSettings#minFailed()} failed requests and an
 *       error rate both {@link ImpactSettings#minErrorIncrease()} over and {@link
 *       ImpactSettings#minErrorRatio()} times the baseline's; latency a p99 both {@link
 *       ImpactSettings#minLatencyRatio()} times and {@link ImpactSettings#minLatencyIncrease()}
 *       over the baseline p99, with at least {@link ImpactSettings#minSlow()} requests and {@link
 *       ImpactSettings#minSlowShare()} of them slower than the baseline p99 (a blip slows a few
 *       requests very much, a regression many); lost traffic at most {@link
 *       ImpactSettings#maxTrafficShare()} of the requests expected, when at least {@link
 *       ImpactSettings#minExpectedRequests()} are. A surge is never impact.
 * </ul>
 *
 * Impact opens (OPEN) once the latest window and three quarters of the windows of {@link
 * ImpactSettings#sustain()} show it, or at once when one window is extreme; it starts at the first
 * impacted window. It updates (UPDATE) when its severity rises (taking the kind that raised it),
 * and ends (CLOSE) after {@link ImpactSettings#closeAfter()} without impact. A service that logs no
 * requests is judged on its error log events instead. The baseline learns from windows without
 * impact, and from impacted ones at a tenth of the weight, so that a lasting new normal is adopted
 * within about ten half-lives. Windows missing between two windows are judged as silent (lost
 * traffic).
 */
public final class ImpactJudge implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The detector name of impact steps. */
  public static final String DETECTOR = "impact";

  /** Weight of an impacted window in the baseline, relative to a normal one. */
  static final double IMPACTED_WEIGHT = 0.1;

  /** Windows with fewer latencies than this do not teach the baseline p99. */
  static final int MIN_BASELINE_LATENCIES = 5;

  private final ImpactSettings settings;
  private final long windowMs;
  private final int sustainWindows;
  private final int closeWindows;
  private final int warmupWindows;
  private final double decay;

  public ImpactJudge(ImpactSettings settings, long windowMs) {
    this.settings = settings;
    this.windowMs = windowMs;
    this.sustainWindows = ImpactSettings.windows(settings.sustain(), windowMs);
    this.closeWindows = ImpactSettings.windows(settings.closeAfter(), windowMs);
    this.warmupWindows = (int) (settings.warmup().toMillis() / windowMs);
    this.decay = Math.pow(0.5, (double) windowMs / settings.baselineHalfLife().toMillis());
  }

  /** Whether an anomaly is an impact step, which opens incidents. */
  public static boolean isImpact(Anomaly anomaly) {
    return anomaly.getDetectors().contains(DETECTOR);
  }

  /**
   * Judges the next window of a service (and the silent windows since the last one); returns the
   * impact steps it causes, in time order.
   */
  List<Anomaly> judge(ImpactState state, String account, String service, ServiceWindow window) {
    List<Anomaly> steps = new ArrayList<>();
    if (state.lastWindowStart != Long.MIN_VALUE) {
      if (window.start() <= state.lastWindowStart) {
        return steps;
      }
      // The first windows of a silence, as a live run's timers judge them (see silenceCheck).
      long last = state.lastSeenStart + (long) (closeWindows + sustainWindows) * windowMs;
      for (long start = state.lastWindowStart + windowMs;
          start < window.start() && start <= last;
          start += windowMs) {
        step(state, account, service, ServiceWindow.silent(start), steps);
      }
    }
    step(state, account, service, window, steps);
    state.lastSeenStart = window.start();
    return steps;
  }

  /**
   * When a silent service's next window is judged although nothing came: the end of the window
   * after next (by then every window before it has arrived), or {@link Long#MAX_VALUE} once silence
   * has been judged for as long as inline gaps are.
   */
  long silenceCheck(ImpactState state) {
    long silent = (state.lastWindowStart - state.lastSeenStart) / windowMs;
    return silent >= closeWindows + sustainWindows
        ? Long.MAX_VALUE
        : state.lastWindowStart + 2 * windowMs;
  }

  /** Judges the service's next window as silent (it logged nothing); returns the steps. */
  List<Anomaly> judgeSilence(ImpactState state, String account, String service) {
    List<Anomaly> steps = new ArrayList<>();
    step(state, account, service, ServiceWindow.silent(state.lastWindowStart + windowMs), steps);
    return steps;
  }

  /** Ends the service's open impact at {@code time} as its state is forgotten, or returns null. */
  Anomaly expire(ImpactState state, String account, String service, long time) {
    if (!state.open) {
      return null;
    }
    state.open = false;
    return step(account, service, state, "CLOSE", time, null);
  }

  private void step(
      ImpactState state, String account, String service, ServiceWindow window, List<Anomaly> out) {
    WindowVerdict verdict = state.windows >= warmupWindows ? assess(state, window) : null;
    learn(state, window, verdict == null ? 1 : IMPACTED_WEIGHT);
    state.windows++;
    state.lastWindowStart = window.start();
    state.recent = (state.recent << 1) | (verdict == null ? 0 : 1);
    if (!state.open) {
      if (verdict != null && (verdict.extreme() || sustained(state.recent))) {
        state.open = true;
        state.start = window.start() - (firstImpacted(state.recent) * windowMs);
        state.clean = 0;
        state.kind = verdict.kind().code();
        state.severity = severity(state, verdict, window.start()).code();
        out.add(step(account, service, state, "OPEN", window.start(), verdict));
      }
      return;
    }
    if (verdict == null) {
      if (++state.clean >= closeWindows) {
        state.open = false;
        state.recent = 0;
        out.add(step(account, service, state, "CLOSE", window.start(), null));
      }
      return;
    }
    state.clean = 0;
    Severity severity = severity(state, verdict, window.start());
    if (severity.code() > state.severity) {
      state.severity = severity.code();
      state.kind = verdict.kind().code();
      out.add(step(account, service, state, "UPDATE", window.start(), verdict));
    }
  }

  /** The window's impact, or null: errors first, then lost traffic, then latency. */
  WindowVerdict assess(ImpactState state, ServiceWindow window) {
    boolean requestService = window.requests() > 0 || meanRequests(state) >= 1;
    WindowVerdict errors =
        requestService
            ? errors(window.failed(), window.requests(), rate(state.failedSum, state.requestedSum))
            : errors(window.errorLogs(), window.logs(), rate(state.errorLogSum, state.logSum));
    if (errors != null) {
      return errors;
    }
    WindowVerdict traffic = requestService ? traffic(state, window) : null;
    return traffic != null ? traffic : latency(state, window);
  }

  private WindowVerdict errors(long failed, long total, double baseline) {
    if (total == 0 || failed < settings.minFailed()) {
      return null;
    }
    double rate = (double) failed / total;
    boolean material =
        rate - baseline >= settings.minErrorIncrease()
            && rate >= settings.minErrorRatio() * baseline;
    if (!material
        || TailProbabilities.binomialAtLeast(failed, total, baseline) > settings.significance()) {
      return null;
    }
    boolean extreme = rate >= settings.extremeErrorRate() && failed >= 4 * settings.minFailed();
    return new WindowVerdict(
        ImpactKind.ERRORS, baseline, rate, ImpactKind.ERRORS.sizeLevel(baseline, rate), extreme);
  }

  private WindowVerdict traffic(ImpactState state, ServiceWindow window) {
    double expected = meanRequests(state);
    if (expected < settings.minExpectedRequests()
        || window.requests() > settings.maxTrafficShare() * expected
        || TailProbabilities.poissonAtMost(window.requests(), expected) > settings.significance()) {
      return null;
    }
    double observed = window.requests();
    return new WindowVerdict(
        ImpactKind.TRAFFIC,
        expected,
        observed,
        ImpactKind.TRAFFIC.sizeLevel(expected, observed),
        false);
  }

  private WindowVerdict latency(ImpactState state, ServiceWindow window) {
    if (state.logP99Weight <= 0 || window.latencyCount() == 0 || Double.isNaN(window.p99())) {
      return null;
    }
    double baseline = Math.exp(state.logP99Sum / state.logP99Weight);
    double threshold =
        Math.max(
            baseline * settings.minLatencyRatio(),
            baseline + settings.minLatencyIncrease().toMillis());
    if (window.p99() < threshold) {
      return null;
    }
    long slow = window.slowerThan(baseline);
    if (slow < settings.minSlow()
        || slow < settings.minSlowShare() * window.latencyCount()
        || TailProbabilities.binomialAtLeast(
                slow, window.latencyCount(), ImpactSettings.NORMAL_SLOW_SHARE)
            > settings.significance()) {
      return null;
    }
    return new WindowVerdict(
        ImpactKind.LATENCY,
        baseline,
        window.p99(),
        ImpactKind.LATENCY.sizeLevel(baseline, window.p99()),
        false);
  }

  private void learn(ImpactState state, ServiceWindow window, double weight) {
    state.requestSum = state.requestSum * decay + weight * window.requests();
    state.windowWeight = state.windowWeight * decay + weight;
    state.failedSum = state.failedSum * decay + weight * window.failed();
    state.requestedSum = state.requestedSum * decay + weight * window.requests();
    state.errorLogSum = state.errorLogSum * decay + weight * window.errorLogs();
    state.logSum = state.logSum * decay + weight * window.logs();
    if (window.latencyCount() >= MIN_BASELINE_LATENCIES && window.p99() > 0) {
      state.logP99Sum = state.logP99Sum * decay + weight * Math.log(window.p99());
      state.logP99Weight = state.logP99Weight * decay + weight;
    }
  }

  private static double meanRequests(ImpactState state) {
    return state.windowWeight <= 0 ? 0 : state.requestSum / state.windowWeight;
  }

  private static double rate(double failed, double total) {
    return Math.max(
        ImpactSettings.MIN_BASELINE_ERROR_RATE, total <= 0 ? 0 : failed / Math.max(total, 1));
  }

  /**
   * Whether the latest window and three quarters of the sustain windows (rounded up) are impacted.
   */
  private boolean sustained(int recent) {
    int mask = sustainWindows >= 31 ? -1 : (1 << sustainWindows) - 1;
    int needed = sustainWindows - sustainWindows / 4;
    return (recent & 1) == 1 && Integer.bitCount(recent & mask) >= needed;
  }

  /** How many windows back the earliest impacted window within the sustain windows is. */
  private int firstImpacted(int recent) {
    int mask = sustainWindows >= 31 ? -1 : (1 << sustainWindows) - 1;
    int bits = recent & mask;
    return bits == 0 ? 0 : 31 - Integer.numberOfLeadingZeros(bits);
  }

  private Severity severity(ImpactState state, WindowVerdict verdict, long windowStart) {
    long since = state.open ? state.start : windowStart;
    boolean lasting = windowStart + windowMs - since >= settings.escalateAfter().toMillis();
    return Severity.of(verdict.sizeLevel(), lasting);
  }

  private static Anomaly step(
      String account,
      String service,
      ImpactState state,
      String stepState,
      long time,
      WindowVerdict verdict) {
    Severity severity = Severity.ofCode(state.severity);
    return Anomaly.newBuilder()
        .setAnomalyId(
            account + "/" + service + "//" + DETECTOR + "@" + Instant.ofEpochMilli(state.start))
        .setAccount(account)
        .setService(service)
        .setMetric(ImpactKind.ofCode(state.kind).metric())
        .setState(stepState)
        .setStart(Instant.ofEpochMilli(state.start))
        .setTime(Instant.ofEpochMilli(time))
        .setScore(severity.score())
        .setDetectors(List.of(DETECTOR))
        .setExpected(verdict == null ? null : verdict.expected())
        .setObserved(verdict == null ? null : verdict.observed())
        .setSeverity(severity.name())
        .build();
  }
}
