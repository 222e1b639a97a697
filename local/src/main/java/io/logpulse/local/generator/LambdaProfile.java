package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * A Lambda function's log stream in the runtime's own text format: {@code START}, application lines
 * ({@code <ISO>\t<requestId>\tINFO\t...}), {@code END} and {@code REPORT} with durations and memory
 * (plus {@code Init Duration} on cold starts). Failures are {@code Task timed out after N seconds}
 * lines, whose REPORT shows the full timeout.
 */
final class LambdaProfile implements LogProfile {

  private static final long serialVersionUID = 1L;
  private static final double COLD_START_RATE = 0.02;

  private final double medianDurationMs;
  private final int memoryMb;
  private final double timeoutSeconds;

  LambdaProfile(double medianDurationMs, int memoryMb, double timeoutSeconds) {
    this.medianDurationMs = medianDurationMs;
    this.memoryMb = memoryMb;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public int maxEventsPerUnit() {
    return 5;
  }

  @Override
  public void write(Unit unit, LogLines out) {
    SplittableRandom rng = unit.rng;
    StringBuilder requestId = new StringBuilder(36);
    Text.uuid(requestId, rng);
    boolean coldStart = rng.nextDouble() < COLD_START_RATE;
    boolean timedOut = rng.nextDouble() < unit.errorRate();
    double timeoutMs = timeoutSeconds * 1000;
    double duration =
        timedOut
            ? timeoutMs
            : Math.min(timeoutMs, Traffic.latencyMs(rng, medianDurationMs, unit.slowdown()));
    double initMs = coldStart ? 250 + rng.nextDouble() * 150 : 0;

    long begin = unit.after((long) initMs);
    out.begin(begin).append("START RequestId: ").append(requestId).append(" Version: $LATEST");
    out.commit();

    long appTime = unit.after((long) (initMs + duration * 0.3));
    StringBuilder app = out.begin(appTime);
    Text.isoMillis(app, appTime).append('\t').append(requestId).append("\tINFO\t");
    app.append("charge authorized amount=");
    Text.fixed(app, 5 + rng.nextDouble() * 300, 2).append(" currency=EUR merchant=m-");
    Text.hex(app, rng, 6);
    out.commit();

    long end = unit.after((long) (initMs + duration));
    if (timedOut) {
      StringBuilder line = out.begin(end);
      Text.isoMillis(line, end).append(' ').append(requestId).append(" Task timed out after ");
      Text.fixed(line, timeoutSeconds, 2).append(" seconds");
      out.commit();
    } else if (rng.nextDouble() < Traffic.CLIENT_ERROR_RATE / 4) {
      StringBuilder line = out.begin(end);
      Text.isoMillis(line, end).append('\t').append(requestId).append("\tWARN\t");
      line.append("card declined by processor code=insufficient_funds");
      out.commit();
    }

    out.begin(end).append("END RequestId: ").append(requestId);
    out.commit();

    StringBuilder report = out.begin(end);
    report.append("REPORT RequestId: ").append(requestId).append("\tDuration: ");
    Text.fixed(report, duration, 2).append(" ms\tBilled Duration: ");
    report.append((long) Math.ceil(duration + initMs)).append(" ms\tMemory Size: ");
    report.append(memoryMb).append(" MB\tMax Memory Used: ");
    report.append(memoryMb / 8 + rng.nextInt(memoryMb / 8)).append(" MB");
    if (coldStart) {
      Text.fixed(report.append("\tInit Duration: "), initMs, 2).append(" ms");
    }
    out.commit();
  }
}
