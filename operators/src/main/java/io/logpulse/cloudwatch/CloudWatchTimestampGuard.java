package io.logpulse.cloudwatch;

import io.logpulse.common.JobMetrics;
import io.logpulse.deadletter.DeadLetterReason;
import io.logpulse.deadletter.DeadLetters;
import io.logpulse.schema.MetricWindow;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets through the window deltas CloudWatch will accept and sends the others to the dead-letter
 * output: CloudWatch rejects datums older than two weeks or more than two hours ahead, and a sink
 * has no side output, so the check runs before it. The limits keep a margin ({@link #MAX_AGE},
 * {@link #MAX_AHEAD}) for the time a datum waits for its checkpoint and for clock skew.
 */
public final class CloudWatchTimestampGuard extends ProcessFunction<MetricWindow, MetricWindow> {

  /** Oldest window start sent: two weeks less an hour of margin. */
  public static final Duration MAX_AGE = Duration.ofDays(14).minusHours(1);

  /** Furthest window start ahead of now sent: two hours less ten minutes of margin. */
  public static final Duration MAX_AHEAD = Duration.ofHours(2).minusMinutes(10);

  /** The stage named in dead letters. */
  public static final String STAGE = "cloudwatch";

  private transient JobMetrics metrics;

  @Override
  public void open(OpenContext openContext) {
    metrics = new JobMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(MetricWindow window, Context ctx, Collector<MetricWindow> out) {
    long now = ctx.timerService().currentProcessingTime();
    long start = window.getWindowStart().toEpochMilli();
    if (start < now - MAX_AGE.toMillis()) {
      reject(window, DeadLetterReason.CLOUDWATCH_TIMESTAMP_TOO_OLD, "older than " + MAX_AGE, ctx);
    } else if (start > now + MAX_AHEAD.toMillis()) {
      reject(
          window,
          DeadLetterReason.CLOUDWATCH_TIMESTAMP_TOO_FAR_AHEAD,
          "more than " + MAX_AHEAD + " ahead",
          ctx);
    } else {
      out.collect(window);
    }
  }

  private void reject(MetricWindow window, DeadLetterReason reason, String limit, Context ctx) {
    long now = ctx.timerService().currentProcessingTime();
    metrics.deadLetter(reason);
    ctx.output(
        DeadLetters.TAG,
        DeadLetters.ofEvent(
            null,
            window.getAccount(),
            null,
            window.getWindowStart().toEpochMilli(),
            window.toString(),
            reason,
            "metric window of "
                + window.getService()
                + " (revision "
                + window.getRevision()
                + ") starts at "
                + window.getWindowStart()
                + ", "
                + limit
                + " relative to the processing time; CloudWatch would reject it; payload is the"
                + " window delta",
            STAGE,
            now));
  }
}
